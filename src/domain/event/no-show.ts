import { fromShanghaiWall, shanghaiWall } from '../shared/calendar'
import type { ClubEvent } from './event'
import type { Signup } from './signup'

/** No-show rule settings (SPEC §7): `limit` no-shows within `windowMonths` block for `blockDays`. */
export type NoShowPolicy = { limit: number; windowMonths: number; blockDays: number }

export const DEFAULT_NO_SHOW_POLICY: NoShowPolicy = { limit: 3, windowMonths: 12, blockDays: 90 }

/** Whether an event has ended, so its no-shows can be recorded. */
export const hasEnded = (event: Pick<ClubEvent, 'endAt'>, now: Date) =>
  Date.parse(event.endAt) <= now.getTime()

/**
 * A confirmed member who never checked in is a no-show once the event has ended, dated by the
 * event's end. Null for anyone else (checked in, not confirmed, already marked) or before the end.
 */
export function markNoShow(
  event: Pick<ClubEvent, 'endAt'>,
  signup: Signup,
  now: Date,
): Signup | null {
  if (!hasEnded(event, now)) return null
  if (signup.status !== 'confirmed' || signup.checkedInAt || signup.noShowAt) return null
  return {
    ...signup,
    noShowAt: new Date(event.endAt).toISOString(),
    updatedAt: now.toISOString(),
    version: signup.version + 1,
  }
}

/**
 * When a member's sign-up block ends, given the end times of the events they did not show up for:
 * any `limit` no-shows within `windowMonths` of each other (on Shanghai's calendar) block sign-ups
 * for `blockDays` from the last of them. Null when no block is running at `now`.
 */
export function noShowBlockUntil(
  noShowAts: readonly string[],
  now: Date,
  policy: NoShowPolicy = DEFAULT_NO_SHOW_POLICY,
): string | null {
  const times = noShowAts
    .map((at) => Date.parse(at))
    .filter((t) => t <= now.getTime())
    .sort((a, b) => a - b)
  let until: number | null = null
  for (let last = policy.limit - 1; last < times.length; last++) {
    const first = times[last - policy.limit + 1] as number
    const lastAt = shanghaiWall(times[last] as number)
    if (fromShanghaiWall(lastAt.subtract(policy.windowMonths, 'month')).getTime() >= first) continue
    const end = fromShanghaiWall(lastAt.add(policy.blockDays, 'day')).getTime()
    until = Math.max(until ?? 0, end)
  }
  return until !== null && until > now.getTime() ? new Date(until).toISOString() : null
}
