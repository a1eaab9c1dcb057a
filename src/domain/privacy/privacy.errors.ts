import { fail } from '../shared/result'

export const PRIVACY_ERROR_CODES = [
  'PRIVACY.ACCOUNT_CLOSED',
  'PRIVACY.WITHDRAWAL_PENDING',
  'PRIVACY.WITHDRAWAL_NOT_FOUND',
  'PRIVACY.WITHDRAWAL_CLOSED',
] as const
export type PrivacyErrorCode = (typeof PRIVACY_ERROR_CODES)[number]

export const accountClosed = () => fail('PRIVACY.ACCOUNT_CLOSED', '账号已注销，不能再办理此事项')
export const withdrawalPending = () =>
  fail('PRIVACY.WITHDRAWAL_PENDING', '您已提交注销申请，正在处理中')
export const withdrawalNotFound = () =>
  fail('PRIVACY.WITHDRAWAL_NOT_FOUND', '未找到处理中的注销申请')
export const withdrawalClosed = () =>
  fail('PRIVACY.WITHDRAWAL_CLOSED', '该注销申请已处理或已撤回，请刷新')
