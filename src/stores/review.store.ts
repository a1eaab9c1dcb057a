import { create } from 'zustand'
import type { RegistrationSummary } from '@/contracts/admin.contract'
import type { ApiError } from '@/contracts/error-codes'
import type { MemberStatus } from '@/domain/member/member'
import { adminApi, type AdminApi } from '@/services/admin.api'
import { cardApi, type CardApi } from '@/services/card.api'
import { newRequestId } from '@/services/request-id'
import type { LoadStatus } from './session.store'

export type ReviewState = {
  filter: MemberStatus
  status: LoadStatus
  items: RegistrationSummary[]
  total: number
  error: ApiError | null
  /** The member whose decision is being sent, to disable their buttons meanwhile. */
  busyId: string | null
  load(filter?: MemberStatus): Promise<void>
  approve(memberId: string): Promise<ApiError | null>
  reject(memberId: string, reason: string): Promise<ApiError | null>
  /** 挂失补卡 on a member's behalf (SPEC §6): their old codes stop working at once. */
  rekeyCard(memberId: string): Promise<ApiError | null>
}

/** The reviewer's registration queue (注册审核). */
export function createReviewStore(
  api: Pick<AdminApi, 'registrations' | 'approveRegistration' | 'rejectRegistration'>,
  cards: Pick<CardApi, 'rekey'>,
) {
  return create<ReviewState>()((set, get) => {
    let latestLoad = 0
    async function decide(
      memberId: string,
      send: (requestId: string) => ReturnType<AdminApi['approveRegistration']>,
    ) {
      set({ busyId: memberId })
      const res = await send(newRequestId())
      set({ busyId: null })
      await get().load()
      return res.ok ? null : res.error
    }
    return {
      filter: 'pending',
      status: 'idle',
      items: [],
      total: 0,
      error: null,
      busyId: null,
      async load(filter = get().filter) {
        const ticket = ++latestLoad
        set({ filter, status: 'loading' })
        const res = await api.registrations({ status: filter, offset: 0, limit: 50 })
        // A slower answer to an earlier tab must not overwrite the tab shown now.
        if (ticket !== latestLoad) return
        if (res.ok)
          set({ status: 'ready', items: res.data.items, total: res.data.total, error: null })
        else set({ status: 'error', error: res.error })
      },
      approve: (memberId) => decide(memberId, (id) => api.approveRegistration(memberId, id)),
      async rekeyCard(memberId) {
        set({ busyId: memberId })
        const res = await cards.rekey(newRequestId(), memberId)
        set({ busyId: null })
        return res.ok ? null : res.error
      },
      reject: (memberId, reason) =>
        decide(memberId, (id) => api.rejectRegistration(memberId, reason, id)),
    }
  })
}

export const useReviewStore = createReviewStore(adminApi, cardApi)
