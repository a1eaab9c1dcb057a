/**
 * The sign-up burst on CloudBase, as far as the database double can show it: BENCH_CB_SIGNUPS
 * members (default 100) sign up at once for one event with 20 places, through the events function
 * and the real node-sdk, with every database request taking BENCH_CB_WIRE_MS of real time
 * (default 10: half out, half back), so that concurrent transactions overlap as they do on the
 * network (tests/support/cloudbase/signup-burst.ts); a member told the sign-up is still queued
 * sends it again as the app does. Prints how many got an answer that is a
 * sign-up, how long the last answer took, the transactions committed and aborted (write
 * conflicts) and the requests made. The invariants are checked afterwards: never more confirmed
 * than the places, the event's counters equal to its rows, arrival numbers in order of arrival.
 */
import { aCloudbaseSignupBurst } from '../tests/support/cloudbase/signup-burst'
import type { Figure } from './bench-figure'

const CAPACITY = 20

export async function cloudbaseBurstFigures(): Promise<Figure[]> {
  const n = Number(process.env.BENCH_CB_SIGNUPS ?? 100)
  const wireMs = Number(process.env.BENCH_CB_WIRE_MS ?? 10)
  // Sent again as the app does while a sign-up is still queued (every 5 s, up to 12 times).
  const burst = await aCloudbaseSignupBurst(
    n,
    CAPACITY,
    wireMs,
    { first: n, gapMs: 0 },
    { afterMs: 5000, retries: 12 },
  )
  const confirmed = burst.rows.filter((r) => r.status === 'confirmed').length
  const { event } = burst
  if (
    confirmed > CAPACITY ||
    event?.confirmed !== confirmed ||
    event.signups !== burst.rows.length
  ) {
    throw new Error(
      `CloudBase burst broke an invariant: ${confirmed} confirmed rows of ${CAPACITY} places, ` +
        `counters ${event?.confirmed}/${event?.signups} for ${burst.rows.length} rows`,
    )
  }
  // First come, first served: arrival numbers follow the instants of arrival.
  const arrivals = [...burst.rows].sort((a, b) => a.seq - b.seq).map((r) => r.createdAt)
  if (arrivals.some((at, i) => i > 0 && at < arrivals[i - 1]!)) {
    throw new Error('CloudBase burst: arrival numbers out of the order of arrival')
  }
  const signedUp = burst.replies.filter((r) => r.ok).length
  const queued = burst.replies.filter((r) => !r.ok && r.error.code === 'EVENT.SIGNUP_QUEUED').length
  const errors = n - signedUp - queued
  const label = `CloudBase sign-up burst, ${n} at once for ${CAPACITY} places, ${wireMs} ms a request`
  console.log(
    `${label}: ${signedUp} signed up in arrival order, ${queued} still queued when their call ` +
      `had to answer, ${errors} errors, in ${burst.seconds.toFixed(1)} s; ` +
      `${burst.transactions.committed} transactions committed, ${burst.transactions.aborted} ` +
      `aborted on conflicts, ${burst.requests} requests; invariants hold`,
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
      id: 'cloudbase.signup_burst.errors',
      name: `${label}: errors`,
      value: errors,
      unit: 'members',
    },
    {
      id: 'cloudbase.signup_burst.seconds',
      name: `${label}: until the last answer`,
      value: burst.seconds,
      unit: 's',
    },
    {
      id: 'cloudbase.signup_burst.aborted',
      name: `${label}: transactions aborted (write conflicts)`,
      value: burst.transactions.aborted,
      unit: 'tx',
    },
    {
      id: 'cloudbase.signup_burst.committed',
      name: `${label}: transactions committed`,
      value: burst.transactions.committed,
      unit: 'tx',
    },
    {
      id: 'cloudbase.signup_burst.requests',
      name: `${label}: database requests`,
      value: burst.requests,
      unit: 'requests',
      ratio: burst.requests / n,
      vs: 'per member',
    },
  ]
}
