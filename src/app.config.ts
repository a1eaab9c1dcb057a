export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/card/index',
    'pages/points/index',
    'pages/events/index',
    'pages/mine/index',
  ],
  // The main package holds the tab pages only: what a member sees first. The member's other
  // pages and the staff pages are subpackages, the member's preloaded from the tabs that open them.
  subPackages: [
    {
      root: 'member',
      pages: [
        'register/index',
        'agreement/index',
        'rewards/index',
        'vouchers/index',
        'star/index',
        'suggestions/index',
        'event-detail/index',
        'my-events/index',
        'sanctions/index',
        'complaints/index',
        'my-data/index',
      ],
    },
    {
      root: 'staff',
      pages: [
        'review/index',
        'counter/index',
        'catalogue/index',
        'points-admin/index',
        'star-admin/index',
        'club-review/index',
        'events-admin/index',
        'event-roster/index',
        'check-in/index',
        'discipline/index',
        'complaints/index',
        'withdrawals/index',
        'reports/index',
        'audit-log/index',
        'staff-admin/index',
        'join/index',
        'demo-clock/index',
      ],
    },
  ],
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['member'] },
    'pages/mine/index': { network: 'all', packages: ['member'] },
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTitleText: '零售客户俱乐部',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
  },
  // Drawn by src/custom-tab-bar for the signed-in role (members' tabs or staff's); the list
  // still names the tab pages, as WeChat requires.
  tabBar: {
    custom: true,
    color: '#666666',
    selectedColor: '#c8102e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/card/index',
        text: '会员卡',
        iconPath: 'assets/tab/card.png',
        selectedIconPath: 'assets/tab/card-active.png',
      },
      {
        pagePath: 'pages/points/index',
        text: '积分',
        iconPath: 'assets/tab/points.png',
        selectedIconPath: 'assets/tab/points-active.png',
      },
      {
        pagePath: 'pages/events/index',
        text: '活动',
        iconPath: 'assets/tab/events.png',
        selectedIconPath: 'assets/tab/events-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tab/mine.png',
        selectedIconPath: 'assets/tab/mine-active.png',
      },
    ],
  },
})
