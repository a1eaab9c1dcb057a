import { create } from 'zustand'
import { fieldErrors } from '@/contracts/define'
import type { ApiError } from '@/contracts/error-codes'
import {
  answerSuggestionInput,
  rejectClubInput,
  type ClubApplicationView,
  type StaffSuggestionView,
} from '@/contracts/star-club'
import { adminApi, type AdminApi } from '@/services/admin.api'
import { retryableRequest } from './retryable-request'
import { invalidForm } from './form-input'
import type { LoadStatus } from './session.store'

export type ClubReviewApi = Pick<
  AdminApi,
  'clubApplications' | 'approveClub' | 'rejectClub' | 'clubSuggestions' | 'answerSuggestion'
>

export type ClubReviewState = {
  applications: ClubApplicationView[]
  applicationsTotal: number
  status: LoadStatus
  error: ApiError | null
  /** The application being decided, to disable its buttons meanwhile. */
  decidingId: string | null
  load(): Promise<void>
  approve(memberId: string): Promise<ApiError | null>
  reject(memberId: string, reason: string): Promise<ApiError | null>

  /** 建议箱: open (unanswered) or answered suggestions. */
  answered: boolean
  suggestions: StaffSuggestionView[]
  suggestionsStatus: LoadStatus
  answeringId: string | null
  loadSuggestions(answered: boolean): Promise<void>
  answer(id: string, text: string): Promise<ApiError | null>
}

/** The reviewer's club desk: applications to decide and suggestions to answer. */
export function createClubReviewStore(api: ClubReviewApi) {
  const pendingDecision = retryableRequest()
  const pendingAnswer = retryableRequest()
  let latestSuggestions = 0

  return create<ClubReviewState>()((set, get) => ({
    applications: [],
    applicationsTotal: 0,
    status: 'idle',
    error: null,
    decidingId: null,
    async load() {
      set((s) => ({ status: s.applications.length ? s.status : 'loading' }))
      const res = await api.clubApplications(0, 50)
      if (res.ok) {
        set({
          status: 'ready',
          applications: res.data.items,
          applicationsTotal: res.data.total,
          error: null,
        })
      } else set({ status: 'error', error: res.error })
    },
    async approve(memberId) {
      set({ decidingId: memberId })
      const res = await api.approveClub(
        memberId,
        pendingDecision.idFor({ memberId, approve: true }),
      )
      pendingDecision.settle(res.ok ? null : res.error)
      set({ decidingId: null })
      await get().load()
      return res.ok ? null : res.error
    },
    async reject(memberId, reason) {
      const parsed = rejectClubInput.safeParse({ memberId, reason })
      if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
      set({ decidingId: memberId })
      const res = await api.rejectClub(
        memberId,
        parsed.data.reason,
        pendingDecision.idFor(parsed.data),
      )
      pendingDecision.settle(res.ok ? null : res.error)
      set({ decidingId: null })
      await get().load()
      return res.ok ? null : res.error
    },

    answered: false,
    suggestions: [],
    suggestionsStatus: 'idle',
    answeringId: null,
    async loadSuggestions(answered) {
      const ticket = ++latestSuggestions
      set({ answered, suggestionsStatus: 'loading' })
      const res = await api.clubSuggestions(answered, 0, 50)
      // A slower answer about the other tab must not replace the tab asked for last.
      if (ticket !== latestSuggestions) return
      if (res.ok) set({ suggestionsStatus: 'ready', suggestions: res.data.items })
      else set({ suggestionsStatus: 'error' })
    },
    async answer(id, text) {
      const parsed = answerSuggestionInput.safeParse({ id, answer: text })
      if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
      set({ answeringId: id })
      const res = await api.answerSuggestion(
        id,
        parsed.data.answer,
        pendingAnswer.idFor(parsed.data),
      )
      pendingAnswer.settle(res.ok ? null : res.error)
      set({ answeringId: null })
      await get().loadSuggestions(get().answered)
      return res.ok ? null : res.error
    },
  }))
}

export const useClubReviewStore = createClubReviewStore(adminApi)
