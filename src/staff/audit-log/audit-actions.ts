/**
 * Audit actions (审计操作) in Chinese, for the filter and the list; an action not listed here
 * (added later) shows by its name.
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'registration.approve': '注册审核通过',
  'registration.reject': '注册审核驳回',
  'club.approve': '俱乐部申请通过',
  'club.reject': '俱乐部申请驳回',
  'star.override': '修改星级',
  'star.import': '导入星级',
  'star.thresholds': '设置升星门槛',
  'points.adjust': '积分调整',
  'points.reverse': '积分冲正',
  'catalogue.create': '新增兑换商品',
  'catalogue.update': '修改兑换商品',
  'event.create': '新建活动',
  'event.edit': '修改活动',
  'event.publish': '发布活动',
  'event.cancel': '取消活动',
  'event.export': '导出报名名单',
  'card.verify': '核验会员码',
  'card.rekey': '挂失补卡',
  'personal-data.read': '查看会员个人信息',
  'suggestion.answer': '答复建议',
  'complaint.answer': '答复投诉',
  'sanction.issue': '处分',
  'appeal.decide': '申诉裁决',
  'member.consent': '会员同意新协议',
  'member.correct': '会员更正资料',
  'member.export': '会员导出个人数据',
  'member.withdraw': '会员注销',
  'report.export': '导出报表',
  'staff.invite': '邀请员工',
  'staff.cancelInvite': '作废员工邀请',
  'staff.accept': '接受员工邀请',
  'staff.changeRole': '修改员工角色',
  'staff.revoke': '停用员工',
  'staff.counterRefused': '拒绝员工持卡的柜台操作',
  'clock.move': '拨快演示时钟',
  'clock.reset': '演示时钟恢复真实时间',
}

export const auditActionText = (action: string) => AUDIT_ACTION_LABELS[action] ?? action
