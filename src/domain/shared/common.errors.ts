import { fail } from './result'

/** Codes every function may return, whatever its area. */
export const COMMON_ERROR_CODES = [
  'SYS.INTERNAL',
  'SYS.UNKNOWN_ACTION',
  'SYS.UNKNOWN_FUNCTION',
  'SYS.CONFLICT',
  'INPUT.INVALID',
  'INPUT.REQUEST_ID_REUSED',
  'AUTH.NOT_SIGNED_IN',
  'AUTH.FORBIDDEN',
  'AUTH.NOT_A_MEMBER',
  'AUTH.STAFF_CANNOT_REGISTER',
  'AUTH.STAFF_NOT_A_MEMBER',
  'AUTH.MEMBER_CANNOT_BE_STAFF',
  'AUTH.ALREADY_STAFF',
  'SYS.RATE_LIMITED',
  'SYS.CONTENT_CHECK_UNAVAILABLE',
  'INPUT.CONTENT_RISKY',
] as const

export const invalidInput = (fields: Record<string, string>) =>
  fail('INPUT.INVALID', '提交的信息有误，请检查后重试', fields)

export const requestIdReused = () => fail('INPUT.REQUEST_ID_REUSED', '请求编号已用于另一个操作')

export const notSignedIn = () => fail('AUTH.NOT_SIGNED_IN', '请先登录')

export const forbidden = () => fail('AUTH.FORBIDDEN', '没有权限执行此操作')

export const notAMember = () => fail('AUTH.NOT_A_MEMBER', '请先注册成为会员')
/** Staff can never hold a member account at the same time (SPEC §1). */
export const staffCannotRegister = () =>
  fail('AUTH.STAFF_CANNOT_REGISTER', '员工账号不能注册为会员')

/** A member account whose openid is also active staff (legacy data) acts as neither member. */
export const staffNotAMember = () =>
  fail('AUTH.STAFF_NOT_A_MEMBER', '员工账号不能使用会员功能；如有疑问请联系管理员')

/** An invite accepted with a WeChat account that holds a member account (SPEC §1). */
export const memberCannotBeStaff = () =>
  fail(
    'AUTH.MEMBER_CANNOT_BE_STAFF',
    '该微信号已注册为会员，员工与会员不能使用同一微信号；请用未注册会员的微信号接受邀请',
  )

export const alreadyStaff = () => fail('AUTH.ALREADY_STAFF', '您已是员工，无需再次接受邀请')

export const writeConflict = () => fail('SYS.CONFLICT', '数据已被他人修改，请刷新后重试')

/** Too many calls of a limited action in its window (docs/security.md, rate limits). */
export const rateLimited = (retryAfterSeconds: number) =>
  fail('SYS.RATE_LIMITED', `操作太频繁，请${waitText(retryAfterSeconds)}后再试`)

function waitText(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.ceil(seconds))} 秒`
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} 分钟`
  return `${Math.ceil(seconds / 3600)} 小时`
}

/** Member-written text WeChat's content check judged risky: refused, field by field. */
export const contentRisky = (fields: readonly string[]) =>
  fail(
    'INPUT.CONTENT_RISKY',
    '内容含有不适宜的信息，请修改后再提交',
    Object.fromEntries(fields.map((field) => [field, '该内容未通过微信内容安全检测，请修改'])),
  )

/** WeChat's content check did not answer: the text is not kept unchecked. */
export const contentCheckUnavailable = () =>
  fail('SYS.CONTENT_CHECK_UNAVAILABLE', '内容安全检测暂时不可用，请稍后再提交')
