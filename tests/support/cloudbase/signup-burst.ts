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
 * taking `wireMs` of real time on the wire so that the transactions overlap as on the network.
 * Seeding is done before and not counted; what the burst did is returned for checking.
 */
export async function aCloudbaseSignupBurst(
  count: number,
  capacity: number,
  wireMs: number,
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
    const replies = (await Promise.all(
      members.map((m, i) =>
        eventsFunction.handle(
          { action: 'signUp', payload: { eventId: published.id }, requestId: `burst-${i}-0000` },
          callerOf(m.openid),
          deps,
        ),
      ),
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
