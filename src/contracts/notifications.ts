import * as z from 'zod'
import {
  MAX_TEMPLATES_PER_REQUEST,
  TEMPLATE_KEYS,
  type TemplateKey,
} from '../domain/notification/templates'

/** Schemas and views of subscribe messages (SPEC §10), used by the member and jobs contracts. */

/** The templates the member accepted in one `requestSubscribeMessage` dialog. */
export const subscribeInput = z
  .object({
    accepted: z
      .array(z.enum(TEMPLATE_KEYS, { error: '未知的消息类型' }), { error: '请选择订阅的消息' })
      .max(MAX_TEMPLATES_PER_REQUEST, '一次最多订阅3类消息'),
  })
  .strict()
export type SubscribeInput = z.infer<typeof subscribeInput>

/** One batch of the outbox sender; `limit` caps messages per call. */
export const sendNotificationsInput = z
  .object({ limit: z.number().int().min(1).max(1_000).optional() })
  .strict()

/** Sends of each template the member may still receive (one per accepted request). */
export type SubscriptionCredits = Partial<Record<TemplateKey, number>>

/** What the client needs to ask for subscriptions: each template's id, and the member's credits. */
export type NotificationSettingsView = {
  templates: { key: TemplateKey; templateId: string }[]
  credits: SubscriptionCredits
}
