import type { EntryLabel, EntryType } from '@/domain/points/points'
import type { PurchaseCategory } from '@/domain/points/purchase'
import type { ArrivalChannel, MemberStatus } from '@/domain/member/member'
import type { Role } from '@/domain/member/roles'
import type { ClubState } from '@/domain/club/club'
import type { StarSource } from '@/domain/star/star'
import type { StarImportProblem } from '@/domain/star/star-import'
import type { ComplaintCategory } from '@/domain/care/complaint'

export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = {
  pending: '审核中',
  active: '已通过',
  rejected: '未通过',
  suspended: '已暂停',
  cancelled: '已注销',
  withdrawn: '已退出',
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
  closure: '账户关闭清零',
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

export const CLUB_STATE_LABELS: Record<ClubState, string> = {
  none: '未加入',
  applied: '申请审核中',
  active: '俱乐部会员',
  rejected: '申请未通过',
  grace: '俱乐部会员（宽限期）',
  exited: '已退出',
  suspended: '已暂停',
  cancelled: '已取消',
  withdrawn: '已主动退出',
}

export const STAR_SOURCE_LABELS: Record<StarSource, string> = {
  initial: '入会初始',
  rule: '年度评定',
  import: '导入',
  override: '管理员修改',
}

export const IMPORT_PROBLEM_LABELS: Record<StarImportProblem, string> = {
  columns: '列数不对（应为：许可证号,星级）',
  'licence-format': '许可证号格式不正确',
  'star-invalid': '星级应为1–5',
  duplicate: '许可证号重复',
  'unknown-licence': '没有该许可证号的会员',
}

export const COMPLAINT_CATEGORY_LABELS: Record<ComplaintCategory, string> = {
  service: '服务态度',
  product: '商品质量',
  points: '积分问题',
  event: '活动问题',
  suggestion: '意见建议',
  other: '其他',
}
