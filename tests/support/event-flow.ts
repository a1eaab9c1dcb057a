import type { Deps, StaffRecord } from '../../cloudfunctions/_shared/ports'
import { publishEvent, saveEvent } from '../../cloudfunctions/_shared/use-cases/manage-events'
import type { EventDraftInput, EventView } from '@/contracts/events.contract'
import { callerOf } from './registration-flow'
import { addStaff, newRequestId } from './test-deps'

const HOUR = 60 * 60 * 1000

/**
 * An event draft relative to the clock: sign-up open from an hour ago for a week, the event 8 days
 * from now for 3 hours, 10 places, 50 points, open to every member, first come first served.
 */
export function anEventDraft(
  deps: Deps,
  overrides: Partial<EventDraftInput> = {},
): EventDraftInput {
  const now = deps.clock.now().getTime()
  const start = now + 8 * 24 * HOUR
  return {
    kind: 'tasting',
    title: '新品品鉴会',
    description: '年度新品品鉴，现场讲解与试饮。',
    coverImage: null,
    place: '南京市鼓楼区中山北路100号',
    contact: '周敏 025-12345678',
    startAt: new Date(start).toISOString(),
    endAt: new Date(start + 3 * HOUR).toISOString(),
    signupOpensAt: new Date(now - HOUR).toISOString(),
    signupClosesAt: new Date(now + 7 * 24 * HOUR).toISOString(),
    capacity: 10,
    attendancePoints: 50,
    clubOnly: false,
    minStar: null,
    acknowledgement: null,
    mode: 'fcfs',
    ...overrides,
  }
}

/** A published event made by an admin through the use cases; fails the test if refused. */
export async function aPublishedEvent(
  deps: Deps,
  overrides: Partial<EventDraftInput> = {},
  admin?: StaffRecord,
): Promise<EventView> {
  const by = callerOf((admin ?? (await addStaff(deps, 'admin'))).openid)
  const saved = await saveEvent(deps, by, anEventDraft(deps, overrides), newRequestId())
  if (!saved.ok) throw new Error(`event refused: ${JSON.stringify(saved.error)}`)
  const published = await publishEvent(deps, by, { eventId: saved.data.id }, newRequestId())
  if (!published.ok) throw new Error(`publish refused: ${JSON.stringify(published.error)}`)
  return published.data
}

/** The edit form of a stored event: every field as it is, ready to change one. */
export function editOf(event: EventView): EventDraftInput {
  return {
    id: event.id,
    kind: event.kind,
    title: event.title,
    description: event.description,
    coverImage: event.coverImage,
    place: event.place,
    contact: event.contact,
    startAt: event.startAt,
    endAt: event.endAt,
    signupOpensAt: event.signupOpensAt,
    signupClosesAt: event.signupClosesAt,
    capacity: event.capacity,
    attendancePoints: event.attendancePoints,
    clubOnly: event.clubOnly,
    minStar: event.minStar,
    acknowledgement: event.acknowledgement,
    mode: event.mode,
  }
}
