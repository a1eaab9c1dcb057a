import * as tcb from '@cloudbase/node-sdk'
import { Cron } from 'croner'
import { main as eventsMain } from '../../../cloudfunctions/events/index'
import { JOB_TIMERS, main as jobsMain } from '../../../cloudfunctions/jobs/index'
import { COLLECTIONS } from '../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-schema'
import { jobTimers } from '../../../server/local-timers'
import { CLUB_TIME_ZONE } from '@/domain/shared/calendar'
import { addStaff, fixedClock, TEST_DATA_KEY } from '../../support/test-deps'
import { aPublishedEvent } from '../../support/event-flow'
import {
  cloudbaseStore,
  type CloudbaseDb,
} from '../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-store'
import { createDeps } from '../../../cloudfunctions/_shared/deps'
import { aPreparedDouble } from '../../support/cloudbase/double-store'
import { DOUBLE_ENV_ID, installDatabaseDouble } from '../../support/cloudbase/sdk-seam'
import { invokeAsCloudbase, timerEvent } from '../../support/cloudbase/invocation'
import type { CloudbaseDatabaseDouble } from '../../support/cloudbase/database-double'
import { aContractMember } from '../_shared/adapters/contract-member'
import rc from '../../../cloudbaserc.json'

/**
 * The batch jobs as CloudBase runs them, with CloudBase's limits enforced by the database double
 * on a virtual clock: every database request takes `REQUEST_MS` (an assumption: a function and its
 * database in one region answer in 5–20 ms; the slow end is taken), a transaction not committed
 * within 30 s is gone, an invocation has the jobs function's timeout from cloudbaserc.json, and
 * the timers fire as their cron says. Each run must finish within its days (the star adjustment
 * has 1 and 2 January, the expiry one day) for `SCALE` members (1M), each transaction and
 * invocation within its limit. `MEMBERS` are really run
 * (`CLOUDBASE_LIMITS_MEMBERS=100000` runs the whole scale); the rest is the same work again,
 * member for member, so the invocations needed grow in proportion.
 */
const REQUEST_MS = 15
const SCALE = 1_000_000
const MEMBERS = Number(process.env.CLOUDBASE_LIMITS_MEMBERS ?? 1_500)
const ENTRIES_PER_MEMBER = 3
/** How long one invocation of a job works before it leaves the rest to the next (adjust-stars.ts, expire-points.ts). */
const JOB_BUDGET_MS = 40_000
const timeoutMsOf = (name: string) => rc.functions.find((f) => f.name === name)!.timeout * 1000
const jobsTimeoutMs = timeoutMsOf('jobs')
const timerOf = (action: string) => jobTimers().find((t) => t.action === action)!
/** The new year begins at 00:00 Shanghai on 1 January 2027. */
const NEW_YEAR = Date.parse('2026-12-31T16:00:00.000Z')
const DAY_MS = 24 * 3600_000

/** When `cron` fires after `ms`, in Shanghai time as CloudBase runs it (7-part cron). */
const nextFiring = (cron: string, ms: number) =>
  new Cron(cron, { timezone: CLUB_TIME_ZONE, mode: '7-part', paused: true })
    .nextRun(new Date(ms))!
    .getTime()

/** How often `cron` fires in the `days` Shanghai days from `dayStart`. */
function firingsWithin(cron: string, dayStart: number, days: number): number {
  let count = 0
  const end = dayStart + days * DAY_MS
  for (let at = nextFiring(cron, dayStart - 1); at < end; at = nextFiring(cron, at)) count++
  return count
}

/** The days a job's timer has to get through its work: the star adjustment has 1 and 2 January. */
const DAYS_OF: Record<string, number> = { [JOB_TIMERS.starAdjustment]: 2 }

type Answer = { ok: boolean; data?: { status: string; processed: number } }
type Invocation = { ms: number; answer: Answer }

