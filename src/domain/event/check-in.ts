import { ok, type Result } from '../shared/result'
import type { ClubEvent } from './event'
import { alreadyCheckedIn, checkInClosed, eventCancelled, notConfirmed } from './event.errors'
import type { Signup } from './signup'

const HOUR = 60 * 60 * 1000
/** Check-in opens 2 hours before the start and closes 1 hour after the end. */
export const CHECK_IN_OPENS_BEFORE_MS = 2 * HOUR
export const CHECK_IN_CLOSES_AFTER_MS = HOUR

/** Whether check-in is open: from 2 hours before the start to 1 hour after the end, both included. */
export function isCheckInOpen(event: Pick<ClubEvent, 'startAt' | 'endAt'>, now: Date): boolean {
  const t = now.getTime()
  return (
    t >= Date.parse(event.startAt) - CHECK_IN_OPENS_BEFORE_MS &&
    t <= Date.parse(event.endAt) + CHECK_IN_CLOSES_AFTER_MS
  )
}

/**
 * A clerk checks a member in at the venue (SPEC §7): only a confirmed sign-up, once (a second scan
 * is refused as 已签到), within the check-in window. The caller credits the event's points.
 */
export function checkIn(
  event: ClubEvent,
  signup: Signup | null,
  staffId: string,
  now: Date,
): Result<{ event: ClubEvent; signup: Signup }> {
  if (event.status === 'cancelled') return eventCancelled()
  if (signup?.checkedInAt) return alreadyCheckedIn(signup.checkedInAt)
  if (signup?.status !== 'confirmed') return notConfirmed()
  if (!isCheckInOpen(event, now)) return checkInClosed()
  return ok({
    event: {
      ...event,
      checkedIn: event.checkedIn + 1,
      updatedAt: now.toISOString(),
      version: event.version + 1,
    },
    signup: {
      ...signup,
      checkedInAt: now.toISOString(),
      checkedInBy: staffId,
      updatedAt: now.toISOString(),
      version: signup.version + 1,
    },
  })
}
