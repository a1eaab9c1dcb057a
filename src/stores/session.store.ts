import { create } from 'zustand'
import type { ApiError } from '@/contracts/error-codes'
import type { MeView } from '@/contracts/member.contract'
import { memberApi, type MemberApi } from '@/services/member.api'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

export type SessionState = {
  status: LoadStatus
  me: MeView | null
  error: ApiError | null
  load(): Promise<void>
}

/** Who the signed-in person is (role, own member account); every tab page reads it. */
export function createSessionStore(api: Pick<MemberApi, 'me'>) {
  return create<SessionState>()((set) => ({
    status: 'idle',
    me: null,
    error: null,
    async load() {
      set((s) => ({ status: s.me ? s.status : 'loading' }))
      const res = await api.me()
      if (res.ok) set({ status: 'ready', me: res.data, error: null })
      else set({ status: 'error', error: res.error, me: null })
    },
  }))
}

export const useSessionStore = createSessionStore(memberApi)
