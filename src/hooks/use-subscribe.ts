import { useDidShow } from '@tarojs/taro'
import type { TemplateKey } from '@/domain/notification/templates'
import { askToSubscribe } from '@/services/subscribe'
import { useNotificationsStore } from '@/stores/notifications.store'

/**
 * Subscribe messages at a tap (SPEC §10): `ask()` opens WeChat's dialog for these templates (at
 * most 3) and must be the first thing the tap's handler does; `report(accepted)` then records
 * what the member accepted, once they are a member (after registering, on the register page).
 * The template ids and the member's unused sends are refreshed each time the page shows.
 */
export function useSubscribe(keys: readonly TemplateKey[]) {
  const { templates, credits, load, report } = useNotificationsStore()
  useDidShow(() => {
    void load()
  })
  const asked = templates.filter((t) => keys.includes(t.key))
  return {
    credits,
    ask: () => askToSubscribe(asked),
    report,
  }
}