/**
 * Fires the timer of `action` as SCF does, from `dayStart` on, each firing one invocation of the
 * jobs function's main, until the run is done or the day is over.
 */
async function runTheDay(double: CloudbaseDatabaseDouble, action: string, dayStart: number) {
  const timer = timerOf(action)
  const invocations: Invocation[] = []
  for (
    let at = nextFiring(timer.cron, dayStart - 1);
    at < dayStart + DAY_MS;
    at = nextFiring(timer.cron, double.now())
  ) {
    double.advance(Math.max(0, at - double.now()))
    const started = double.now()
    const event = timerEvent(timer.name, new Date(at).toISOString())
    const answer = (await invokeAsCloudbase(jobsMain, event, { timer: true })) as Answer
    invocations.push({ ms: double.now() - started, answer })
    if (!answer.ok || answer.data?.status === 'done') break
  }
  return invocations
}

/** A double with the clock of `startAt`, moving the faked system clock with it. */
function aTimedDouble(startAt: number) {
  jest.setSystemTime(startAt)
  return aPreparedDouble({ startAt, onTick: (now) => jest.setSystemTime(now) })
}

/**
 * Points accounts of three lots each; one account in twelve has a lot past its date on 15 March
 * 2027, another in twelve one expiring within 30 days (a warning), the rest nothing due.
 */
async function seedAccounts(db: {
  collection(name: string): { add(docs: object[]): Promise<unknown> }
}) {
  const accounts = Array.from({ length: MEMBERS }, (_, i) => {
    const memberId = `m-${String(i).padStart(6, '0')}`
    const first = i % 12 === 0 ? '2027-03-01' : i % 12 === 1 ? '2027-04-01' : '2027-09-01'
    const lots = [first, '2027-10-01', '2027-11-01'].map((expires, j) => ({
      id: `lot-${memberId}-${j}`,
      earnedAt: `${Number(expires.slice(0, 4)) - 1}${expires.slice(4)}T02:00:00.000Z`,
      expiresAt: `${expires}T02:00:00.000Z`,
      remaining: 100,
    }))
    return { _id: memberId, balance: 300, lots, version: 1 }
  })
  for (let i = 0; i < accounts.length; i += 500) {
    await db.collection(COLLECTIONS.pointsAccounts).add(accounts.slice(i, i + 500))
  }
}

/** Members with a year of earnings, stored as the CloudBase adapter stores them. */
async function seedMembers(db: {
  collection(name: string): { add(docs: object[]): Promise<unknown> }
}) {
  const members = Array.from({ length: MEMBERS }, (_, i) => {
    const { id, ...rest } = aContractMember(`m-${String(i).padStart(6, '0')}`, {
      status: 'active',
    })
    return { _id: id, ...rest }
  })
  const entries = members.flatMap((member, i) =>
    Array.from({ length: ENTRIES_PER_MEMBER }, (_, j) => ({
      _id: `e-${member._id}-${j}`,
      memberId: member._id,
      type: 'earn',
      label: 'purchase',
      points: 100 + ((i * 37 + j * 11) % 900),
      reference: `purchase-${i}-${j}`,
      actorId: 'staff-clerk-1',
      requestId: null,
      at: `2026-0${1 + j}-15T04:00:00.000Z`,
      takes: [],
      lotId: `lot-${member._id}-${j}`,
      note: null,
    })),
  )
  for (let i = 0; i < members.length; i += 500) {
    await db.collection(COLLECTIONS.members).add(members.slice(i, i + 500))
  }
  for (let i = 0; i < entries.length; i += 500) {
    await db.collection(COLLECTIONS.pointsLedger).add(entries.slice(i, i + 500))
  }
}

beforeAll(() => {
  jest.useFakeTimers({
    now: NEW_YEAR,
    doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout', 'queueMicrotask'],
  })
  process.env.CLUB_DATA_KEY = TEST_DATA_KEY
})
afterAll(() => {
  jest.useRealTimers()
  delete process.env.CLUB_DATA_KEY
})

