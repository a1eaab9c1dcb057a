import { create } from 'zustand'
import { fieldErrors } from '@/contracts/define'
import { appealSanctionInput, type SanctionView } from '@/contracts/discipline'
import type { ApiError } from '@/contracts/error-codes'
import { disciplineApi, type DisciplineApi } from '@/services/discipline.api'
import { invalidForm } from './form-input'
import { retryableRequest } from './retryable-request'
import type { LoadStatus } from './session.store'

export type SanctionsApi = Pick<DisciplineApi, 'mySanctions' | 'appealSanction'>

export type SanctionsState = {
  /** 我的处分: the member's sanctions, newest first, with their appeals. */
  sanctions: SanctionView[]
  status: LoadStatus
  error: ApiError | null
  /** The sanction whose appeal is being sent, to disable its button meanwhile. */
  appealingId: string | null
  load(): Promise<void>
  appeal(sanctionId: string, text: string): Promise<ApiError | null>
}

/** The member's sanctions and their one appeal each (SPEC §8). */
export function createSanctionsStore(api: SanctionsApi) {
  const pendingAppeal = retryableRequest()

  return create<SanctionsState>()((set, get) => ({
    sanctions: [],
    status: 'idle',
    error: null,
    appealingId: null,
    async load() {
      set((s) => ({ status: s.sanctions.length ? s.status : 'loading' }))
      const res = await api.mySanctions()
      if (res.ok) set({ status: 'ready', sanctions: res.data, error: null })
      else set({ status: 'error', error: res.error })
    },
    async appeal(sanctionId, text) {
      const parsed = appealSanctionInput.safeParse({ sanctionId, text })
      if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
      if (get().appealingId) return null
      set({ appealingId: sanctionId })
      const res = await api.appealSanction(parsed.data, pendingAppeal.idFor(parsed.data))
      pendingAppeal.settle(res.ok ? null : res.error)
      set({ appealingId: null })
      if (!res.ok) return res.error
      set((s) => ({ sanctions: s.sanctions.map((x) => (x.id === res.data.id ? res.data : x)) }))
      return null
    },
  }))
}

export const useSanctionsStore = createSanctionsStore(disciplineApi)
