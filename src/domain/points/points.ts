/** Kinds of ledger entry (积分流水类型), SPEC §5. */
export const ENTRY_TYPES = ['earn', 'redeem', 'expire', 'adjust', 'reverse'] as const
export type EntryType = (typeof ENTRY_TYPES)[number]

/** Standard labels (标签) that say why points moved. */
export const ENTRY_LABELS = [
  'purchase',
  'event',
  'birthday',
  'referral',
  'reward',
  'correction',
  'expiry',
  'closure',
] as const
export type EntryLabel = (typeof ENTRY_LABELS)[number]

/**
 * An earned lot (积分批次): points earned together, which expire together 12 months later.
 * Spending and expiry take from the oldest lots first.
 */
export type Lot = {
  id: string
  earnedAt: string
  expiresAt: string
  /** Points still available in the lot (> 0 while the lot is open). */
  remaining: number
}

/** What a spend or expiry took from one lot, kept on the entry so a reversal can put it back. */
export type LotTake = { lotId: string; earnedAt: string; expiresAt: string; points: number }

/** A member's points account: the balance is always the sum of the open lots. */
export type PointsAccount = {
  memberId: string
  balance: number
  lots: Lot[]
  version: number
  /**
   * When the account was closed (a cancellation or a withdrawal, SPEC §8, §9); absent while
   * open. A closed account takes no more points: not even a purchase whose card was read before
   * the closure, nor an admin's correction.
   */
  closedAt?: string
}

/**
 * What a purchase entry records of the sale (消费明细), so that the member can check it: the amount
 * of the lines, the part paid with vouchers, the amount that earned points, the till receipt
 * number (null when the clerk typed none) and the clerk who recorded it (name at the time).
 */
export type PurchaseReceipt = {
  amountFen: number
  paidWithPointsFen: number
  earnableFen: number
  receiptNo: string | null
  clerkName: string
  /** The outlet (门店) of the clerk; absent on sales recorded before outlets were kept. */
  site?: string | null
}

/**
 * One append-only ledger row; `points` is signed (earn ≥ 0, redeem/expire < 0). A purchase that
 * earned nothing (less than ¥1 to earn on) is recorded with 0 points, so the sale is on file.
 */
export type LedgerEntry = {
  id: string
  memberId: string
  type: EntryType
  label: EntryLabel
  points: number
  /** What it refers to: a purchase reference, a voucher code, the reversed entry id, … */
  reference: string
  actorId: string
  requestId: string | null
  at: string
  /** For spends and expiries: the lots taken from, oldest first. */
  takes: LotTake[]
  /** For earns: the lot created (none for an earn of 0 points). */
  lotId: string | null
  note: string | null
  /** For purchase earns: the sale the points came from. */
  purchase?: PurchaseReceipt
}

export const emptyAccount = (memberId: string): PointsAccount => ({
  memberId,
  balance: 0,
  lots: [],
  version: 0,
})
