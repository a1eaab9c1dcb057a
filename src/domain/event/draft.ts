import { ok, type Result } from '../shared/result'
import type { ClubEvent, EventDraft } from './event'
import {
  alreadyStarted,
  capacityBelowConfirmed,
  draftInvalid,
  eventCancelled,
} from './event.errors'

const at = (iso: string) => Date.parse(iso)

/**
 * The rules between an event's fields: the sign-up window opens before it closes, closes no later
 * than the start, and the event ends after it starts. Each broken rule is a field message.
 */
export function checkEventDraft(draft: EventDraft): Result<EventDraft> {
  const fields: Record<string, string> = {}
  if (at(draft.endAt) <= at(draft.startAt)) fields.endAt = '结束时间须晚于开始时间'
  if (at(draft.signupClosesAt) <= at(draft.signupOpensAt))
    fields.signupClosesAt = '报名截止须晚于报名开始'
  else if (at(draft.signupClosesAt) > at(draft.startAt))
    fields.signupClosesAt = '报名截止不能晚于活动开始'
  return Object.keys(fields).length ? draftInvalid(fields) : ok(draft)
}

/** A new event, unpublished. */
export function createEvent(id: string, draft: EventDraft, by: string, now: Date): ClubEvent {
  return {
    ...draft,
    id,
    status: 'draft',
    confirmed: 0,
    signups: 0,
    checkedIn: 0,
    noShowsMarked: false,
    cancelReason: null,
    createdBy: by,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    publishedAt: null,
    version: 1,
  }
}

/**
 * An edit of an event: not once it has started or been cancelled; never fewer places than
 * members already confirmed; the mode stays once anyone has signed up.
 */
export function editEvent(event: ClubEvent, draft: EventDraft, now: Date): Result<ClubEvent> {
  if (event.status === 'cancelled') return eventCancelled()
  if (at(event.startAt) <= now.getTime()) return alreadyStarted()
  if (draft.capacity < event.confirmed) return capacityBelowConfirmed(event.confirmed)
  if (draft.mode !== event.mode && event.signups > 0) {
    return draftInvalid({ mode: '已有会员报名，不能更改报名方式' })
  }
  return ok({ ...event, ...draft, updatedAt: now.toISOString(), version: event.version + 1 })
}

/** Publishing makes an unpublished event visible to members; publishing twice changes nothing. */
export function publishEvent(event: ClubEvent, now: Date): Result<ClubEvent> {
  if (event.status === 'cancelled') return eventCancelled()
  if (event.status === 'published') return ok(event)
  return ok({
    ...event,
    status: 'published',
    publishedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: event.version + 1,
  })
}

/** Cancelling an event (with a reason every signed-up member is told). */
export function cancelEvent(event: ClubEvent, reason: string, now: Date): Result<ClubEvent> {
  if (event.status === 'cancelled') return eventCancelled()
  return ok({
    ...event,
    status: 'cancelled',
    cancelReason: reason,
    updatedAt: now.toISOString(),
    version: event.version + 1,
  })
}
