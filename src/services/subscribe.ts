import Taro from '@tarojs/taro'
import { MAX_TEMPLATES_PER_REQUEST, type TemplateKey } from '@/domain/notification/templates'

export type TemplateRef = { key: TemplateKey; templateId: string }

/**
 * Asks the member to accept subscribe messages (PLATFORM §3): `requestSubscribeMessage` with at
 * most 3 template ids, which WeChat opens only from a tap — so call it first thing in the tap's
 * handler. Resolves with the keys the member accepted; a refusal or an error resolves with none.
 * The H5 build runs only on the local host, which has no WeChat dialog: there every template
 * counts as accepted (as the typed mobile stands in for phone authorisation), so the dev inbox
 * shows what a subscribed member would receive.
 */
export async function askToSubscribe(templates: readonly TemplateRef[]): Promise<TemplateKey[]> {
  const asked = templates.slice(0, MAX_TEMPLATES_PER_REQUEST)
  if (asked.length === 0) return []
  if (process.env.TARO_ENV !== 'weapp') return asked.map((t) => t.key)
  try {
    const answers = (await Taro.requestSubscribeMessage({
      tmplIds: asked.map((t) => t.templateId),
    } as Taro.requestSubscribeMessage.Option)) as Record<string, unknown>
    return asked.filter((t) => answers[t.templateId] === 'accept').map((t) => t.key)
  } catch {
    return []
  }
}
