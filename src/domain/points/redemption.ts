import dayjs from 'dayjs'
import { shanghaiDate } from '../shared/calendar'
import { ok, type Result } from '../shared/result'
import { takeOldestFirst } from './lots'
import { bookingTooLate, itemUnavailable, outOfStock } from './points.errors'
import type { LotTake, PointsAccount } from './points'

/** A reward (兑换商品) in the admin's catalogue. Vouchers carry the yuan they are worth. */
export type RewardItem = {
  id: string
  name: string
  imageUrl: string | null
  pointsPrice: number
  stock: number
  /** Face value of a voucher in fen, usable to pay at the counter; null for goods. */
  faceValueFen: number | null
  availableFrom: string | null
  availableUntil: string | null
  active: boolean
  version: number
}

/** Items of 10000 points or more must be booked at least 10 days ahead (SPEC §5). */
export const BOOKING_THRESHOLD_POINTS = 10_000
export const BOOKING_LEAD_DAYS = 10

/** The earliest pickup date (Shanghai) for an item that needs booking, ordered at `now`. */
export function earliestPickupDate(now: Date): string {
  return dayjs(shanghaiDate(now)).add(BOOKING_LEAD_DAYS, 'day').format('YYYY-MM-DD')
}

export const needsBooking = (item: Pick<RewardItem, 'pointsPrice'>) =>
  item.pointsPrice >= BOOKING_THRESHOLD_POINTS

/** True when the item can be redeemed at `now`: active and inside its availability window. */
export function isOnOffer(item: RewardItem, now: Date): boolean {
  const at = now.toISOString()
  if (!item.active) return false
  if (item.availableFrom && at < item.availableFrom) return false
  return !(item.availableUntil && at >= item.availableUntil)
}

export type RedemptionDecision = {
  account: PointsAccount
  item: RewardItem
  takes: LotTake[]
  /** The day the member may collect: today, or the booked date for big items. */
  pickupDate: string
}

/**
 * Redeeming a reward (SPEC §5): the item must be on offer and in stock, items of 10000 points or
 * more need a pickup date at least 10 days ahead, and the points come from the oldest lots first.
 * Stock and balance both go down by the decision, to be saved together.
 */
export function decideRedemption(
  item: RewardItem,
  account: PointsAccount,
  request: { pickupDate?: string },
  now: Date,
): Result<RedemptionDecision> {
  if (!isOnOffer(item, now)) return itemUnavailable()
  if (item.stock < 1) return outOfStock()
  let pickupDate = shanghaiDate(now)
  if (needsBooking(item)) {
    if (!request.pickupDate || request.pickupDate < earliestPickupDate(now)) {
      return bookingTooLate(BOOKING_LEAD_DAYS)
    }
    pickupDate = request.pickupDate
  }
  const spent = takeOldestFirst(account, item.pointsPrice)
  if (!spent.ok) return spent
  return ok({
    account: spent.data.account,
    takes: spent.data.takes,
    item: { ...item, stock: item.stock - 1, version: item.version + 1 },
    pickupDate,
  })
}

/** The default catalogue: ¥20/¥50/¥80/¥100 vouchers for 1500/4000/8000/10000 points (SPEC §5). */
export const DEFAULT_CATALOGUE: readonly Omit<RewardItem, 'version'>[] = [
  { id: 'voucher-20', name: '¥20 代金券', pointsPrice: 1500, faceValueFen: 2000 },
  { id: 'voucher-50', name: '¥50 代金券', pointsPrice: 4000, faceValueFen: 5000 },
  { id: 'voucher-80', name: '¥80 代金券', pointsPrice: 8000, faceValueFen: 8000 },
  { id: 'voucher-100', name: '¥100 代金券', pointsPrice: 10000, faceValueFen: 10000 },
].map((v) => ({
  ...v,
  imageUrl: null,
  stock: 1000,
  availableFrom: null,
  availableUntil: null,
  active: true,
}))
