import { ok, type Result } from '../shared/result'
import { earnLot, restoreTakes, stillOpen, takeOldestFirst } from './lots'
import { notReversible } from './points.errors'
import type { LedgerEntry, LotTake, PointsAccount } from './points'

export type AccountChange = { account: PointsAccount; takes: LotTake[]; lotId: string | null }

/**
 * A manual adjustment by an admin (SPEC §5, audited by the caller): a credit becomes a new lot
 * expiring in 12 months; a debit takes from the oldest lots and never below zero. A closed
 * account takes no credit (its member withdrew or was cancelled).
 */
export function adjustAccount(
  account: PointsAccount,
  change: { points: number; lotId: string; now: Date },
): Result<AccountChange> {
  if (change.points > 0) {
    const open = stillOpen(account)
    if (!open.ok) return open
    return ok({
      account: earnLot(account, { id: change.lotId, points: change.points, now: change.now }),
      takes: [],
      lotId: change.lotId,
    })
  }
  const taken = takeOldestFirst(account, -change.points)
  return taken.ok ? ok({ ...taken.data, lotId: null }) : taken
}

/** Entry types an admin may reverse: wrong credits and adjustments, and redemptions. */
const REVERSIBLE: readonly LedgerEntry['type'][] = ['earn', 'adjust', 'redeem']

/**
 * The account after reversing a wrong entry (a `reverse` entry of the opposite amount): a spend is
 * put back into the lots it came from, with their original expiry; a credit is taken back from the
 * account (oldest lots first), and refused if the member has already spent it. A closed account
 * gets nothing back (but see `reopenPointsAccount`).
 */
export function reverseOnAccount(
  account: PointsAccount,
  entry: LedgerEntry,
): Result<AccountChange> {
  if (!REVERSIBLE.includes(entry.type)) return notReversible()
  if (entry.points < 0) {
    const open = stillOpen(account)
    if (!open.ok) return open
    return ok({ account: restoreTakes(account, entry.takes), takes: [], lotId: null })
  }
  const taken = takeOldestFirst(account, entry.points)
  return taken.ok ? ok({ ...taken.data, lotId: null }) : taken
}
