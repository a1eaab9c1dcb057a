import dayjs from 'dayjs'
import { create } from 'zustand'
import { fieldErrors } from '@/contracts/define'
import type { ApiError } from '@/contracts/error-codes'
import {
  eventDraftInput,
  eventsContract,
  type AdminEventPage,
  type CheckInOutcome,
  type CsvExport,
  type EventView,
  type RosterView,
} from '@/contracts/events.contract'
import { checkEventDraft } from '@/domain/event/draft'
import type { EventKind, EventMode } from '@/domain/event/event'
import type { SignupStatus } from '@/domain/event/signup'
import { CLUB_TIME_ZONE, formatShanghaiDateTime } from '@/domain/shared/calendar'
import type { StarValue } from '@/domain/star/star'
import { eventsApi, type EventsApi } from '@/services/events.api'
import { retryableRequest } from './retryable-request'
import { invalidForm, numberOf } from './form-input'
import type { LoadStatus } from './session.store'

/** The admin's, reviewers' and clerks' part of the events function. */
export type EventsAdminApi = Pick<
  EventsApi,
  | 'adminList'
  | 'save'
  | 'publish'
  | 'cancel'
  | 'roster'
  | 'select'
  | 'closeSelection'
  | 'exportAttendance'
  | 'checkInEvents'
  | 'checkIn'
>

export const EVENTS_PAGE_SIZE = 50
export const ROSTER_PAGE_SIZE = 100

/** An event in the admin's list. */
export type AdminEvent = AdminEventPage['items'][number]

/** The time fields of the form, typed as Shanghai wall-clock time `YYYY-MM-DD HH:mm`. */
export const EVENT_TIME_FIELDS = ['startAt', 'endAt', 'signupOpensAt', 'signupClosesAt'] as const
type TimeField = (typeof EVENT_TIME_FIELDS)[number]

const TIME_LABELS: Record<TimeField, string> = {
  startAt: '开始时间',
  endAt: '结束时间',
  signupOpensAt: '报名开始时间',
  signupClosesAt: '报名截止时间',
}

/** An event as typed in the admin's form: numbers as text, times `YYYY-MM-DD HH:mm` Shanghai. */
export type EventForm = {
  /** Absent for a new event. */
  id?: string
  /** The version the edit started from, so a concurrent change is refused, not overwritten. */
  version?: number
  kind: EventKind | null
  title: string
  description: string
  coverImage: string
  place: string
  contact: string
  startAt: string
  endAt: string
  signupOpensAt: string
  signupClosesAt: string
  capacity: string
  attendancePoints: string
  clubOnly: boolean
  minStar: StarValue | null
  acknowledgement: string
  mode: EventMode
}

export const emptyEventForm = (): EventForm => ({
  kind: null,
  title: '',
  description: '',
  coverImage: '',
  place: '',
  contact: '',
  startAt: '',
  endAt: '',
  signupOpensAt: '',
  signupClosesAt: '',
  capacity: '',
  attendancePoints: '',
  clubOnly: false,
  minStar: null,
  acknowledgement: '',
  mode: 'fcfs',
})

/** The form for editing `event`: its instants shown as Shanghai wall-clock times. */
export function formOf(event: EventView): EventForm {
  return {
    id: event.id,
    version: event.version,
    kind: event.kind,
    title: event.title,
    description: event.description,
    coverImage: event.coverImage ?? '',
    place: event.place,
    contact: event.contact,
    startAt: formatShanghaiDateTime(event.startAt),
    endAt: formatShanghaiDateTime(event.endAt),
    signupOpensAt: formatShanghaiDateTime(event.signupOpensAt),
    signupClosesAt: formatShanghaiDateTime(event.signupClosesAt),
    capacity: String(event.capacity),
    attendancePoints: String(event.attendancePoints),
    clubOnly: event.clubOnly,
    minStar: event.minStar,
    acknowledgement: event.acknowledgement ?? '',
    mode: event.mode,
  }
}

const WALL_CLOCK = 'YYYY-MM-DD HH:mm'

/**
 * A Shanghai wall-clock time typed as `YYYY-MM-DD HH:mm` → the ISO instant:
 * '2026-12-01 19:30' → '2026-12-01T11:30:00.000Z'. Full-width colons and extra spaces are
 * forgiven; anything else that is not a real date and time gives null.
 */
export function shanghaiInstant(text: string): string | null {
  const normalised = text.trim().replace(/：/g, ':').replace(/\s+/g, ' ')
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(normalised)) return null
  if (!dayjs(normalised, WALL_CLOCK, true).isValid()) return null
  return dayjs.tz(normalised, WALL_CLOCK, CLUB_TIME_ZONE).toISOString()
}

