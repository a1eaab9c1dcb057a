import { create } from 'zustand'
import type { ApiError } from '@/contracts/error-codes'
import type { MemberEventView } from '@/contracts/events.contract'
import type { EventKind } from '@/domain/event/event'
import { eventsApi, type EventsApi } from '@/services/events.api'
import { retryableRequest } from './retryable-request'
import type { LoadStatus } from './session.store'

export type MemberEventsApi = Pick<
  EventsApi,
  'list' | 'detail' | 'signUp' | 'cancelSignup' | 'mySignups'
>

export type EventFilter = { kind: EventKind | null; when: 'upcoming' | 'past' }

export type EventsState = {
  /** 活动 tab: the list under the chosen filter, and the member's no-show block if any. */
  filter: EventFilter
  items: MemberEventView[]
  blockedUntil: string | null
  status: LoadStatus
  error: ApiError | null
  load(filter?: Partial<EventFilter>): Promise<void>

  /** 活动详情. */
  detail: MemberEventView | null
  detailStatus: LoadStatus
  detailError: ApiError | null
  busy: boolean
  /** A sign-up waiting for its turn in the event's queue (sent again until answered). */
  queued: boolean
  loadDetail(eventId: string): Promise<void>
  signUp(acknowledged: boolean): Promise<ApiError | null>
  cancel(): Promise<ApiError | null>

  /** 我的报名. */
  mine: MemberEventView[]
  mineStatus: LoadStatus
  loadMine(): Promise<void>
}

/** How a sign-up still queued is sent again: every 5 s, for about a minute. */
export type QueuedRetry = { waitMs: number; retries: number }
const QUEUED_RETRY: QueuedRetry = { waitMs: 5000, retries: 12 }

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The member's side of events: the list, one event's detail with sign-up and cancel, my sign-ups. */
export function createEventsStore(api: MemberEventsApi, queued: QueuedRetry = QUEUED_RETRY) {
  const pendingSignUp = retryableRequest()
  const pendingCancel = retryableRequest()
  let latestList = 0
  let latestDetail = 0

  return create<EventsState>()((set, get) => ({
    filter: { kind: null, when: 'upcoming' },
    items: [],
    blockedUntil: null,
    status: 'idle',
    error: null,
    async load(change = {}) {
      const filter = { ...get().filter, ...change }
      const ticket = ++latestList
      set({ filter, status: 'loading', error: null })
      const res = await api.list({
        when: filter.when,
        ...(filter.kind ? { kind: filter.kind } : {}),
        offset: 0,
        limit: 50,
      })
      // A slower answer for an earlier filter must not replace the filter chosen last.
      if (ticket !== latestList) return
      if (res.ok) {
        set({ status: 'ready', items: res.data.items, blockedUntil: res.data.blockedUntil })
      } else set({ status: 'error', error: res.error, items: [] })
    },

    detail: null,
    detailStatus: 'idle',
    detailError: null,
    busy: false,
    queued: false,
    async loadDetail(eventId) {
      const ticket = ++latestDetail
      set((s) => ({
        detailStatus: s.detail?.id === eventId ? s.detailStatus : 'loading',
        detail: s.detail?.id === eventId ? s.detail : null,
      }))
      const res = await api.detail(eventId)
      if (ticket !== latestDetail) return
      if (res.ok) set({ detailStatus: 'ready', detail: res.data, detailError: null })
      else set({ detailStatus: 'error', detailError: res.error })
    },
    async signUp(acknowledged) {
      const event = get().detail
      if (!event || get().busy) return null
      set({ busy: true })
      const payload = { eventId: event.id, acknowledged }
      const requestId = pendingSignUp.idFor(payload)
      let res = await api.signUp(event.id, acknowledged, requestId)
      // Still in the event's queue (many signing up at once): the same request, sent again a
      // little later, gets its answer once its turn has come; meanwhile the page says 排队中.
      for (
        let n = 0;
        !res.ok && res.error.code === 'EVENT.SIGNUP_QUEUED' && n < queued.retries;
        n++
      ) {
        set({ queued: true })
        await wait(queued.waitMs)
        res = await api.signUp(event.id, acknowledged, requestId)
      }
      pendingSignUp.settle(res.ok ? null : res.error)
      set({ busy: false, queued: false })
      await get().loadDetail(event.id)
      return res.ok ? null : res.error
    },
    async cancel() {
      const event = get().detail
      if (!event || get().busy) return null
      set({ busy: true })
      const res = await api.cancelSignup(event.id, pendingCancel.idFor({ eventId: event.id }))
      pendingCancel.settle(res.ok ? null : res.error)
      set({ busy: false })
      await get().loadDetail(event.id)
      return res.ok ? null : res.error
    },

    mine: [],
    mineStatus: 'idle',
    async loadMine() {
      set((s) => ({ mineStatus: s.mine.length ? s.mineStatus : 'loading' }))
      const res = await api.mySignups()
      if (res.ok) set({ mineStatus: 'ready', mine: res.data })
      else set({ mineStatus: 'error' })
    },
  }))
}

export const useEventsStore = createEventsStore(eventsApi)