/** The limits every job run must keep, and the scale it must reach within its day. */
function itKeepsTheLimits(
  run: () => { double: CloudbaseDatabaseDouble; invocations: Invocation[]; dayStart: number },
  action: string,
) {
  it('keeps every transaction inside the 30 s CloudBase gives one', () => {
    const { double } = run()

    const longest = Math.max(...double.endedTransactions.map((tx) => tx.lifetimeMs))

    expect(double.endedTransactions.every((tx) => tx.state === 'committed')).toBe(true)
    expect(longest).toBeLessThan(30_000)
  })

  it("keeps every invocation inside the jobs function's timeout", () => {
    const { invocations } = run()

    const longest = Math.max(...invocations.map((invocation) => invocation.ms))

    expect(longest).toBeLessThan(jobsTimeoutMs)
  })

  it(`would get through ${SCALE.toLocaleString('en')} members within its days with the timer's firings`, () => {
    const { invocations, dayStart } = run()

    // The work grows with the members: the time spent on MEMBERS, scaled, in invocations that
    // each work up to the jobs' budget of 40 s.
    const workMs = invocations.reduce((total, invocation) => total + invocation.ms, 0)
    const needed = Math.ceil(((workMs / MEMBERS) * SCALE) / JOB_BUDGET_MS)

    expect(needed).toBeLessThanOrEqual(
      firingsWithin(timerOf(action).cron, dayStart, DAYS_OF[action] ?? 1),
    )
  })
}

describe(`the new-year star adjustment on CloudBase's limits (${REQUEST_MS} ms a request)`, () => {
  const scene = {
    double: undefined as unknown as CloudbaseDatabaseDouble,
    invocations: [] as Invocation[],
    dayStart: NEW_YEAR,
  }
  let uninstall: () => void

  beforeAll(async () => {
    scene.double = aTimedDouble(NEW_YEAR)
    uninstall = installDatabaseDouble(scene.double)
    await seedMembers(tcb.init({ env: DOUBLE_ENV_ID }).database())
    scene.double.options.latencyMs = REQUEST_MS
    scene.invocations = await runTheDay(scene.double, JOB_TIMERS.starAdjustment, NEW_YEAR)
  }, 600_000)
  afterAll(() => uninstall())

  it(`gives every one of ${MEMBERS} members a star, each invocation answering ok`, () => {
    const stars = scene.double.documents(COLLECTIONS.stars).filter((grant) => grant.year === 2027)

    expect(scene.invocations.every((run) => run.answer.ok)).toBe(true)
    expect(scene.invocations[scene.invocations.length - 1]!.answer.data?.status).toBe('done')
    expect(stars).toHaveLength(MEMBERS)
  })

  itKeepsTheLimits(() => scene, JOB_TIMERS.starAdjustment)
})

describe(`the daily points expiry on CloudBase's limits (${REQUEST_MS} ms a request)`, () => {
  /** 15 March 2027 in Shanghai. */
  const DAY = Date.parse('2027-03-14T16:00:00.000Z')
  const scene = {
    double: undefined as unknown as CloudbaseDatabaseDouble,
    invocations: [] as Invocation[],
    dayStart: DAY,
  }
  let uninstall: () => void

  beforeAll(async () => {
    scene.double = aTimedDouble(DAY)
    uninstall = installDatabaseDouble(scene.double)
    await seedAccounts(tcb.init({ env: DOUBLE_ENV_ID }).database())
    scene.double.options.latencyMs = REQUEST_MS
    scene.invocations = await runTheDay(scene.double, JOB_TIMERS.pointsExpiry, DAY)
  }, 600_000)
  afterAll(() => uninstall())

  it(`settles every one of ${MEMBERS} accounts: every lot past its date expired, and no other`, () => {
    const accounts = scene.double.documents(COLLECTIONS.pointsAccounts)
    const expired = scene.double
      .documents(COLLECTIONS.pointsLedger)
      .filter((entry) => entry.type === 'expire')

    expect(scene.invocations.every((run) => run.answer.ok)).toBe(true)
    expect(scene.invocations[scene.invocations.length - 1]!.answer.data?.status).toBe('done')
    expect(expired).toHaveLength(accounts.filter((_, i) => i % 12 === 0).length)
    expect(
      accounts.every((account) =>
        (account.lots as { expiresAt: string }[]).every((lot) => lot.expiresAt > '2027-03-14'),
      ),
    ).toBe(true)
  })

  itKeepsTheLimits(() => scene, JOB_TIMERS.pointsExpiry)
})

