import { create } from 'zustand'
import type { ApiError } from '@/contracts/error-codes'
import { fieldErrors } from '@/contracts/define'
import { registerInput, type RegisterInput } from '@/contracts/member.contract'
import { memberApi, type MemberApi } from '@/services/member.api'
import { newRequestId } from '@/services/request-id'

export type RegistrationDraft = Record<keyof RegisterInput, string> & { consentAccepted: boolean }

export type RegistrationState = {
  submitting: boolean
  fieldErrors: Record<string, string>
  error: ApiError | null
  /** Kept across retries of the same submission so a retry never registers twice. */
  pendingRequestId: string | null
  /** What was sent under `pendingRequestId`: an edited form is a new request, not a retry. */
  pendingPayload: string | null
  submit(draft: RegistrationDraft, policyVersion: string): Promise<boolean>
  clearField(field: string): void
}

/** Turns the form into the contract's input, checked with the same schema the function uses. */
export function draftToInput(draft: RegistrationDraft, policyVersion: string): unknown {
  return {
    realName: draft.realName,
    // In the mini-program the number comes from WeChat's phone authorisation, never typed.
    ...(draft.phoneCode ? { phoneCode: draft.phoneCode } : { mobile: draft.mobile }),
    shopName: draft.shopName,
    shopAddress: draft.shopAddress,
    licenceNo: draft.licenceNo,
    birthday: draft.birthday,
    consentVersion: draft.consentAccepted ? policyVersion : '',
    ...(draft.referralCode ? { referralCode: draft.referralCode } : {}),
    ...(draft.channel ? { channel: draft.channel } : {}),
  }
}

export function createRegistrationStore(api: Pick<MemberApi, 'register'>) {
  return create<RegistrationState>()((set, get) => ({
    submitting: false,
    fieldErrors: {},
    error: null,
    pendingRequestId: null,
    pendingPayload: null,
    async submit(draft, policyVersion) {
      const parsed = registerInput.safeParse(draftToInput(draft, policyVersion))
      if (!parsed.success) {
        set({ fieldErrors: fieldErrors(parsed.error), error: null })
        return false
      }
      const payload = JSON.stringify(parsed.data)
      const { pendingRequestId, pendingPayload } = get()
      const requestId =
        pendingRequestId && pendingPayload === payload ? pendingRequestId : newRequestId()
      set({
        submitting: true,
        fieldErrors: {},
        error: null,
        pendingRequestId: requestId,
        pendingPayload: payload,
      })
      const res = await api.register(parsed.data, requestId)
      if (res.ok) {
        set({ submitting: false, pendingRequestId: null, pendingPayload: null })
        return true
      }
      const retryable = res.error.code === 'NETWORK' || res.error.code === 'SYS.INTERNAL'
      set({
        submitting: false,
        error: res.error,
        fieldErrors: res.error.fields ?? {},
        pendingRequestId: retryable ? requestId : null,
        pendingPayload: retryable ? payload : null,
      })
      return false
    },
    clearField(field) {
      const { [field]: _removed, ...rest } = get().fieldErrors
      set({ fieldErrors: rest })
    },
  }))
}

export const useRegistrationStore = createRegistrationStore(memberApi)
