import { fromShanghaiWall, shanghaiWall } from '../shared/calendar'
import { ok, type Result } from '../shared/result'
import type { ClubEvent } from './event'
import {
  ackRequired,
  alreadySignedUp,
  cancelTooLate,
  eventCancelled,
  eventFull,
  notSelection,
  notSignedUp,
} from './event.errors'

/**
 * A member's sign-up (报名) for an event: `confirmed` holds a place, `waitlisted` waits in arrival
 * order, `applied` waits for staff selection, `rejected` was not selected, `cancelled` withdrew.
 */
export type SignupStatus = 'confirmed' | 'waitlisted' | 'applied' | 'rejected' | 'cancelled'

export type Signup = {
  eventId: string
  memberId: string
  status: SignupStatus
  /** Arrival order among the event's sign-ups (1, 2, 3 …); the waitlist is served in this order. */
  seq: number
  acknowledged: boolean
  createdAt: string
  updatedAt: string
  checkedInAt: string | null
  checkedInBy: string | null
  /** For a no-show: the end of the event missed (no-shows count by it, SPEC §7). */
  noShowAt: string | null
  version: number
}

/** Sign-ups that hold or wait for a place. */
export const isActiveSignup = (s: Signup | null): boolean =>
  s !== null && (s.status === 'confirmed' || s.status === 'waitlisted' || s.status === 'applied')

type Change = { event: ClubEvent; signup: Signup }

const bump = (event: ClubEvent, changes: Partial<ClubEvent>, now: Date): ClubEvent => ({
  ...event,
  ...changes,
  updatedAt: now.toISOString(),
  version: event.version + 1,
})

const moved = (signup: Signup, status: SignupStatus, now: Date): Signup => ({
  ...signup,
  status,
  updatedAt: now.toISOString(),
  version: signup.version + 1,
})

/**
 * A sign-up of an eligible member (check eligibility first): one active sign-up per member and
 * event; the acknowledgement accepted when the event has one. First come, first served: a place
 * while there is one, else the waitlist; selection mode: an application. Each sign-up takes the
 * next arrival number. A member who cancelled may sign up again, at the back.
 */
export function signUp(
  event: ClubEvent,
  existing: Signup | null,
  memberId: string,
  acknowledged: boolean,
  now: Date,
): Result<Change> {
  // Active, or turned down in a selection: either way this member has had their turn.
  if (isActiveSignup(existing) || existing?.status === 'rejected') return alreadySignedUp()
  if (event.acknowledgement && !acknowledged) return ackRequired()
  const seq = event.signups + 1
  const status: SignupStatus =
    event.mode === 'selection'
      ? 'applied'
      : event.confirmed < event.capacity
        ? 'confirmed'
        : 'waitlisted'
  const signup: Signup = {
    eventId: event.id,
    memberId,
    status,
    seq,
    acknowledged,
    createdAt: existing?.createdAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
    checkedInAt: null,
    checkedInBy: null,
    noShowAt: null,
    version: (existing?.version ?? 0) + 1,
  }
  const confirmed = event.confirmed + (status === 'confirmed' ? 1 : 0)
  return ok({ event: bump(event, { signups: seq, confirmed }, now), signup })
}

/**
 * The last moment a member may cancel: 16:00 Shanghai time on the day the event starts (SPEC §7) —
 * or the event's end, when it is over before then: a cancellation after the event would erase a
 * no-show the hourly job has not marked yet.
 */
export function cancellationDeadline(event: Pick<ClubEvent, 'startAt' | 'endAt'>): Date {
  const sixteen = fromShanghaiWall(shanghaiWall(event.startAt).startOf('day').add(16, 'hour'))
  const end = new Date(event.endAt)
  return end.getTime() < sixteen.getTime() ? end : sixteen
}

/** Whether a member may still cancel: before the deadline (15:59:59 yes, 16:00:00 no). */
export const isCancellable = (event: Pick<ClubEvent, 'startAt' | 'endAt'>, now: Date) =>
  now.getTime() < cancellationDeadline(event).getTime()

/**
 * A member cancels their sign-up before the deadline, and not once checked in. A confirmed place is given back: the caller
 * then promotes the first on the waitlist (see `promote`).
 */
export function cancelSignup(event: ClubEvent, signup: Signup | null, now: Date): Result<Change> {
  if (!signup || !isActiveSignup(signup)) return notSignedUp()
  if (signup.checkedInAt || !isCancellable(event, now)) return cancelTooLate()
  const freed = signup.status === 'confirmed' ? 1 : 0
  return ok({
    event: bump(event, { confirmed: event.confirmed - freed }, now),
    signup: moved(signup, 'cancelled', now),
  })
}

/**
 * A closed account (cancellation, withdrawal) gives up its places in events that have not ended,
 * whatever the 16:00 deadline: the member can no longer attend. Null when there is nothing to give
 * up (no active sign-up, already checked in, or the event is over).
 */
export function dropSignup(event: ClubEvent, signup: Signup, now: Date): Change | null {
  if (!isActiveSignup(signup) || signup.checkedInAt) return null
  if (new Date(event.endAt).getTime() <= now.getTime()) return null
  const freed = signup.status === 'confirmed' ? 1 : 0
  return {
    event: bump(event, { confirmed: event.confirmed - freed }, now),
    signup: moved(signup, 'cancelled', now),
  }
}

/** The first waitlisted member takes a free place (automatic on a cancellation, SPEC §7). */
export function promote(event: ClubEvent, waitlisted: Signup, now: Date): Result<Change> {
  if (event.status === 'cancelled') return eventCancelled()
  if (waitlisted.status !== 'waitlisted') return notSignedUp()
  if (event.confirmed >= event.capacity) return eventFull()
  return ok({
    event: bump(event, { confirmed: event.confirmed + 1 }, now),
    signup: moved(waitlisted, 'confirmed', now),
  })
}

/** Staff select an applicant of a selection-mode event, up to capacity. */
export function selectApplicant(
  event: ClubEvent,
  signup: Signup | null,
  now: Date,
): Result<Change> {
  if (event.mode !== 'selection') return notSelection()
  if (signup?.status !== 'applied') return notSignedUp()
  if (event.confirmed >= event.capacity) return eventFull()
  return ok({
    event: bump(event, { confirmed: event.confirmed + 1 }, now),
    signup: moved(signup, 'confirmed', now),
  })
}

/** An applicant not selected when staff close the selection; they are told. */
export function rejectApplicant(signup: Signup, now: Date): Signup {
  return signup.status === 'applied' ? moved(signup, 'rejected', now) : signup
}
