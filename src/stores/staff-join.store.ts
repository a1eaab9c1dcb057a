import { create } from 'zustand'
import { fieldErrors } from '@/contracts/define'
import type { ApiError } from '@/contracts/error-codes'
import { acceptStaffInviteInput, type JoinedStaff } from '@/contracts/staff'
import { staffApi, type StaffApi } from '@/services/staff.api'
import { invalidForm } from './form-input'
import { retryableRequest } from './retryable-request'

export type JoinStaffState = {
  submitting: boolean
  joined: JoinedStaff | null
  error: ApiError | null
  accept(code: string): Promise<ApiError | null>
}

/** 接受员工邀请: the invitee enters or scans the admin's code and becomes staff. */
export function createJoinStaffStore(api: Pick<StaffApi, 'acceptInvite'>) {
  const pendingAccept = retryableRequest()

  return create<JoinStaffState>()((set, get) => ({
    submitting: false,
    joined: null,
    error: null,
    async accept(code) {
      const parsed = acceptStaffInviteInput.safeParse({ code })
      if (!parsed.success) {
        const error = invalidForm(fieldErrors(parsed.error))
        set({ error })
        return error
      }
      if (get().submitting) return null
      set({ submitting: true, error: null })
      const res = await api.acceptInvite(parsed.data.code, pendingAccept.idFor(parsed.data))
      pendingAccept.settle(res.ok ? null : res.error)
      set({
        submitting: false,
        joined: res.ok ? res.data : null,
        error: res.ok ? null : res.error,
      })
      return res.ok ? null : res.error
    },
  }))
}

export const useJoinStaffStore = createJoinStaffStore(staffApi)
