import { z } from 'zod'
import { isValidCardNumber } from '../domain/card/card-number'
import { isCalendarDate } from '../domain/shared/calendar'
import type { EntryLabel, EntryType } from '../domain/points/points'
import { PURCHASE_CATEGORIES } from '../domain/points/purchase'
import type { MemberStatus } from '../domain/member/member'
import type { StarValue } from '../domain/star/star'
import { defineContract } from './define'

const cardNo = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/\s+/g, '') : v),
  z.string({ error: '请输入会员卡号' }).refine(isValidCardNumber, '卡号应为12位数字，请核对'),
)

/** Money in fen: whole, non-negative, at most ¥1,000,000 per line. */
const fen = z
  .number({ error: '请输入金额' })
  .int('金额以分为单位，应为整数')
  .min(1, '金额应大于0')
  .max(100_000_000, '金额过大')

const voucherCode = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
  z.string({ error: '请输入兑换券号' }).regex(/^V[0-9A-Z]{9}$/, '兑换券号为V开头的10位字符'),
)

export const earnPurchaseInput = z
  .object({
    cardNo,
    lines: z
      .array(
        z
          .object({
            category: z.enum(PURCHASE_CATEGORIES, { error: '请选择品类' }),
            amountFen: fen,
          })
          .strict(),
        {
          error: '请录入消费明细',
        },
      )
      .min(1, '请录入消费明细')
      .max(50, '一次最多录入50行'),
    /** Vouchers (from redeemed points) applied to this purchase: that part earns nothing. */
    voucherCodes: z.array(voucherCode).max(10, '一次最多使用10张兑换券').default([]),
    /** The till receipt number, kept as the entry's reference. */
    receiptNo: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : v),
      z.string().max(40, '小票号最长40个字符').default(''),
    ),
  })
  .strict()
export type EarnPurchaseInput = z.infer<typeof earnPurchaseInput>

export const redeemInput = z
  .object({
    itemId: z.string({ error: '请选择兑换商品' }).min(1, '请选择兑换商品').max(64),
    pickupDate: z.string().refine(isCalendarDate, '请选择正确的领取日期').optional(),
  })
  .strict()

const page = z
  .object({
    offset: z.number().int().min(0).max(1_000_000).default(0),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict()

export const pointsContract = defineContract('points', {
  overview: { input: z.object({}).strict(), mutating: false },
  history: { input: page, mutating: false },
  catalogue: { input: z.object({}).strict(), mutating: false },
  redeem: { input: redeemInput, mutating: true },
  vouchers: { input: z.object({}).strict(), mutating: false },
  lookupCard: { input: z.object({ cardNo }).strict(), mutating: false },
  earnPurchase: { input: earnPurchaseInput, mutating: true },
  useVoucher: { input: z.object({ code: voucherCode }).strict(), mutating: true },
})

export type PointsOverview = {
  balance: number
  /** Points that expire within 30 days, and the first such date (Shanghai). */
  expiringPoints: number
  firstExpiryDate: string | null
}

export type LedgerEntryView = {
  id: string
  type: EntryType
  label: EntryLabel
  points: number
  reference: string
  at: string
  note: string | null
}

export type CatalogueItemView = {
  id: string
  name: string
  imageUrl: string | null
  pointsPrice: number
  stock: number
  faceValueFen: number | null
  needsBooking: boolean
  /** For items that need booking: the earliest pickup date that may be chosen today. */
  earliestPickupDate: string | null
}

export type VoucherView = {
  code: string
  itemName: string
  points: number
  faceValueFen: number | null
  pickupDate: string
  status: 'issued' | 'used'
  issuedAt: string
  usedAt: string | null
}

export type CardholderView = {
  memberId: string
  cardNo: string
  realName: string
  mobileMasked: string
  status: MemberStatus
  star: StarValue | null
  balance: number
  /** Vouchers ready to use at the counter today. */
  usableVouchers: VoucherView[]
}

export type PurchaseOutcome = {
  entryId: string
  points: number
  birthday: boolean
  balance: number
  vouchersUsed: string[]
}
