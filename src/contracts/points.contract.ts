import * as z from 'zod'
import { isValidCardNumber } from '../domain/card/card-number'
import { isCalendarDate } from '../domain/shared/calendar'
import type { EntryLabel, EntryType, PurchaseReceipt } from '../domain/points/points'
import { PURCHASE_CATEGORIES } from '../domain/points/purchase'
import type { MemberStatus } from '../domain/member/member'
import type { StarValue } from '../domain/star/star'
import { defineContract } from './define'
import { isoInstant, trimmedText } from './fields'
import type { ClubState } from '../domain/club/club'

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

const reason = trimmedText('原因', 2, 200)

export const saveItemInput = z
  .object({
    /** Absent for a new item. */
    id: z.string().min(1).max(64).optional(),
    /** The version read, for an edit: a concurrent change is refused rather than overwritten. */
    version: z.number().int().min(1).optional(),
    name: trimmedText('商品名称', 2, 30, { layout: 'line' }),
    imageUrl: z.string().max(500).url('请填写正确的图片地址').nullable().default(null),
    pointsPrice: z
      .number({ error: '请填写所需积分' })
      .int('积分应为整数')
      .min(1, '积分应大于0')
      .max(1_000_000, '积分过大'),
    stock: z
      .number({ error: '请填写库存' })
      .int('库存应为整数')
      .min(0, '库存不能为负')
      .max(1_000_000, '库存过大'),
    faceValueFen: z.number().int().min(1, '面值应大于0').max(10_000_000).nullable().default(null),
    availableFrom: isoInstant.nullable().default(null),
    availableUntil: isoInstant.nullable().default(null),
    active: z.boolean().default(true),
  })
  .strict()
  .refine((i) => !i.availableFrom || !i.availableUntil || i.availableFrom < i.availableUntil, {
    path: ['availableUntil'],
    message: '结束时间应晚于开始时间',
  })
export type SaveItemInput = z.infer<typeof saveItemInput>

export const adjustInput = z
  .object({
    cardNo,
    points: z
      .number({ error: '请填写调整积分' })
      .int('积分应为整数')
      .min(-1_000_000, '调整幅度过大')
      .max(1_000_000, '调整幅度过大')
      .refine((n) => n !== 0, '调整积分不能为0'),
    reason,
  })
  .strict()

export const reverseInput = z
  .object({ entryId: z.string({ error: '请选择要冲正的记录' }).min(1).max(80), reason })
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
  lookupCard: {
    input: z.object({ cardNo }).strict(),
    mutating: false,
    personalData: '柜台为会员办理业务',
  },
  earnPurchase: { input: earnPurchaseInput, mutating: true },
  /** The voucher's holder must be the member whose card the clerk verified (cardNo). */
  useVoucher: {
    input: z.object({ code: voucherCode, cardNo }).strict(),
    mutating: true,
    limit: 'codeCheck',
    countAlongside: true,
  },
  allItems: { input: z.object({}).strict(), mutating: false },
  saveItem: { input: saveItemInput, mutating: true },
  memberLedger: {
    input: page.extend({ cardNo }),
    mutating: false,
    personalData: '查看会员积分明细',
  },
  adjust: { input: adjustInput, mutating: true },
  reverse: { input: reverseInput, mutating: true },
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
  /** For a purchase: the sale, so the member can check it against the receipt. */
  purchase: PurchaseReceipt | null
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
  clubState: ClubState
  balance: number
  /** Vouchers ready to use at the counter today. */
  usableVouchers: VoucherView[]
}

export type AdminLedgerView = {
  cardholder: { memberId: string; realName: string; cardNo: string; balance: number }
  entries: (LedgerEntryView & { type: EntryType; reversible: boolean })[]
  total: number
}

export type AdjustmentOutcome = { entryId: string; points: number; balance: number }

export type PurchaseOutcome = {
  entryId: string
  points: number
  /** The entry's plain note: why nothing was earned, or that it was doubled; null otherwise. */
  note: string | null
  birthday: boolean
  balance: number
  vouchersUsed: string[]
}
