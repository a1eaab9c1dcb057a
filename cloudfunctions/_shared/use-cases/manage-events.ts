import type {
  AdminEventPage,
  EventDraftInput,
  EventView,
} from '../../../src/contracts/events.contract'
import {
  cancelEvent as cancel,
  checkEventDraft,
  createEvent,
  editEvent,
  publishEvent as publish,
} from '../../../src/domain/event/draft'
import type { ClubEvent, EventDraft } from '../../../src/domain/event/event'
import { eventNotFound } from '../../../src/domain/event/event.errors'
import { isActiveSignup, promote, type Signup } from '../../../src/domain/event/signup'
import { writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import type { StarValue } from '../../../src/domain/star/star'
import { auditOf } from '../audit'
import { requireStaff, type Caller } from '../caller'
import { eventView } from '../event-views'
import { idempotent } from '../idempotent'
import { publishedBroadcast } from '../notification-producers'
import type { Deps, Repositories } from '../ports'

/** Sign-ups read per query when notifying everyone signed up. */
const NOTIFY_PAGE = 100

/** Every event for the admin, drafts included, latest start first. */
export async function adminListEvents(
  deps: Deps,
  caller: Caller,
  input: { offset: number; limit: number },
): Promise<Result<AdminEventPage>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const page = await deps.store.read.events.list(
    { statuses: ['draft', 'published', 'cancelled'] },
    input.offset,
    input.limit,
  )
  return ok({ items: page.items.map(eventView), total: page.total })
}

/**
 * An admin creates an event (unpublished) or edits one from the version read (SPEC §7): the
 * fields' rules between each other, no edit once started, never fewer places than confirmed.
 */
export async function saveEvent(
  deps: Deps,
  caller: Caller,
  input: EventDraftInput,
  requestId: string,
): Promise<Result<EventView>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const { id, version, ...fields } = input
  const draft: EventDraft = { ...fields, minStar: fields.minStar as StarValue | null }
  const checked = checkEventDraft(draft)
  if (!checked.ok) return checked
  const key = { requestId, openid: caller.openid, fn: 'events', action: 'save' }
  return idempotent(deps, key, async (tx) => {
    const now = deps.clock.now()
    let saved: ClubEvent
    if (id) {
      const stored = await tx.events.byId(id)
      if (!stored) return eventNotFound()
      if (version !== undefined && version !== stored.version) return writeConflict()
      const edited = editEvent(stored, draft, now)
      if (!edited.ok) return edited
      saved = await promoteIntoNewPlaces(tx, edited.data, now)
      // One save of the event from the version read, whatever the promotions counted.
      saved = { ...saved, version: stored.version + 1 }
    } else {
      saved = createEvent(deps.ids.next(), draft, admin.data.id, now)
    }
    if (!(await tx.events.save(saved)).ok) return writeConflict()
    await tx.audit.append(
      auditOf(deps, admin.data, {
        action: id ? 'event.edit' : 'event.create',
        targetType: 'event',
        targetId: saved.id,
        before: null,
        after: { title: saved.title, capacity: saved.capacity, startAt: saved.startAt },
        reason: null,
        requestId,
        now,
      }),
    )
    return ok(eventView(saved))
  })
}

/**
 * More places on a first-come event go to the waitlist first, in arrival order (each promoted
 * member is told), so nobody signing up later overtakes them.
 */
async function promoteIntoNewPlaces(
  tx: Repositories,
  event: ClubEvent,
  now: Date,
): Promise<ClubEvent> {
  let current = event
  while (current.mode === 'fcfs' && current.confirmed < current.capacity) {
    const next = await tx.signups.firstWaitlisted(current.id)
    if (!next) break
    const promoted = promote(current, next, now)
    if (!promoted.ok) break
    current = promoted.data.event
    if (!(await tx.signups.save(promoted.data.signup)).ok) throw new Error('sign-up changed')
    await tx.outbox.add({
      id: `event-promoted:${current.id}:${next.memberId}:${next.seq}`,
      memberId: next.memberId,
      kind: 'event.promoted',
      payload: { eventId: current.id, title: current.title, startAt: current.startAt },
      createdAt: now.toISOString(),
      status: 'pending',
    })
  }
  return current
}

/** Publishing shows the event to members. */
export async function publishEvent(
  deps: Deps,
  caller: Caller,
  input: { eventId: string },
  requestId: string,
): Promise<Result<EventView>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const key = { requestId, openid: caller.openid, fn: 'events', action: 'publish' }
  return idempotent(deps, key, async (tx) => {
    const event = await tx.events.byId(input.eventId)
    if (!event) return eventNotFound()
    const now = deps.clock.now()
    const published = publish(event, now)
    if (!published.ok) return published
    if (published.data !== event) {
      if (!(await tx.events.save(published.data)).ok) return writeConflict()
      await tx.audit.append(
        auditOf(deps, admin.data, {
          action: 'event.publish',
          targetType: 'event',
          targetId: event.id,
          before: { status: event.status },
          after: { status: 'published' },
          reason: null,
          requestId,
          now,
        }),
      )
      await tx.broadcasts.add(publishedBroadcast(published.data, now))
    }
    return ok(eventView(published.data))
  })
}

/**
 * An admin cancels an event with a reason; every member signed up (confirmed, waitlisted or
 * applied) is notified. The cancellation commits first; the notices follow in pages, each queued
 * once by its id, so retrying the request after a failure only completes the notices.
 */
export async function cancelEvent(
  deps: Deps,
  caller: Caller,
  input: { eventId: string; reason: string },
  requestId: string,
): Promise<Result<EventView>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const key = { requestId, openid: caller.openid, fn: 'events', action: 'cancel' }
  const result = await idempotent(deps, key, async (tx) => {
    const event = await tx.events.byId(input.eventId)
    if (!event) return eventNotFound()
    const now = deps.clock.now()
    const cancelled = cancel(event, input.reason, now)
    if (!cancelled.ok) return cancelled
    if (!(await tx.events.save(cancelled.data)).ok) return writeConflict()
    await tx.audit.append(
      auditOf(deps, admin.data, {
        action: 'event.cancel',
        targetType: 'event',
        targetId: event.id,
        before: { status: event.status },
        after: { status: 'cancelled' },
        reason: input.reason,
        requestId,
        now,
      }),
    )
    return ok(eventView(cancelled.data))
  })
  if (result.ok) await notifyCancellation(deps, result.data)
  return result
}

async function notifyCancellation(deps: Deps, event: EventView): Promise<void> {
  for (let offset = 0; ; offset += NOTIFY_PAGE) {
    const page = await deps.store.read.signups.forEvent(event.id, null, offset, NOTIFY_PAGE)
    const signedUp = page.items.filter((s: Signup) => isActiveSignup(s))
    if (signedUp.length > 0) {
      await deps.store.transaction(async (tx: Repositories) => {
        for (const s of signedUp) {
          await tx.outbox.add({
            id: `event-cancelled:${event.id}:${s.memberId}`,
            memberId: s.memberId,
            kind: 'event.cancelled',
            payload: {
              eventId: event.id,
              title: event.title,
              startAt: event.startAt,
              reason: event.cancelReason,
            },
            createdAt: deps.clock.now().toISOString(),
            status: 'pending',
          })
        }
      })
    }
    if (offset + NOTIFY_PAGE >= page.total) return
  }
}
