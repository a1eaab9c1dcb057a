import { TEMPLATE_KEYS, type TemplateKey } from '../../src/domain/notification/templates'
import type { NotificationSender } from './ports'

/**
 * Template ids of the local host and tests, where no WeChat console assigns any. Production sets
 * CLUB_SUBSCRIBE_TEMPLATES to the ids chosen in the mini-program console (docs/deploy.md).
 */
export const LOCAL_TEMPLATE_IDS: Record<TemplateKey, string> = Object.fromEntries(
  TEMPLATE_KEYS.map((key) => [key, `local-${key}`]),
) as Record<TemplateKey, string>

/** What WeChat's template ids are made of (base64url): nothing JSON or dotenv treats specially. */
const TEMPLATE_ID = /^[A-Za-z0-9_-]+$/

/**
 * The template id per key from CLUB_SUBSCRIBE_TEMPLATES, written `key:templateId` with commas
 * between (`review:AbC-1_x,points:DeF-2_y`), each key it leaves out keeping its local id. Spaces
 * around the parts and an empty part (a trailing comma) are ignored. The CloudBase CLI pastes the
 * value into cloudbaserc.json as raw text, so the format has no quotes or backslashes (JSON broke
 * the file). Anything else (an unknown or repeated key, a part without an id, an id with other
 * characters, JSON) stops the function from starting, as a missing data key does.
 */
export function subscribeTemplatesFrom(setting: string | undefined): Record<TemplateKey, string> {
  const ids = { ...LOCAL_TEMPLATE_IDS }
  if (!setting?.trim()) return ids
  if (setting.trim().startsWith('{')) {
    throw new Error(
      'CLUB_SUBSCRIBE_TEMPLATES is JSON, which the CloudBase CLI cannot put into cloudbaserc.json: ' +
        'write key:templateId pairs separated by commas (docs/deploy.md §2)',
    )
  }
  const seen = new Set<string>()
  for (const part of setting.split(',').map((p) => p.trim())) {
    if (!part) continue
    const colon = part.indexOf(':')
    const key = colon < 0 ? '' : part.slice(0, colon).trim()
    const id = colon < 0 ? '' : part.slice(colon + 1).trim()
    if (!key || !id) {
      throw new Error(`CLUB_SUBSCRIBE_TEMPLATES: "${part}" is not key:templateId`)
    }
    if (!isTemplateKey(key)) {
      throw new Error(
        `CLUB_SUBSCRIBE_TEMPLATES: unknown key "${key}" (keys: ${TEMPLATE_KEYS.join(', ')})`,
      )
    }
    if (seen.has(key)) throw new Error(`CLUB_SUBSCRIBE_TEMPLATES: ${key} is given twice`)
    if (!TEMPLATE_ID.test(id)) {
      throw new Error(`CLUB_SUBSCRIBE_TEMPLATES: the ${key} id may hold only A-Z a-z 0-9 - _`)
    }
    seen.add(key)
    ids[key] = id
  }
  return ids
}

/** The CLUB_SUBSCRIBE_TEMPLATES value of these ids: what subscribeTemplatesFrom reads back. */
export function subscribeTemplatesSetting(ids: Partial<Record<TemplateKey, string>>): string {
  return TEMPLATE_KEYS.filter((key) => ids[key])
    .map((key) => `${key}:${ids[key]}`)
    .join(',')
}

const isTemplateKey = (key: string): key is TemplateKey =>
  (TEMPLATE_KEYS as readonly string[]).includes(key)

/**
 * Off WeChat (the local host, tests) every message counts as delivered: the outbox records it as
 * sent, and the local host's dev inbox (GET /dev/inbox) shows the sent messages.
 */
export const devInboxSender: NotificationSender = { send: async () => ({ ok: true }) }
