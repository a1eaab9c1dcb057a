import RoleTabBar from '@/components/RoleTabBar'
import { useCurrentTab } from '@/stores/current-tab.store'

/**
 * WeChat's custom tab bar (app.config.ts `tabBar.custom`), drawn under each tab page; the page on
 * screen marks its tab through PageTabBar.
 */
export default function CustomTabBar() {
  const current = useCurrentTab((s) => s.current)
  return <RoleTabBar current={current} />
}
