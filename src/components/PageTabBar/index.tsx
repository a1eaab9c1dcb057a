import { View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import RoleTabBar from '@/components/RoleTabBar'
import type { TabPage } from '@/constants/tabs'
import { useCurrentTab } from '@/stores/current-tab.store'

/**
 * Put once in every tab page. It tells the bar which tab is on screen each time the page shows;
 * on H5, where Taro has no custom tab bar, it also draws the bar, while on weapp WeChat draws
 * src/custom-tab-bar under the page.
 */
export default function PageTabBar(props: { current: TabPage }) {
  const show = useCurrentTab((s) => s.show)
  useDidShow(() => show(props.current))
  if (process.env.TARO_ENV !== 'h5') return null
  return (
    <>
      <View className='role-tab-bar-space' />
      <RoleTabBar current={props.current} />
    </>
  )
}
