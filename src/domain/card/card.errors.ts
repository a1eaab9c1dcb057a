import { fail } from '../shared/result'

export const CARD_ERROR_CODES = [
  'CARD.CODE_MALFORMED',
  'CARD.NUMBER_ONLY',
  'CARD.CODE_FORGED',
  'CARD.CODE_EXPIRED',
  'CARD.CLOCK_SKEW',
  'CARD.CODE_REPLAYED',
  'CARD.CODE_OLD_VERSION',
  'CARD.UNUSABLE',
] as const
export type CardErrorCode = (typeof CARD_ERROR_CODES)[number]

export const codeMalformed = () =>
  fail('CARD.CODE_MALFORMED', '无法识别的会员码，请让会员刷新后重试')
/** A bare card number typed at the counter: it is printed on the card, so it proves nothing. */
export const cardNumberOnly = () =>
  fail(
    'CARD.NUMBER_ONLY',
    '这是会员卡号，不能用来办理业务。请让会员打开会员码，读出二维码下方的22位数字动态码',
  )
export const codeForged = () => fail('CARD.CODE_FORGED', '会员码校验失败，可能是伪造的会员码')
export const codeExpired = () =>
  fail('CARD.CODE_EXPIRED', '会员码已过期（可能是截图），请让会员刷新')
export const clockSkew = () => fail('CARD.CLOCK_SKEW', '会员手机时间不准，请校准时间后刷新会员码')
export const codeReplayed = () => fail('CARD.CODE_REPLAYED', '该会员码已被使用，请让会员刷新')
export const codeOldVersion = () =>
  fail('CARD.CODE_OLD_VERSION', '该会员卡已挂失补办，旧卡码已失效')
export const cardUnusable = () => fail('CARD.UNUSABLE', '该会员卡当前不可用')
