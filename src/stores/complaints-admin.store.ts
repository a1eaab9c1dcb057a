import { create } from 'zustand'
import { answerComplaintInput, type StaffComplaintView } from '@/contracts/complaints'
import { fieldErrors } from '@/contracts/define'
import type { ApiError } from '@/contracts/error-codes'
import { complaintsAdminApi, type ComplaintsAdminApi } from '@/services/complaints.api'
import { invalidForm } from './form-input'
import { retryableRequest } from './retryable-request'
import type { LoadStatus } from './session.store'

export type ComplaintsAdminState = {
  /** Which tab: 待回复 (open, by reply target) or 已回复. */
  answered: boolean
  items: StaffComplaintView[]
  total: number
  /** The server's time the list was read at: the countdowns are measured from it. */
  asOf: string | null
  status: LoadStatus
  error: ApiError | null
  answeringId: string | null
  load(answered: boolean): Promise<void>
  answer(id: string, text: string): Promise<ApiError | null>
}

/** The reviewer's complaint desk (投诉处理): the queue, overdue ones first, and answering. */
export function createComplaintsAdminStore(api: ComplaintsAdminApi) {
  const pendingAnswer = retryableRequest()
  let latest = 0

  return create<ComplaintsAdminState>()((set, get) => ({
    answered: false,
    items: [],
    total: 0,
    asOf: null,
    status: 'idle',
    error: null,
    answeringId: null,
    async load(answered) {
      const ticket = ++latest
      const sameTab = answered === get().answered && get().items.length > 0
      set({ answered, status: sameTab ? get().status : 'loading' })
      const res = await api.list(answered)
      // A slower answer about the other tab must not replace the tab asked for last.
      if (ticket !== latest) return
      if (res.ok) {
        set({
          status: 'ready',
          items: res.data.items,
          total: res.data.total,
          asOf: res.data.asOf,
          error: null,
        })
      } else set({ status: 'error', error: res.error, items: sameTab ? get().items : [] })
    },
    async answer(id, text) {
      const parsed = answerComplaintInput.safeParse({ id, answer: text })
      if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
      if (get().answeringId) return null
      set({ answeringId: id })
      const res = await api.answer(id, parsed.data.answer, pendingAnswer.idFor(parsed.data))
      pendingAnswer.settle(res.ok ? null : res.error)
      set({ answeringId: null })
      await get().load(get().answered)
      return res.ok ? null : res.error
    },
  }))
}

export const useComplaintsAdminStore = createComplaintsAdminStore(complaintsAdminApi)
