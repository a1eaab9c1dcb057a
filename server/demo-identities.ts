/** The people a developer can be on the local host's sign-in page (never in production). */
export type DemoIdentity = { openid: string; label: string; description: string }

export const DEMO_IDENTITIES: readonly DemoIdentity[] = [
  { openid: 'o_demo_member', label: '会员 王建国', description: '已通过审核的零售户，持有会员卡' },
  {
    openid: 'o_demo_star',
    label: '会员 孙丽华',
    description: '去年获得3000积分；年度星级调整后为三星，可申请加入俱乐部',
  },
  {
    openid: 'o_demo_club',
    label: '会员 钱晓峰',
    description: '四星会员，已申请加入俱乐部，等待审核',
  },
  { openid: 'o_demo_applicant', label: '申请人 李秀英', description: '已提交注册，等待审核' },
  {
    openid: 'o_demo_rejected',
    label: '申请人 赵立新',
    description: '注册被驳回，可修改后重新提交',
  },
  { openid: 'o_demo_clerk', label: '店员 陈晓', description: '门店/活动现场工作人员' },
  { openid: 'o_demo_reviewer', label: '审核员 周敏', description: '会员部，审核注册与申请' },
  { openid: 'o_demo_admin', label: '管理员 刘强', description: '俱乐部经理，拥有全部权限' },
]
