import { fail } from '../shared/result'

export const MEMBER_ERROR_CODES = [
  'MEMBER.NOT_FOUND',
  'MEMBER.ALREADY_REGISTERED',
  'MEMBER.NOT_PENDING',
  'MEMBER.DUPLICATE',
  'MEMBER.HELD_ELSEWHERE',
  'MEMBER.UNDERAGE',
  'MEMBER.CONSENT_OUTDATED',
  'MEMBER.REFERRAL_UNKNOWN',
  'MEMBER.PHONE_NOT_VERIFIED',
  'MEMBER.PHONE_CODE_INVALID',
  'MEMBER.PHONE_UNAVAILABLE',
] as const
export type MemberErrorCode = (typeof MEMBER_ERROR_CODES)[number]

export const memberNotFound = () => fail('MEMBER.NOT_FOUND', '未找到该会员')
export const alreadyRegistered = () => fail('MEMBER.ALREADY_REGISTERED', '您已是会员，无需重复注册')
export const notPending = () => fail('MEMBER.NOT_PENDING', '该申请已处理，请刷新列表')
export const duplicateField = (field: 'mobile' | 'licenceNo' | 'openid') =>
  fail('MEMBER.DUPLICATE', '该信息已被其他会员使用', {
    [field]: DUPLICATE_FIELD_MESSAGES[field],
  })

/** A reviewer approving an application whose mobile or licence another member already holds. */
export const heldByAnotherMember = (fields: readonly ('mobile' | 'licenceNo')[]) =>
  fail(
    'MEMBER.HELD_ELSEWHERE',
    '该申请的手机号或许可证号已属于另一位会员，不能通过；请驳回并说明原因',
    Object.fromEntries(fields.map((field) => [field, HELD_FIELD_MESSAGES[field]])),
  )

const HELD_FIELD_MESSAGES = {
  mobile: '该手机号已属于另一位会员',
  licenceNo: '该许可证号已属于另一位会员',
} as const

const DUPLICATE_FIELD_MESSAGES = {
  mobile: '该手机号已注册',
  licenceNo: '该烟草专卖零售许可证号已注册',
  openid: '该微信号已注册',
} as const

export const underage = () =>
  fail('MEMBER.UNDERAGE', '年满18周岁方可注册', { birthday: '年满18周岁方可注册' })

export const consentOutdated = () =>
  fail('MEMBER.CONSENT_OUTDATED', '会员协议与隐私政策已更新，请重新阅读并同意', {
    consentVersion: '请阅读并同意最新版会员协议与隐私政策',
  })

export const referralUnknown = () =>
  fail('MEMBER.REFERRAL_UNKNOWN', '推荐码无效', { referralCode: '推荐码无效，请核对或留空' })

export const phoneNotVerified = () =>
  fail('MEMBER.PHONE_NOT_VERIFIED', '请使用微信授权手机号', { mobile: '请点击“微信授权手机号”' })

export const phoneCodeInvalid = () =>
  fail('MEMBER.PHONE_CODE_INVALID', '手机号授权已失效，请重新授权', {
    mobile: '手机号授权已失效，请重新授权',
  })

/**
 * WeChat's phone authorisation cannot be used at all (the deployment lacks a permission or the
 * account may not use it): a new authorisation would not help, so the member is told to wait.
 */
export const phoneUnavailable = () =>
  fail('MEMBER.PHONE_UNAVAILABLE', '暂时无法获取微信手机号，请稍后再试或联系会员部', {
    mobile: '暂时无法获取微信手机号，请稍后再试或联系会员部',
  })
