import { createDeps } from '../../../cloudfunctions/_shared/deps'
import type { Signup } from '../../../src/domain/event/signup'
import type { ClubEvent } from '../../../src/domain/event/event'
import { eventsFunction } from '../../../cloudfunctions/events/index'
import type { Envelope } from '../../../src/contracts/error-codes'
import { activeMembers, type SeededMember } from '../bulk-members'
import { aPublishedEvent } from '../event-flow'
import { callerOf } from '../registration-flow'
import { fixedClock, TEST_DATA_KEY } from '../test-deps'
import { aDoubleBackedStore } from './double-store'

export type CloudbaseBurst = {
  members: SeededMember[]
  replies: Envelope<unknown>[]
  /** What the handler logged for each failed reply (the error's text). */
  failures: string[]
  /** The event and its sign-up rows as stored afterwards. */
  event: ClubEvent | null
  rows: Signup[]
  transactions: { committed: number; aborted: number }
  requests: number
  seconds: number
}

/**
 * `count` members sign up at once for one event with `capacity` places, through the events
 * function on the CloudBase adapter (real node-sdk over the database double), every request
 * taking `wireMs` of real time on the wire so that the transactions overlap as on the network,
 * and the clock running in real time from the burst's start (a sign-up arrives when it is sent).
 * Seeding is done before and not counted; what the burst did is returned for checking.
 */
export async function aCloudbaseSignupBurst(
  count: number,
  capacity: number,
  wireMs: number,
  /** The first `first` members sign up at once; the rest at once too, `gapMs` later (default: all together). */
  waves: { first: number; gapMs: number } = { first: count, gapMs: 0 },
  /**
   * As the app does (events.store.ts): a sign-up answered EVENT.SIGNUP_QUEUED is sent again with
   * the same request id this long after, up to `retries` times (default: not sent again).
   */
  resend: { afterMs: number; retries: number } = { afterMs: 0, retries: 0 },
): Promise<CloudbaseBurst> {
  const { store, double, cleanup } = aDoubleBackedStore()
  try {
    const failures: string[] = []
    const logger = {
      error: (_message: string, details?: Record<string, unknown>) =>
        void failures.push(String(details?.error ?? '')),
    }
    const clock = fixedClock('2026-05-10T02:00:00.000Z')
    const deps = createDeps(store, { CLUB_DATA_KEY: TEST_DATA_KEY }, { clock, logger })
    const members = await activeMembers(deps, count)
    const published = await aPublishedEvent(deps, { capacity })
    const requestsBefore = double.requests.length
    const endedBefore = double.endedTransactions.length
    double.options.wireDelayMs = wireMs
    const started = performance.now()
    // From here the clock runs in real time, so that each sign-up arrives when it is sent.
    const epoch = clock.now().getTime()
    const running = { now: () => new Date(epoch + Math.floor(performance.now() - started)) }
    const burstDeps = { ...deps, clock: running }
    const send = (m: SeededMember, i: number) =>
      eventsFunction.handle(
        { action: 'signUp', payload: { eventId: published.id }, requestId: `burst-${i}-0000` },
        callerOf(m.openid),
        burstDeps,
      ) as Promise<Envelope<unknown>>
    const signUp = async (m: SeededMember, i: number) => {
      let reply = await send(m, i)
      for (let n = 0; n < resend.retries; n++) {
        if (reply.ok || reply.error.code !== 'EVENT.SIGNUP_QUEUED') break
        await new Promise((resolve) => setTimeout(resolve, resend.afterMs))
        reply = await send(m, i)
      }
      return reply
    }
    const later = new Promise((resolve) => setTimeout(resolve, waves.gapMs))
    const replies = (await Promise.all(
      members.map(async (m, i) => {
        if (i >= waves.first) await later
        return signUp(m, i)
      }),
    )) as Envelope<unknown>[]
    const seconds = (performance.now() - started) / 1000
    double.options.wireDelayMs = 0
    const ended = double.endedTransactions.slice(endedBefore)
    return {
      members,
      replies,
      failures,
      event: await deps.store.read.events.byId(published.id),
      rows: (await deps.store.read.signups.forEvent(published.id, null, 0, 1000)).items,
      transactions: {
        committed: ended.filter((t) => t.state === 'committed').length,
        aborted: ended.filter((t) => t.state === 'aborted').length,
      },
      requests: double.requests.length - requestsBefore,
      seconds,
    }
  } finally {
    await cleanup()
  }
}
