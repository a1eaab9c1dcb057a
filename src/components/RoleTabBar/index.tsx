import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { tabsFor, type TabItem, type TabPage } from '@/constants/tabs'
import type { Role } from '@/domain/member/roles'
import { useSessionStore } from '@/stores/session.store'
import { TAB_ICONS } from './icons'
import './index.scss'

const open = (item: TabItem) =>
  'tab' in item ? Taro.switchTab({ url: `/${item.tab}` }) : Taro.navigateTo({ url: item.opens })

/** Whose bar to draw: the signed-in role; a visitor without a session is a guest. */
function useRole(): Role | null {
  return useSessionStore((s) => s.me?.role ?? (s.error ? 'guest' : null))
}

/**
 * The bottom bar (底部导航) of the tab pages, drawn for the signed-in role (src/constants/tabs.ts):
 * the member's five tabs, or a staff member's workbench, tools and 我的. On weapp WeChat places it
 * (src/custom-tab-bar); on H5 the tab page does (PageTabBar).
 */
export default function RoleTabBar(props: { current: TabPage }) {
  const tabs = tabsFor(useRole())
  return (
    <View className='role-tab-bar' data-testid='tab-bar'>
      <View className='role-tab-bar__items'>
        {(tabs ?? []).map((item) => {
          const selected = 'tab' in item && item.tab === props.current
          const icon = TAB_ICONS[item.icon]
          return (
            <View
              key={item.text}
              className={`role-tab-bar__item${selected ? ' role-tab-bar__item--selected' : ''}`}
              data-testid='tab'
              data-selected={selected ? 'true' : 'false'}
              onClick={() => {
                if (!selected) void open(item)
              }}
            >
              <Image
                className='role-tab-bar__icon'
                src={selected ? icon.active : icon.normal}
                mode='aspectFit'
              />
              <Text className='role-tab-bar__text'>{item.text}</Text>
            </View>
          )
        })}
      </View>
    </View>
  )
}
