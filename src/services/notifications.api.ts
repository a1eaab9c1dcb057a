import type { NotificationSettingsView, SubscriptionCredits } from '@/contracts/notifications'
import type { TemplateKey } from '@/domain/notification/templates'
import { callFunction } from './cloud'

export const notificationsApi = {
  settings: () => callFunction<NotificationSettingsView>('member', 'notificationSettings'),
  subscribe: (accepted: readonly TemplateKey[], requestId: string) =>
    callFunction<{ credits: SubscriptionCredits }>('member', 'subscribe', { accepted }, requestId),
}
export type NotificationsApi = typeof notificationsApi
