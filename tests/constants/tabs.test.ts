import { tabsFor, type TabItem } from '@/constants/tabs'

const texts = (tabs: TabItem[] | null) => tabs?.map((t) => t.text) ?? null

describe('tabsFor: the bottom bar of each role', () => {
  it('gives members and guests the member tabs, every one a tab page', () => {
    for (const role of ['member', 'guest'] as const) {
      const tabs = tabsFor(role)
      expect(texts(tabs)).toEqual(['首页', '会员卡', '积分', '活动', '我的'])
      expect(tabs!.every((t) => 'tab' in t)).toBe(true)
    }
  })

  it.each([
    ['clerk', ['工作台', '收银', '签到', '我的']],
    ['reviewer', ['工作台', '审核', '我的']],
    ['admin', ['工作台', '收银', '签到', '审核', '我的']],
  ] as const)(
    'gives a %s their workbench, tools and 我的, never a card or points',
    (role, expected) => {
      const tabs = tabsFor(role)!
      expect(texts(tabs)).toEqual(expected)
      expect(tabs.some((t) => 'tab' in t && t.tab === 'pages/card/index')).toBe(false)
      expect(tabs.some((t) => 'tab' in t && t.tab === 'pages/points/index')).toBe(false)
    },
  )

  it('opens the tools as pages on top: 收银 the counter, 签到 check-in, 审核 the review queue', () => {
    const opens = Object.fromEntries(
      tabsFor('admin')!.flatMap((t) => ('opens' in t ? [[t.text, t.opens]] : [])),
    )
    expect(opens).toEqual({
      收银: '/staff/counter/index',
      签到: '/staff/check-in/index',
      审核: '/staff/review/index',
    })
  })

  it('draws nothing while the role is unknown, so staff never see the member tabs flash', () => {
    expect(tabsFor(null)).toBeNull()
  })

  it('keeps within the 2–5 items a tab bar may hold (PLATFORM §3)', () => {
    for (const role of ['guest', 'member', 'clerk', 'reviewer', 'admin'] as const) {
      expect(tabsFor(role)!.length).toBeGreaterThanOrEqual(2)
      expect(tabsFor(role)!.length).toBeLessThanOrEqual(5)
    }
  })
})
