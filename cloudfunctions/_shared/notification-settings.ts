import { TEMPLATE_KEYS, type TemplateKey } from '../../src/domain/notification/templates'
import type { NotificationSender } from './ports'

/**
 * Template ids of the local host and tests, where no WeChat console assigns any. Production sets
 * CLUB_SUBSCRIBE_TEMPLATES to the ids chosen in the mini-program console (docs/deploy.md).
 */
export const LOCAL_TEMPLATE_IDS: Record<TemplateKey, string> = Object.fromEntries(
  TEMPLATE_KEYS.map((key) => [key, `local-${key}`]),
) as Record<TemplateKey, string>

/**
 * The template id per key from CLUB_SUBSCRIBE_TEMPLATES (JSON `{"review":"<templateId>", …}`),
 * each key it leaves out keeping its local id. Unknown keys and non-text ids are ignored; text
 * that is not a JSON object stops the function from starting, as a missing data key does.
 */
export function subscribeTemplatesFrom(json: string | undefined): Record<TemplateKey, string> {
  if (!json) return { ...LOCAL_TEMPLATE_IDS }
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    throw new Error('CLUB_SUBSCRIBE_TEMPLATES is not valid JSON')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('CLUB_SUBSCRIBE_TEMPLATES must be a JSON object of template ids')
  }
  const ids = { ...LOCAL_TEMPLATE_IDS }
  for (const key of TEMPLATE_KEYS) {
    const id = (parsed as Record<string, unknown>)[key]
    if (typeof id === 'string' && id.trim()) ids[key] = id.trim()
  }
  return ids
}

/**
 * Off WeChat (the local host, tests) every message counts as delivered: the outbox records it as
 * sent, and the local host's dev inbox (GET /dev/inbox) shows the sent messages.
 */
export const devInboxSender: NotificationSender = { send: async () => ({ ok: true }) }
