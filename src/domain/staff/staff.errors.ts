import { fail } from '../shared/result'

export const STAFF_ERROR_CODES = [
  'STAFF.NOT_FOUND',
  'STAFF.REVOKED',
  'STAFF.SELF_CHANGE',
  'STAFF.ROLE_UNCHANGED',
  'STAFF.SITE_UNCHANGED',
  'STAFF.INVITE_INVALID',
  'STAFF.INVITE_USED',
  'STAFF.INVITE_EXPIRED',
  'STAFF.INVITE_CANCELLED',
  'STAFF.CARDHOLDER_IS_STAFF',
] as const
export type StaffErrorCode = (typeof STAFF_ERROR_CODES)[number]

export const staffNotFound = () => fail('STAFF.NOT_FOUND', '未找到该员工')
export const staffRevoked = () => fail('STAFF.REVOKED', '该员工账号已停用')
/** An admin never changes or revokes their own account: another admin does (see staff.ts). */
export const selfChange = () =>
  fail('STAFF.SELF_CHANGE', '不能修改或停用自己的账号，请由另一位管理员操作')
export const roleUnchanged = () =>
  fail('STAFF.ROLE_UNCHANGED', '该员工已是此角色', { role: '请选择另一个角色' })
export const siteUnchanged = () =>
  fail('STAFF.SITE_UNCHANGED', '该员工已在此门店', { site: '请填写另一个门店' })

export const inviteInvalid = () =>
  fail('STAFF.INVITE_INVALID', '邀请码无效，请核对后重新输入', { code: '邀请码无效' })
export const inviteNotFound = () => fail('STAFF.INVITE_INVALID', '未找到该邀请')
export const inviteUsed = () => fail('STAFF.INVITE_USED', '该邀请码已被使用')
export const inviteExpired = () =>
  fail('STAFF.INVITE_EXPIRED', '邀请码已过期，请联系管理员重新邀请')
export const inviteCancelled = () =>
  fail('STAFF.INVITE_CANCELLED', '该邀请已作废，请联系管理员重新邀请')

/**
 * A card whose holder is also staff (legacy data: a console edit): nobody may use it at the
 * counter, least of all its holder (SPEC §1).
 */
export const cardholderIsStaff = () =>
  fail(
    'STAFF.CARDHOLDER_IS_STAFF',
    '该会员卡的持卡人是员工，员工不能持有会员卡，此卡不能在柜台使用；请联系管理员处理',
  )
export const ownCardAtCounter = () =>
  fail('STAFF.CARDHOLDER_IS_STAFF', '员工不能为自己的会员卡办理积分、兑换或签到；请联系管理员处理')
