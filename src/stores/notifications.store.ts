import { create } from 'zustand'
import type { ApiError } from '@/contracts/error-codes'
import type { SubscriptionCredits } from '@/contracts/notifications'
import type { TemplateKey } from '@/domain/notification/templates'
import { notificationsApi, type NotificationsApi } from '@/services/notifications.api'
import type { TemplateRef } from '@/services/subscribe'
import { retryableRequest } from './retryable-request'
import type { LoadStatus } from './session.store'

export type NotificationsState = {
  status: LoadStatus
  /** Each template's id, to ask WeChat for; known once loaded. */
  templates: TemplateRef[]
  /** The member's unused sends per template. */
  credits: SubscriptionCredits
  error: ApiError | null
  load(): Promise<void>
  /** Records the templates the member accepted in WeChat's dialog; the error, if any. */
  report(accepted: readonly TemplateKey[]): Promise<ApiError | null>
}

/** Subscribe messages: the template ids the pages ask for, and what the member holds. */
export function createNotificationsStore(api: NotificationsApi) {
  const pendingReport = retryableRequest()

  return create<NotificationsState>()((set) => ({
    status: 'idle',
    templates: [],
    credits: {},
    error: null,
    async load() {
      set((s) => ({ status: s.templates.length ? s.status : 'loading' }))
      const res = await api.settings()
      if (res.ok) {
        set({
          status: 'ready',
          templates: res.data.templates,
          credits: res.data.credits,
          error: null,
        })
      } else set({ status: 'error', error: res.error })
    },
    async report(accepted) {
      if (accepted.length === 0) return null
      const res = await api.subscribe(accepted, pendingReport.idFor(accepted))
      pendingReport.settle(res.ok ? null : res.error)
      if (!res.ok) return res.error
      set({ credits: res.data.credits })
      return null
    },
  }))
}

export const useNotificationsStore = createNotificationsStore(notificationsApi)
