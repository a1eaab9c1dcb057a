import type { EntryLabel, EntryType } from '../points/points'

/** The part of a ledger entry that decides whether it counts toward a star. */
export type StarLedgerEntry = { type: EntryType; label: EntryLabel; points: number; at: string }

/** Labels of points earned by doing business with the supplier: purchases, events, birthdays, referrals. */
const EARNING_LABELS: readonly EntryLabel[] = ['purchase', 'event', 'birthday', 'referral']

/**
 * Qualifying points (SPEC §3) of entries already limited to the evaluated year: everything earned,
 * less earnings an admin reversed as wrong. Redemptions and expiry never lower a star, and manual
 * corrections do not raise one (an admin who wants another star uses an override, with a reason).
 * An entry counts in the year of its own time: a reversal in January takes from the new year.
 */
export function qualifyingPoints(entries: readonly StarLedgerEntry[]): number {
  let total = 0
  for (const entry of entries) {
    if (entry.type === 'earn') total += entry.points
    else if (entry.type === 'reverse' && entry.points < 0 && EARNING_LABELS.includes(entry.label))
      total += entry.points
  }
  return Math.max(0, total)
}
