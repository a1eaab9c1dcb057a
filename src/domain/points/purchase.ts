import { shanghaiWall } from '../shared/calendar'
import type { LedgerEntry } from './points'

/** Purchase categories (商品品类) a clerk picks when recording a purchase. */
export const PURCHASE_CATEGORIES = [
  'tobacco',
  'liquor',
  'beverage',
  'food',
  'daily',
  'lottery',
  'prepaid_card',
  'other',
] as const
export type PurchaseCategory = (typeof PURCHASE_CATEGORIES)[number]

export type PurchaseLine = { category: PurchaseCategory; amountFen: number }

export type PurchasePointsRules = {
  /** Categories that earn nothing (settings; SPEC §5). */
  excludedCategories: readonly PurchaseCategory[]
}

/** Lottery and prepaid top-up cards earn nothing unless an admin changes the setting. */
export const DEFAULT_EXCLUDED_CATEGORIES: readonly PurchaseCategory[] = ['lottery', 'prepaid_card']

/**
 * True when `now` falls on the member's birthday in Shanghai. Someone born on 29 February
 * celebrates on 28 February in years without one.
 */
export function isBirthday(birthday: string, now: Date): boolean {
  const today = shanghaiWall(now)
  const [, month, day] = birthday.split('-').map(Number) as [number, number, number]
  if (month === 2 && day === 29 && !isLeapYear(today.year())) {
    return today.month() + 1 === 2 && today.date() === 28
  }
  return today.month() + 1 === month && today.date() === day
}

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0

export type PurchasePoints = {
  /** Fen that earn points: eligible lines less the part paid with points (vouchers). */
  earnableFen: number
  basePoints: number
  birthday: boolean
  points: number
}

/**
 * Points for a purchase (SPEC §5): 1 point per whole yuan actually paid, floored; lines of excluded
 * categories earn nothing; the part paid with points (vouchers) earns nothing and is taken off the
 * eligible amount first; double on the member's birthday. A purchase with less than ¥1 to earn on
 * earns 0 points and is still recorded (see `purchaseNote`).
 */
export function purchasePoints(
  purchase: { lines: readonly PurchaseLine[]; paidWithPointsFen: number },
  member: { birthday: string },
  rules: PurchasePointsRules,
  now: Date,
): PurchasePoints {
  const eligibleFen = purchase.lines
    .filter((line) => !rules.excludedCategories.includes(line.category))
    .reduce((sum, line) => sum + line.amountFen, 0)
  const earnableFen = Math.max(0, eligibleFen - purchase.paidWithPointsFen)
  const basePoints = Math.floor(earnableFen / 100)
  const birthday = isBirthday(member.birthday, now)
  const points = basePoints * (birthday ? 2 : 1)
  return { earnableFen, basePoints, birthday, points }
}

/** The plain note a purchase entry carries: why it earned nothing, or that it earned double. */
/** The note of a purchase whose points were doubled on the member's birthday. */
export const BIRTHDAY_NOTE = '生日双倍积分'

export function purchaseNote(earned: PurchasePoints): string | null {
  if (earned.points === 0) return '可积分金额不足1元，本次未产生积分'
  return earned.birthday ? BIRTHDAY_NOTE : null
}

/**
 * What the clerk is told of a purchase, from its entry, the balance it left and the vouchers it
 * used: the same answer the first time and on any retry.
 */
export function purchaseOutcomeOf(
  entry: LedgerEntry,
  balance: number,
  vouchersUsed: string[] = [],
) {
  return {
    entryId: entry.id,
    points: entry.points,
    note: entry.note,
    birthday: entry.points > 0 && entry.note === BIRTHDAY_NOTE,
    balance,
    vouchersUsed,
  }
}
