import { create } from 'zustand'
import type { ApiError } from '@/contracts/error-codes'
import { privacyApi, type PrivacyApi } from '@/services/privacy.api'
import { retryableRequest } from './retryable-request'

export type ConsentState = {
  consenting: boolean
  /** Agrees to the policy version in force; the caller reloads the session to see it. */
  consent(version: string): Promise<ApiError | null>
}

/**
 * 同意新版政策 (SPEC §2, §9), asked on the home and mine tabs. A store of its own, apart from the
 * my-data store: the tab pages live in the mini-program's main package, and the my-data store
 * brings the correction form's validation (zod, about 90 KB) with it.
 */
export function createConsentStore(api: Pick<PrivacyApi, 'consent'>) {
  const pendingConsent = retryableRequest()

  return create<ConsentState>()((set, get) => ({
    consenting: false,
    async consent(version) {
      if (get().consenting) return null
      set({ consenting: true })
      const res = await api.consent(version, pendingConsent.idFor({ version }))
      pendingConsent.settle(res.ok ? null : res.error)
      set({ consenting: false })
      return res.ok ? null : res.error
    },
  }))
}

export const useConsentStore = createConsentStore(privacyApi)
