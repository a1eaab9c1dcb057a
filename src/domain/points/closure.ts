import { takeOldestFirst } from './lots'
import type { LotTake, PointsAccount } from './points'

/**
 * Clearing a closed account (SPEC §5, §8, §9: cancellation and withdrawal clear the balance): one
 * debit takes everything left, oldest lots first, so the ledger still sums to the (zero) balance.
 * Null when there is nothing to clear.
 */
export function clearBalance(
  account: PointsAccount,
): { account: PointsAccount; takes: LotTake[]; points: number } | null {
  if (account.balance === 0) return null
  const taken = takeOldestFirst(account, account.balance)
  if (!taken.ok) throw new Error('a balance always covers itself')
  return { ...taken.data, points: -account.balance }
}
