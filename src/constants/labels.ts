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
