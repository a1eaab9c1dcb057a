import { hasStaffPermission, type Role } from '@/domain/member/roles'

/** The tab pages of app.config.ts: the only pages a tab can switch to. */
export type TabPage =
  | 'pages/index/index'
  | 'pages/card/index'
  | 'pages/points/index'
  | 'pages/events/index'
  | 'pages/mine/index'

/** The icon drawn for a tab (src/assets/tab/<icon>.png and <icon>-active.png). */
export type TabIcon =
  'home' | 'card' | 'points' | 'events' | 'mine' | 'workbench' | 'scan' | 'checkin' | 'review'

/**
 * One item of the bottom bar: either a tab page (switched to, highlighted while shown) or a tool
 * opened on top of the current page (a clerk's 收银, a reviewer's 审核), like the scan button of
 * the payment apps.
 */
export type TabItem =
  { text: string; icon: TabIcon; tab: TabPage } | { text: string; icon: TabIcon; opens: string }

const MEMBER_TABS: TabItem[] = [
  { text: '首页', icon: 'home', tab: 'pages/index/index' },
  { text: '会员卡', icon: 'card', tab: 'pages/card/index' },
  { text: '积分', icon: 'points', tab: 'pages/points/index' },
  { text: '活动', icon: 'events', tab: 'pages/events/index' },
  { text: '我的', icon: 'mine', tab: 'pages/mine/index' },
]

/**
 * The bottom bar for whoever is signed in: members and guests get the member's tabs (a guest's
 * pages invite them to join); staff get their workbench, the tools of their role a tap away, and
 * their own 我的 — never a member's card or points, which a staff account cannot hold (SPEC §1).
 * `null` while the role is not known yet, so staff never see the member's tabs flash by.
 */
export function tabsFor(role: Role | null): TabItem[] | null {
  if (role === null) return null
  if (role === 'guest' || role === 'member') return MEMBER_TABS
  return [
    { text: '工作台', icon: 'workbench', tab: 'pages/index/index' },
    ...(hasStaffPermission(role, 'clerk')
      ? [
          { text: '收银', icon: 'scan', opens: '/staff/counter/index' } as const,
          { text: '签到', icon: 'checkin', opens: '/staff/check-in/index' } as const,
        ]
      : []),
    ...(hasStaffPermission(role, 'reviewer')
      ? [{ text: '审核', icon: 'review', opens: '/staff/review/index' } as const]
      : []),
    { text: '我的', icon: 'mine', tab: 'pages/mine/index' },
  ]
}