describe(`closing a selection of ${MEMBERS} applicants on CloudBase's limits (${REQUEST_MS} ms a request)`, () => {
  const DAY = Date.parse('2027-03-14T02:00:00.000Z')
  let double: CloudbaseDatabaseDouble
  let uninstall: () => void
  const calls: {
    ms: number
    answer: { ok: boolean; data?: { rejected: number; done: boolean } }
  }[] = []

  beforeAll(async () => {
    double = aTimedDouble(DAY)
    uninstall = installDatabaseDouble(double)
    const db = tcb.init({ env: DOUBLE_ENV_ID }).database() as unknown as CloudbaseDb
    const deps = createDeps(
      cloudbaseStore(db),
      { CLUB_DATA_KEY: TEST_DATA_KEY },
      {
        clock: fixedClock(new Date(DAY).toISOString()),
      },
    )
    const reviewer = await addStaff(deps, 'reviewer')
    const event = await aPublishedEvent(deps, { mode: 'selection', capacity: 10 })
    const signups = Array.from({ length: MEMBERS }, (_, i) => {
      const memberId = `m-${String(i).padStart(6, '0')}`
      return {
        _id: `${event.id}_${memberId}`,
        eventId: event.id,
        memberId,
        status: 'applied',
        seq: i + 1,
        acknowledged: false,
        createdAt: new Date(DAY).toISOString(),
        updatedAt: new Date(DAY).toISOString(),
        checkedInAt: null,
        checkedInBy: null,
        noShowAt: null,
        version: 1,
      }
    })
    for (let i = 0; i < signups.length; i += 500) {
      await db.collection(COLLECTIONS.eventSignups).add(signups.slice(i, i + 500))
    }
    double.options.latencyMs = REQUEST_MS
    // The staff page calls again until the function says it is done.
    for (let round = 0; round < 100; round++) {
      const started = double.now()
      const answer = (await invokeAsCloudbase(
        eventsMain,
        {
          action: 'closeSelection',
          payload: { eventId: event.id },
          requestId: `req-close-${round}`,
        },
        { openid: reviewer.openid },
      )) as (typeof calls)[number]['answer']
      calls.push({ ms: double.now() - started, answer })
      if (!answer.ok || answer.data?.done) break
    }
  }, 600_000)
  afterAll(() => uninstall())

  it('rejects every applicant once, over several calls, each answering ok', () => {
    const rejected = double
      .documents(COLLECTIONS.eventSignups)
      .filter((signup) => signup.status === 'rejected')

    expect(calls.length).toBeGreaterThan(1)
    expect(calls.every((call) => call.answer.ok)).toBe(true)
    expect(calls[calls.length - 1]!.answer.data?.done).toBe(true)
    expect(calls.reduce((sum, call) => sum + (call.answer.data?.rejected ?? 0), 0)).toBe(MEMBERS)
    expect(rejected).toHaveLength(MEMBERS)
  })

  it("keeps every transaction inside 30 s and every call inside the events function's timeout", () => {
    const longestTransaction = Math.max(...double.endedTransactions.map((tx) => tx.lifetimeMs))
    const longestCall = Math.max(...calls.map((call) => call.ms))

    expect(longestTransaction).toBeLessThan(30_000)
    expect(longestCall).toBeLessThan(timeoutMsOf('events'))
  })
})
