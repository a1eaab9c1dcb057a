import { fail } from '../shared/result'

export const POINTS_ERROR_CODES = [
  'POINTS.INSUFFICIENT_BALANCE',
  'POINTS.MEMBER_NOT_ACTIVE',
  'POINTS.CARD_UNKNOWN',
  'POINTS.CARD_NOT_SHOWN',
  'POINTS.ITEM_NOT_FOUND',
  'POINTS.ITEM_UNAVAILABLE',
  'POINTS.OUT_OF_STOCK',
  'POINTS.BOOKING_TOO_LATE',
  'POINTS.VOUCHER_NOT_FOUND',
  'POINTS.VOUCHER_USED',
  'POINTS.VOUCHER_NOT_YET',
  'POINTS.ENTRY_NOT_FOUND',
  'POINTS.NOT_REVERSIBLE',
] as const
export type PointsErrorCode = (typeof POINTS_ERROR_CODES)[number]

export const insufficientBalance = (balance: number, needed: number) =>
  fail('POINTS.INSUFFICIENT_BALANCE', `积分不足：当前 ${balance} 分，需要 ${needed} 分`)
export const memberNotActive = () =>
  fail('POINTS.MEMBER_NOT_ACTIVE', '该会员当前不能累积或使用积分')
export const cardUnknown = () =>
  fail('POINTS.CARD_UNKNOWN', '未找到该会员卡', { cardNo: '卡号不存在或已失效' })
export const cardNotShown = () =>
  fail('POINTS.CARD_NOT_SHOWN', '请先扫描会员出示的会员码', { cardNo: '请先扫描会员出示的会员码' })
export const itemNotFound = () => fail('POINTS.ITEM_NOT_FOUND', '未找到该兑换商品')
export const itemUnavailable = () => fail('POINTS.ITEM_UNAVAILABLE', '该商品当前不在兑换期内')
export const outOfStock = () => fail('POINTS.OUT_OF_STOCK', '该商品已兑完')
export const bookingTooLate = (days: number) =>
  fail('POINTS.BOOKING_TOO_LATE', `该商品需提前${days}天预约`, {
    pickupDate: `请选择${days}天以后的领取日期`,
  })
export const voucherNotFound = () =>
  fail('POINTS.VOUCHER_NOT_FOUND', '未找到该兑换券', { code: '兑换券号不存在' })
export const voucherUsed = () => fail('POINTS.VOUCHER_USED', '该兑换券已核销')
export const voucherNotYet = (date: string) =>
  fail('POINTS.VOUCHER_NOT_YET', `该兑换券 ${date} 起可领取`)
export const entryNotFound = () => fail('POINTS.ENTRY_NOT_FOUND', '未找到该积分记录')
export const notReversible = () => fail('POINTS.NOT_REVERSIBLE', '该记录不能冲正')
