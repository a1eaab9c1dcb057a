import { create } from 'zustand'
import { fieldErrors } from '@/contracts/define'
import type { ApiError } from '@/contracts/error-codes'
import { suggestInput, type StarOverview, type SuggestionView } from '@/contracts/star-club'
import { memberApi, type MemberApi } from '@/services/member.api'
import { retryableRequest } from './retryable-request'
import { invalidForm } from './form-input'
import type { LoadStatus } from './session.store'

export type StarApi = Pick<
  MemberApi,
  'star' | 'applyClub' | 'leaveClub' | 'suggestions' | 'suggest'
>

export type StarState = {
  /** 我的星级: star, history, progress and the club standing. */
  overview: StarOverview | null
  status: LoadStatus
  error: ApiError | null
  /** A club application or departure being sent. */
  busy: boolean
  load(): Promise<void>
  applyClub(): Promise<ApiError | null>
  leaveClub(): Promise<ApiError | null>

  /** 俱乐部建议箱: my suggestions with the answers. */
  suggestions: SuggestionView[]
  suggestionsStatus: LoadStatus
  suggestionsError: ApiError | null
  sending: boolean
  loadSuggestions(): Promise<void>
  suggest(text: string): Promise<ApiError | null>
}

/** The member's star page and the club's suggestion box. */
export function createStarStore(api: StarApi) {
  const pendingApply = retryableRequest()
  const pendingLeave = retryableRequest()
  const pendingSuggest = retryableRequest()

  return create<StarState>()((set, get) => {
    /** A club move, then the page again: the club view it returns is part of the overview. */
    const move = async (
      send: (requestId: string) => ReturnType<StarApi['applyClub']>,
      pending: ReturnType<typeof retryableRequest>,
      what: string,
    ) => {
      if (get().busy) return null
      set({ busy: true })
      const res = await send(pending.idFor(what))
      pending.settle(res.ok ? null : res.error)
      set({ busy: false })
      await get().load()
      return res.ok ? null : res.error
    }

    return {
      overview: null,
      status: 'idle',
      error: null,
      busy: false,
      async load() {
        set((s) => ({ status: s.overview ? s.status : 'loading' }))
        const res = await api.star()
        if (res.ok) set({ status: 'ready', overview: res.data, error: null })
        else set({ status: 'error', error: res.error })
      },
      applyClub: () => move(api.applyClub, pendingApply, 'apply'),
      leaveClub: () => move(api.leaveClub, pendingLeave, 'leave'),

      suggestions: [],
      suggestionsStatus: 'idle',
      suggestionsError: null,
      sending: false,
      async loadSuggestions() {
        set((s) => ({ suggestionsStatus: s.suggestions.length ? s.suggestionsStatus : 'loading' }))
        const res = await api.suggestions()
        if (res.ok)
          set({ suggestionsStatus: 'ready', suggestions: res.data, suggestionsError: null })
        else set({ suggestionsStatus: 'error', suggestionsError: res.error })
      },
      async suggest(text) {
        const parsed = suggestInput.safeParse({ text })
        if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
        if (get().sending) return null
        set({ sending: true })
        const res = await api.suggest(parsed.data.text, pendingSuggest.idFor(parsed.data))
        pendingSuggest.settle(res.ok ? null : res.error)
        set({ sending: false })
        if (!res.ok) return res.error
        set((s) => ({
          suggestions: [res.data, ...s.suggestions.filter((x) => x.id !== res.data.id)],
        }))
        return null
      },
    }
  })
}

export const useStarStore = createStarStore(memberApi)
