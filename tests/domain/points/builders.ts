import { earnLot } from '@/domain/points/lots'
import { emptyAccount, type PointsAccount } from '@/domain/points/points'
import type { RewardItem } from '@/domain/points/redemption'

/** One earned lot: its id, its points and the instant it was earned. */
export type Earned = [id: string, points: number, earnedAt: string]

/** A points account built the way the ledger builds it: lot after lot through `earnLot`. */
export function anAccount(...lots: Earned[]): PointsAccount {
  return lots.reduce(
    (account, [id, points, earnedAt]) => earnLot(account, { id, points, now: new Date(earnedAt) }),
    emptyAccount('m-1'),
  )
}

/** A ¥20 voucher on offer, in stock, with no availability window, unless told otherwise. */
export function aRewardItem(overrides: Partial<RewardItem> = {}): RewardItem {
  return {
    id: 'voucher-20',
    name: '¥20 代金券',
    imageUrl: null,
    pointsPrice: 1500,
    stock: 5,
    faceValueFen: 2000,
    availableFrom: null,
    availableUntil: null,
    active: true,
    version: 3,
    ...overrides,
  }
}
