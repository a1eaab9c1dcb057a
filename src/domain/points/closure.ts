import { takeOldestFirst } from './lots'
import { ok, type Result } from '../shared/result'
import { reverseOnAccount, type AccountChange } from './adjustment'
import type { LedgerEntry, LotTake, PointsAccount } from './points'

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

/**
 * Closing an account at `now` (SPEC §5, §8, §9): its balance cleared as `clearBalance` does (the
 * entry's takes and points; none when it was empty) and the account marked closed, so that
 * nothing is credited to it afterwards. A new version even when there was nothing to clear: a
 * credit that read the account before the closure finds it changed.
 */
export function closePointsAccount(
  account: PointsAccount,
  now: Date,
): { account: PointsAccount; takes: LotTake[]; points: number } {
  const cleared = clearBalance(account)
  const emptied = cleared?.account ?? { ...account, version: account.version + 1 }
  return {
    account: { ...emptied, closedAt: now.toISOString() },
    takes: cleared?.takes ?? [],
    points: cleared?.points ?? 0,
  }
}

/**
 * The account of a member reinstated after their cancellation was overturned (SPEC §8): open
 * again, and the points the closure took (`closure`, its entry, unless already reversed) put back
 * into the lots they came from, with their original expiry.
 */
export function reopenPointsAccount(
  account: PointsAccount,
  closure: LedgerEntry | null,
): Result<AccountChange> {
  const { closedAt: _closedAt, ...open } = account
  if (!closure)
    return ok({ account: { ...open, version: account.version + 1 }, takes: [], lotId: null })
  return reverseOnAccount(open, closure)
}
