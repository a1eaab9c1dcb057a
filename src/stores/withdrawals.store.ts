import { create } from 'zustand'
import type { ApiError } from '@/contracts/error-codes'
import type { StaffWithdrawalView } from '@/contracts/privacy'
import { privacyApi, type PrivacyApi } from '@/services/privacy.api'
import { retryableRequest } from './retryable-request'
import type { LoadStatus } from './session.store'

export type WithdrawalsState = {
  items: StaffWithdrawalView[]
  total: number
  status: LoadStatus
  error: ApiError | null
  /** The request being confirmed, to disable its button meanwhile. */
  confirmingId: string | null
  load(): Promise<void>
  confirm(id: string): Promise<ApiError | null>
}

/** 注销申请 (reviewers and admins): the open requests by due date, and their confirmation. */
export function createWithdrawalsStore(api: Pick<PrivacyApi, 'withdrawals' | 'confirmWithdrawal'>) {
  const pendingConfirm = retryableRequest()

  return create<WithdrawalsState>()((set, get) => ({
    items: [],
    total: 0,
    status: 'idle',
    error: null,
    confirmingId: null,
    async load() {
      set((s) => ({ status: s.items.length ? s.status : 'loading' }))
      const res = await api.withdrawals(0, 100)
      if (res.ok)
        set({ status: 'ready', items: res.data.items, total: res.data.total, error: null })
      else set({ status: 'error', error: res.error })
    },
    async confirm(id) {
      if (get().confirmingId) return null
      set({ confirmingId: id })
      const res = await api.confirmWithdrawal(id, pendingConfirm.idFor({ id }))
      pendingConfirm.settle(res.ok ? null : res.error)
      set({ confirmingId: null })
      await get().load()
      return res.ok ? null : res.error
    },
  }))
}

export const useWithdrawalsStore = createWithdrawalsStore(privacyApi)
