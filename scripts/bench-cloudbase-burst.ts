/**
 * The sign-up burst on CloudBase, as far as the database double can show it: BENCH_CB_SIGNUPS
 * members (default 100) sign up at once for one event with 20 places, through the events function
 * and the real node-sdk, with every database request taking BENCH_CB_WIRE_MS of real time
 * (default 10: half out, half back), so that concurrent transactions overlap as they do on the
 * network. Prints how many got an answer that is a sign-up, how many an error, the transactions
 * committed and aborted (write conflicts), and the requests made. The invariants are checked
 * afterwards: never more confirmed than the places, the event's counters equal to its rows.
 */
import { createDeps } from '../cloudfunctions/_shared/deps'
import { eventsFunction } from '../cloudfunctions/events/index'
import { activeMembers } from '../tests/support/bulk-members'
import { aDoubleBackedStore } from '../tests/support/cloudbase/double-store'
import { aPublishedEvent } from '../tests/support/event-flow'
import { callerOf } from '../tests/support/registration-flow'
import { fixedClock, TEST_DATA_KEY } from '../tests/support/test-deps'
import type { Figure } from './bench-figure'

const CAPACITY = 20

export async function cloudbaseBurstFigures(): Promise<Figure[]> {
  const n = Number(process.env.BENCH_CB_SIGNUPS ?? 100)
  const wireMs = Number(process.env.BENCH_CB_WIRE_MS ?? 10)
  const { store, double, cleanup } = aDoubleBackedStore()
  try {
    const clock = fixedClock('2026-05-10T02:00:00.000Z')
    // The failures are counted (and shown as the errors figure), not printed one by one.
    const logged: string[] = []
    const logger = {
      error: (_message: string, details?: Record<string, unknown>) =>
        void logged.push(String(details?.error ?? '')),
    }
    const deps = createDeps(store, { CLUB_DATA_KEY: TEST_DATA_KEY }, { clock, logger })
    const members = await activeMembers(deps, n)
    const event = await aPublishedEvent(deps, { capacity: CAPACITY })
    double.options.wireDelayMs = wireMs
    const requestsBefore = double.requests.length
    const endedBefore = double.endedTransactions.length
    const started = performance.now()
    const replies = await Promise.all(
      members.map((m, i) =>
        eventsFunction.handle(
          { action: 'signUp', payload: { eventId: event.id }, requestId: `cb-burst-${i}-0000` },
          callerOf(m.openid),
          deps,
        ),
      ),
    )
    const seconds = (performance.now() - started) / 1000
    double.options.wireDelayMs = 0
    const ended = double.endedTransactions.slice(endedBefore)
    const signedUp = replies.filter((r) => r.ok).length
    const stored = await deps.store.read.events.byId(event.id)
    const confirmedRows = (await deps.store.read.signups.forEvent(event.id, 'confirmed', 0, 1))
      .total
    const allRows = (await deps.store.read.signups.forEvent(event.id, null, 0, 1)).total
    if (
      confirmedRows > CAPACITY ||
      stored?.confirmed !== confirmedRows ||
      stored.signups !== allRows
    ) {
      throw new Error(
        `CloudBase burst broke an invariant: ${confirmedRows} confirmed rows of ${CAPACITY} ` +
          `places, counters ${stored?.confirmed}/${stored?.signups} for ${allRows} rows`,
      )
    }
    const label = `CloudBase sign-up burst, ${n} at once for ${CAPACITY} places, ${wireMs} ms a request`
    const conflicts = logged.filter((e) => e.includes('TransactionConflict')).length
    console.log(
      `${label}: ${signedUp} signed up, ${n - signedUp} errors (${conflicts} of them write ` +
        `conflicts past the last attempt), in ${seconds.toFixed(1)} s; invariants hold`,
    )
    return [
      {
        id: 'cloudbase.signup_burst.signed_up',
        name: `${label}: answered with a sign-up`,
        value: signedUp,
        unit: 'members',
        ratio: signedUp / n,
        vs: 'all',
      },
      {
        id: 'cloudbase.signup_burst.aborted',
        name: `${label}: transactions aborted (write conflicts)`,
        value: ended.filter((t) => t.state === 'aborted').length,
        unit: 'tx',
      },
      {
        id: 'cloudbase.signup_burst.committed',
        name: `${label}: transactions committed`,
        value: ended.filter((t) => t.state === 'committed').length,
        unit: 'tx',
      },
      {
        id: 'cloudbase.signup_burst.requests',
        name: `${label}: database requests`,
        value: double.requests.length - requestsBefore,
        unit: 'requests',
      },
    ]
  } finally {
    await cleanup()
  }
}