/** The form → the contract's draft, or every field message the admin can fix before sending. */
function parseForm(form: EventForm) {
  const formErrors: Record<string, string> = {}
  const times: Partial<Record<TimeField, string>> = {}
  for (const field of EVENT_TIME_FIELDS) {
    const text = form[field].trim()
    const instant = text ? shanghaiInstant(text) : null
    if (!text) formErrors[field] = `请填写${TIME_LABELS[field]}`
    else if (!instant) formErrors[field] = '请按“2026-12-01 19:30”的格式填写'
    else times[field] = instant
  }
  for (const field of ['capacity', 'attendancePoints'] as const) {
    if (Number.isNaN(numberOf(form[field]))) formErrors[field] = '请填写整数'
  }
  const parsed = eventDraftInput.safeParse({
    ...(form.id ? { id: form.id, version: form.version } : {}),
    kind: form.kind ?? undefined,
    title: form.title,
    description: form.description,
    coverImage: form.coverImage.trim() || null,
    place: form.place,
    contact: form.contact,
    ...times,
    capacity: numberOf(form.capacity),
    attendancePoints: numberOf(form.attendancePoints),
    clubOnly: form.clubOnly,
    minStar: form.minStar,
    acknowledgement: form.acknowledgement,
    mode: form.mode,
  })
  if (!parsed.success || Object.keys(formErrors).length) {
    return {
      ok: false as const,
      fields: { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...formErrors },
    }
  }
  // The rules between fields (window before start, end after start) are the domain's own.
  const { id: _id, version: _version, ...fields } = parsed.data
  const checked = checkEventDraft({ ...fields, minStar: fields.minStar as StarValue | null })
  if (!checked.ok) return { ok: false as const, fields: checked.error.fields ?? {} }
  return { ok: true as const, draft: parsed.data }
}

/** The counts the check-in desk shows for the event chosen. */
export type CheckInCounts = { checkedIn: number; confirmed: number; capacity: number }

export type EventsAdminState = {
  /** 活动管理: every event, drafts and cancelled ones included. */
  events: AdminEvent[]
  eventsTotal: number
  status: LoadStatus
  error: ApiError | null
  loadingMore: boolean
  load(): Promise<void>
  loadMore(): Promise<void>

  /** 新建活动 / 编辑活动. */
  saving: boolean
  /** Messages for the event form, by contract field, from the form check or from the function. */
  fieldErrors: Record<string, string>
  save(form: EventForm): Promise<ApiError | null>
  /** Drops the messages of the fields named (as they are being corrected), or all of them. */
  clearFieldErrors(fields?: string[]): void

  /** 发布 and 取消活动: the event being sent, to disable its buttons meanwhile. */
  busyId: string | null
  publish(eventId: string): Promise<ApiError | null>
  cancel(eventId: string, reason: string): Promise<ApiError | null>

  /** 报名名单: one event's sign-ups, optionally of one status, with its live counts. */
  roster: RosterView | null
  rosterEventId: string | null
  rosterFilter: SignupStatus | null
  rosterStatus: LoadStatus
  rosterError: ApiError | null
  loadingMoreRoster: boolean
  loadRoster(eventId: string, status?: SignupStatus | null): Promise<void>
  loadMoreRoster(): Promise<void>
  /** The applicant being selected (入选). */
  selectingId: string | null
  select(memberId: string): Promise<ApiError | null>
  closingSelection: boolean
  closeSelection(): Promise<{ rejected: number } | { error: ApiError }>
  exporting: boolean
  exportAttendance(): Promise<{ file: CsvExport } | { error: ApiError }>

  /** 活动签到: the events open for check-in now, the one chosen, and the last scan's outcome. */
  checkInEvents: EventView[]
  checkInEventsStatus: LoadStatus
  checkInEventsError: ApiError | null
  checkInEventId: string | null
  checkingIn: boolean
  lastCheckIn: CheckInOutcome | null
  checkInError: ApiError | null
  loadCheckInEvents(): Promise<void>
  chooseCheckInEvent(eventId: string): void
  checkIn(code: string): Promise<ApiError | null>
}

/** The chosen check-in event's live counts, or null before one is chosen. */
export function checkInCountsOf(state: EventsAdminState): CheckInCounts | null {
  const event = state.checkInEvents.find((e) => e.id === state.checkInEventId)
  return event
    ? { checkedIn: event.checkedIn, confirmed: event.confirmed, capacity: event.capacity }
    : null
}

/**
 * The staff's events desk: the admin's list with create, edit, publish and cancel; an event's
 * sign-up list with selection and the attendance export; and check-in at the venue by the
 * member's card code.
 */
