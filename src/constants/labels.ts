import type { EntryLabel, EntryType } from '@/domain/points/points'
import type { PurchaseCategory } from '@/domain/points/purchase'
import type { ArrivalChannel, MemberStatus } from '@/domain/member/member'
import type { Role } from '@/domain/member/roles'

export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = {
  pending: '审核中',
  active: '已通过',
  rejected: '未通过',
}

export const CHANNEL_LABELS: Record<ArrivalChannel, string> = {
  oa_menu: '公众号菜单',
  qr_poster: '二维码海报',
  referral: '会员推荐',
  event: '活动现场',
  other: '其他',
}

export const ROLE_LABELS: Record<Role, string> = {
  guest: '访客',
  member: '会员',
  clerk: '店员',
  reviewer: '审核员',
  admin: '管理员',
}

export const starText = (star: number | null) =>
  star ? '★'.repeat(star) + '☆'.repeat(5 - star) : '—'

export const ENTRY_TYPE_LABELS: Record<EntryType, string> = {
  earn: '获得',
  redeem: '兑换',
  expire: '过期',
  adjust: '调整',
  reverse: '冲正',
}

export const ENTRY_LABEL_LABELS: Record<EntryLabel, string> = {
  purchase: '消费积分',
  event: '活动积分',
  birthday: '生日礼遇',
  referral: '推荐奖励',
  reward: '积分兑换',
  correction: '人工调整',
  expiry: '积分过期',
}

export const CATEGORY_LABELS: Record<PurchaseCategory, string> = {
  tobacco: '卷烟',
  liquor: '酒类',
  beverage: '饮料',
  food: '食品',
  daily: '日用品',
  lottery: '彩票',
  prepaid_card: '充值卡',
  other: '其他',
}
