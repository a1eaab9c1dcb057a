import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { openSqliteStore } from '../../cloudfunctions/_shared/adapters/sqlite/sqlite-store'
import { createDeps } from '../../cloudfunctions/_shared/deps'
import { getMyCard } from '../../cloudfunctions/_shared/use-cases/card-use-cases'
import { seedStarAdjustment } from '../../scripts/bench-star-seed'
import { buildLocalHost } from '../../server/app'
import { DEMO_IDENTITIES } from '../../server/demo-identities'
import { FUNCTIONS } from '../../server/functions'
import { createJobPool, isHeavyCall } from '../../server/job-pool'
import { seedDemoData } from '../../server/seed-demo'
import { cardCode, timeStep } from '../../src/domain/card/card-code'
import { shanghaiYear } from '../../src/domain/shared/calendar'
import { httpClient } from '../support/local-host-client'
import { TEST_DATA_KEY } from '../support/test-deps'

describe('isHeavyCall: what runs in the job thread', () => {
  it.each([
    ['jobs', 'adjustStars', true],
    ['jobs', 'expirePoints', true],
    ['jobs', 'markNoShows', true],
    ['jobs', 'sendNotifications', true],
    ['admin', 'reports', true],
    ['admin', 'exportReport', true],
    ['jobs', 'adjustmentProgress', false],
    ['jobs', 'expiryProgress', false],
    ['card', 'verify', false],
    ['points', 'earnPurchase', false],
    ['admin', 'workbench', false],
  ])('%s.%s → %p', (fn, action, heavy) => {
    expect(isHeavyCall(fn, { action, payload: {} })).toBe(heavy)
  })

  it('never takes a body without an action name', () => {
    expect(isHeavyCall('jobs', null)).toBe(false)
    expect(isHeavyCall('jobs', { action: 42 })).toBe(false)
  })
})

/** Members of the big seed: enough that the adjustment runs many steps in the job thread. */
const MEMBERS = 20_000

describe('the local host with its job thread (real HTTP, one SQLite file, two threads)', () => {
  let dir: string
  let close: () => Promise<void>
  let client: ReturnType<typeof httpClient>
  let memberCode: () => Promise<string>

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'club-jobs-'))
    const dbFile = join(dir, 'club.db')
    await openSqliteStore(dbFile).close()
    seedStarAdjustment(dbFile, MEMBERS, shanghaiYear(new Date()) - 1)
    const store = openSqliteStore(dbFile)
    const env = { CLUB_DATA_KEY: TEST_DATA_KEY }
    const deps = createDeps(store, env)
    await seedDemoData(deps)
    const jobs = createJobPool({ dbFile, env })
    const app = buildLocalHost({
      functions: FUNCTIONS,
      deps,
      jobs,
      sessionSecret: 'job-pool-test-secret-job-pool-test-secret',
      identities: DEMO_IDENTITIES,
    })
    await app.listen({ host: '127.0.0.1', port: 0 })
    client = httpClient(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`)
    memberCode = async () => {
      const card = await getMyCard(deps, { openid: 'o_demo_member', unionid: null })
      if (!card.ok) throw new Error(card.error.code)
      const secret = new Uint8Array(Buffer.from(card.data.secret, 'base64'))
      return cardCode(secret, card.data, timeStep(deps.clock.now()))
    }
    close = async () => {
      await app.close()
      await jobs.close()
      await store.close()
    }
  }, 120_000)

  afterAll(async () => {
    await close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers the progress and a clerk’s card verify while the annual adjustment runs in the job thread, and the job completes', async () => {
    const admin = await client.signIn('o_demo_admin')
    const clerk = await client.signIn('o_demo_clerk')
    // The thread is started and warm before the long job.
    expect((await client.call(admin, 'jobs', 'markNoShows', {}, 'warm-up-the-job-thread')).ok).toBe(
      true,
    )

    let adjustmentAnswered = false
    const adjustment = client
      .call(admin, 'jobs', 'adjustStars', {}, 'adjust-in-the-job-thread')
      .finally(() => (adjustmentAnswered = true))
    // Under way: some members done, not all (the host's thread answers while the job works).
    let progress: { status: string; processed: number; total: number } | undefined
    do {
      const answer = await client.call(admin, 'jobs', 'adjustmentProgress', {})
      progress = answer.data as typeof progress
    } while (progress?.status === 'idle' || (progress?.status === 'running' && !progress.processed))
    const verified = await client.call(
      clerk,
      'card',
      'verify',
      { code: await memberCode() },
      'verify-during-the-job',
    )
    const answeredBeforeTheJob = !adjustmentAnswered

    expect(progress?.status).toBe('running')
    expect(verified).toMatchObject({ ok: true, data: { realName: '王建国' } })
    expect(answeredBeforeTheJob).toBe(true)
    expect(progress!.processed).toBeLessThan(progress!.total)
    const done = await adjustment
    expect(done).toMatchObject({ ok: true, data: { status: 'done' } })
    expect((done.data as { processed: number }).processed).toBe(MEMBERS + 3)
  }, 120_000)

  it('gives the same answer as the handler in the host’s thread: a refusal keeps its code', async () => {
    const member = await client.signIn('o_demo_member')

    const refused = await client.call(member, 'jobs', 'adjustStars', {}, 'member-tries-a-job')

    expect(refused).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})