export function createEventsAdminStore(api: EventsAdminApi) {
  const pendingSave = retryableRequest()
  const pendingPublish = retryableRequest()
  const pendingCancel = retryableRequest()
  const pendingSelect = retryableRequest()
  const pendingClose = retryableRequest()
  const pendingExport = retryableRequest()
  const pendingCheckIn = retryableRequest()
  let latestList = 0
  let latestRoster = 0

  return create<EventsAdminState>()((set, get) => ({
    events: [],
    eventsTotal: 0,
    status: 'idle',
    error: null,
    loadingMore: false,
    async load() {
      const ticket = ++latestList
      set((s) => ({ status: s.events.length ? s.status : 'loading' }))
      const res = await api.adminList(0, EVENTS_PAGE_SIZE)
      if (ticket !== latestList) return
      if (res.ok) {
        set({ status: 'ready', events: res.data.items, eventsTotal: res.data.total, error: null })
      } else set({ status: 'error', error: res.error })
    },
    async loadMore() {
      const { events, eventsTotal, loadingMore } = get()
      if (loadingMore || events.length >= eventsTotal) return
      const ticket = latestList
      set({ loadingMore: true })
      const res = await api.adminList(events.length, EVENTS_PAGE_SIZE)
      if (ticket !== latestList || !res.ok) {
        return set({ loadingMore: false, ...(res.ok ? {} : { error: res.error }) })
      }
      const known = new Set(events.map((e) => e.id))
      set({
        loadingMore: false,
        eventsTotal: res.data.total,
        events: [...events, ...res.data.items.filter((e) => !known.has(e.id))],
      })
    },

    saving: false,
    fieldErrors: {},
    async save(form) {
      const parsed = parseForm(form)
      if (!parsed.ok) {
        set({ fieldErrors: parsed.fields })
        return invalidForm(parsed.fields)
      }
      set({ saving: true, fieldErrors: {} })
      const res = await api.save(parsed.draft, pendingSave.idFor(parsed.draft))
      pendingSave.settle(res.ok ? null : res.error)
      set({ saving: false, fieldErrors: res.ok ? {} : (res.error.fields ?? {}) })
      const stale =
        !res.ok && (res.error.code === 'SYS.CONFLICT' || res.error.code === 'EVENT.NOT_FOUND')
      if (res.ok || stale) await get().load()
      return res.ok ? null : res.error
    },
    clearFieldErrors(fields) {
      if (!fields) return set({ fieldErrors: {} })
      const current = get().fieldErrors
      if (!fields.some((f) => f in current)) return
      set({
        fieldErrors: Object.fromEntries(
          Object.entries(current).filter(([f]) => !fields.includes(f)),
        ),
      })
    },

    busyId: null,
    async publish(eventId) {
      set({ busyId: eventId })
      const res = await api.publish(eventId, pendingPublish.idFor({ eventId }))
      pendingPublish.settle(res.ok ? null : res.error)
      set({ busyId: null })
      // Success or a refusal (cancelled meanwhile, …): either way the list may be stale.
      await get().load()
      return res.ok ? null : res.error
    },
    async cancel(eventId, reason) {
      const parsed = eventsContract.actions.cancel.input.safeParse({ eventId, reason })
      if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
      set({ busyId: eventId })
      const res = await api.cancel(eventId, parsed.data.reason, pendingCancel.idFor(parsed.data))
      pendingCancel.settle(res.ok ? null : res.error)
      set({ busyId: null })
      if (!res.ok && res.error.fields) return res.error
      await get().load()
      return res.ok ? null : res.error
    },

    roster: null,
    rosterEventId: null,
    rosterFilter: null,
    rosterStatus: 'idle',
    rosterError: null,
    loadingMoreRoster: false,
    async loadRoster(eventId, status = null) {
      const ticket = ++latestRoster
      set((s) => ({
        rosterEventId: eventId,
        rosterFilter: status,
        rosterStatus: 'loading',
        rosterError: null,
        roster: s.roster?.event.id === eventId ? s.roster : null,
      }))
      const res = await api.roster(eventId, status ?? undefined, 0, ROSTER_PAGE_SIZE)
      // A slower answer for an earlier filter must not replace the one asked for last.
      if (ticket !== latestRoster) return
      if (res.ok) set({ rosterStatus: 'ready', roster: res.data })
      else set({ rosterStatus: 'error', rosterError: res.error })
    },
    async loadMoreRoster() {
      const { roster, rosterFilter, loadingMoreRoster } = get()
      if (!roster || loadingMoreRoster || roster.items.length >= roster.total) return
      const ticket = latestRoster
      set({ loadingMoreRoster: true })
      const res = await api.roster(
        roster.event.id,
        rosterFilter ?? undefined,
        roster.items.length,
        ROSTER_PAGE_SIZE,
      )
      if (ticket !== latestRoster) return set({ loadingMoreRoster: false })
      if (!res.ok) return set({ loadingMoreRoster: false, rosterError: res.error })
      const known = new Set(roster.items.map((e) => e.memberId))
      set({
        loadingMoreRoster: false,
        roster: {
          ...res.data,
          items: [...roster.items, ...res.data.items.filter((e) => !known.has(e.memberId))],
        },
      })
    },
    selectingId: null,
    async select(memberId) {
      const eventId = get().rosterEventId
      if (!eventId) return null
      set({ selectingId: memberId })
      const res = await api.select(eventId, memberId, pendingSelect.idFor({ eventId, memberId }))
      pendingSelect.settle(res.ok ? null : res.error)
      set({ selectingId: null })
      await get().loadRoster(eventId, get().rosterFilter)
      return res.ok ? null : res.error
    },
    closingSelection: false,
    async closeSelection() {
      const eventId = get().rosterEventId
      if (!eventId) return { rejected: 0 }
      set({ closingSelection: true })
      // A long list is closed over several calls, each within the function's time limit.
      let rejected = 0
      for (let round = 0; ; round++) {
        const res = await api.closeSelection(eventId, pendingClose.idFor({ eventId, round }))
        pendingClose.settle(res.ok ? null : res.error)
        if (!res.ok) {
          set({ closingSelection: false })
          await get().loadRoster(eventId, get().rosterFilter)
          return { error: res.error }
        }
        rejected += res.data.rejected
        if (res.data.done) break
      }
      set({ closingSelection: false })
      await get().loadRoster(eventId, get().rosterFilter)
      return { rejected }
    },
    exporting: false,
    async exportAttendance() {
      const eventId = get().rosterEventId
      if (!eventId) return { error: invalidForm({ eventId: '缺少活动编号' }) }
      set({ exporting: true })
      const res = await api.exportAttendance(eventId, pendingExport.idFor({ eventId }))
      pendingExport.settle(res.ok ? null : res.error)
      set({ exporting: false })
      return res.ok ? { file: res.data } : { error: res.error }
    },

    checkInEvents: [],
    checkInEventsStatus: 'idle',
    checkInEventsError: null,
    checkInEventId: null,
    checkingIn: false,
    lastCheckIn: null,
    checkInError: null,
    async loadCheckInEvents() {
      set((s) => ({
        checkInEventsStatus: s.checkInEvents.length ? s.checkInEventsStatus : 'loading',
      }))
      const res = await api.checkInEvents()
      if (!res.ok) return set({ checkInEventsStatus: 'error', checkInEventsError: res.error })
      const chosen = get().checkInEventId
      const stillOpen = res.data.some((e) => e.id === chosen)
      set({
        checkInEventsStatus: 'ready',
        checkInEventsError: null,
        checkInEvents: res.data,
        // With a single event open there is nothing to choose.
        checkInEventId: stillOpen ? chosen : res.data.length === 1 ? res.data[0]!.id : null,
      })
    },
    chooseCheckInEvent(eventId) {
      if (eventId === get().checkInEventId) return
      set({ checkInEventId: eventId, lastCheckIn: null, checkInError: null })
    },
    async checkIn(code) {
      if (get().checkingIn) return null
      const parsed = eventsContract.actions.checkIn.input.safeParse({
        eventId: get().checkInEventId ?? '',
        code: code.trim(),
      })
      if (!parsed.success) {
        const error = invalidForm(fieldErrors(parsed.error))
        set({ lastCheckIn: null, checkInError: error })
        return error
      }
      const { eventId } = parsed.data
      set({ checkingIn: true, lastCheckIn: null, checkInError: null })
      // The code shown is used up by the first call that reaches the function: a resend after a
      // network failure must be the same request, or the member would have to refresh their code.
      const res = await api.checkIn(eventId, parsed.data.code, pendingCheckIn.idFor(parsed.data))
      pendingCheckIn.settle(res.ok ? null : res.error)
      if (!res.ok) {
        set({ checkingIn: false, checkInError: res.error })
        return res.error
      }
      const { checkedIn, confirmed } = res.data
      set((s) => ({
        checkingIn: false,
        lastCheckIn: res.data,
        checkInEvents: s.checkInEvents.map((e) =>
          e.id === eventId ? { ...e, checkedIn, confirmed } : e,
        ),
        roster:
          s.roster?.event.id === eventId
            ? { ...s.roster, counts: { ...s.roster.counts, checkedIn, confirmed } }
            : s.roster,
      }))
      // The sign-up list of this event, if open, shows who is in now.
      if (get().rosterEventId === eventId) await get().loadRoster(eventId, get().rosterFilter)
      return null
    },
  }))
}

export const useEventsAdminStore = createEventsAdminStore(eventsApi)
