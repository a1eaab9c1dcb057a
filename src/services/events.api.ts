import type {
  AdminEventPage,
  CheckInOutcome,
  CsvExport,
  EventDraftInput,
  EventView,
  MemberEventPage,
  MemberEventView,
  MySignupView,
  RosterView,
} from '@/contracts/events.contract'
import type { EventKind } from '@/domain/event/event'
import type { SignupStatus } from '@/domain/event/signup'
import { callFunction } from './cloud'

export const eventsApi = {
  list: (query: { kind?: EventKind; when: 'upcoming' | 'past'; offset?: number; limit?: number }) =>
    callFunction<MemberEventPage>('events', 'list', query),
  detail: (eventId: string) => callFunction<MemberEventView>('events', 'detail', { eventId }),
  signUp: (eventId: string, acknowledged: boolean, requestId: string) =>
    callFunction<MySignupView>('events', 'signUp', { eventId, acknowledged }, requestId),
  cancelSignup: (eventId: string, requestId: string) =>
    callFunction<MySignupView>('events', 'cancelSignup', { eventId }, requestId),
  mySignups: () => callFunction<MemberEventView[]>('events', 'mySignups'),
  adminList: (offset = 0, limit = 50) =>
    callFunction<AdminEventPage>('events', 'adminList', { offset, limit }),
  save: (draft: EventDraftInput, requestId: string) =>
    callFunction<EventView>('events', 'save', draft, requestId),
  publish: (eventId: string, requestId: string) =>
    callFunction<EventView>('events', 'publish', { eventId }, requestId),
  cancel: (eventId: string, reason: string, requestId: string) =>
    callFunction<EventView>('events', 'cancel', { eventId, reason }, requestId),
  roster: (eventId: string, status?: SignupStatus, offset = 0, limit = 100) =>
    callFunction<RosterView>('events', 'roster', {
      eventId,
      offset,
      limit,
      ...(status ? { status } : {}),
    }),
  select: (eventId: string, memberId: string, requestId: string) =>
    callFunction<{ confirmed: number }>('events', 'select', { eventId, memberId }, requestId),
  closeSelection: (eventId: string, requestId: string) =>
    callFunction<{ rejected: number; done: boolean }>(
      'events',
      'closeSelection',
      { eventId },
      requestId,
    ),
  exportAttendance: (eventId: string, requestId: string) =>
    callFunction<CsvExport>('events', 'exportAttendance', { eventId }, requestId),
  checkInEvents: () => callFunction<EventView[]>('events', 'checkInEvents'),
  checkIn: (eventId: string, code: string, requestId: string) =>
    callFunction<CheckInOutcome>('events', 'checkIn', { eventId, code }, requestId),
}
export type EventsApi = typeof eventsApi
