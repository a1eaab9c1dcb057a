import { earnLot, stillOpen } from '../../src/domain/points/lots'
import {
  emptyAccount,
  type EntryLabel,
  type LedgerEntry,
  type PointsAccount,
  type PurchaseReceipt,
} from '../../src/domain/points/points'
import { ok, type Result } from '../../src/domain/shared/result'
import type { CreditRules, Deps, OutboxMessage, Repositories } from './ports'

/** What an earning records: its entry's id, the member, the points and where they came from. */
export type Earning = {
  entryId: string
  memberId: string
  points: number
  label: EntryLabel
  reference: string
  actorId: string
  requestId: string | null
  note: string | null
  purchase?: PurchaseReceipt
  now: Date
}

/** The `earn` entry of an earning; its lot has the entry's id (none for 0 points). */
export const earnEntry = (credit: Earning): LedgerEntry => ({
  id: credit.entryId,
  memberId: credit.memberId,
  type: 'earn',
  label: credit.label,
  points: credit.points,
  reference: credit.reference,
  actorId: credit.actorId,
  requestId: credit.requestId,
  at: credit.now.toISOString(),
  takes: [],
  lotId: credit.points === 0 ? null : credit.entryId,
  note: credit.note,
  ...(credit.purchase ? { purchase: credit.purchase } : {}),
})

/**
 * The account with an `earn` entry's points on it: a new lot expiring in 12 months. Refused
 * (`POINTS.MEMBER_NOT_ACTIVE`) once the account is closed.
 */
export function withEarnedLot(account: PointsAccount, entry: LedgerEntry): Result<PointsAccount> {
  const open = stillOpen(account)
  if (!open.ok) return open
  return ok(earnLot(account, { id: entry.id, points: entry.points, now: new Date(entry.at) }))
}

/**
 * Puts an `earn` entry on file inside a transaction, with its lot on the account. Throws if the
 * account changed under the transaction (CloudBase then re-runs it). An entry of 0 points (a
 * sale on file that earned nothing) leaves the account untouched. Refused, writing nothing, once
 * the account is closed: a purchase or an award whose member was read before the closure.
 */
export async function creditEntry(
  tx: Repositories,
  entry: LedgerEntry,
  credit: CreditRules['credit'] = withEarnedLot,
): Promise<Result<PointsAccount>> {
  const before = (await tx.points.account(entry.memberId)) ?? emptyAccount(entry.memberId)
  // The credit rule refuses a closed account (`withEarnedLot`); an entry of 0 points is held to the same.
  const account = entry.points === 0 ? stillOpen(before) : credit(before, entry)
  if (!account.ok) return account
  if (entry.points > 0 && !(await tx.points.saveAccount(account.data)).ok) {
    throw new Error(`points account ${entry.memberId} changed during the transaction`)
  }
  await tx.points.append(entry)
  return account
}

/**
 * Credits earned points inside a transaction: a new lot (expiring in 12 months) on the account
 * and an `earn` entry whose id is the lot's. Every earning — purchase, event, referral — goes
 * through here or, for a purchase without vouchers, through `counter.creditPurchase`.
 */
export const creditPoints = (tx: Repositories, credit: Earning): Promise<Result<PointsAccount>> =>
  creditEntry(tx, earnEntry(credit))

/** The one entry id an event's attendance points may have for a member: awarded once, ever. */
export const eventEntryIdOf = (eventId: string, memberId: string) => `event-${eventId}-${memberId}`

/**
 * Awards an event's attendance points at check-in (SPEC §5, §7): once per member per event — a
 * second award finds the first entry and credits nothing, as does a closed account. Returns
 * whether points were credited.
 */
export async function awardEventPoints(
  tx: Repositories,
  award: {
    eventId: string
    eventTitle: string
    memberId: string
    points: number
    actorId: string
    requestId: string | null
    now: Date
  },
): Promise<boolean> {
  const entryId = eventEntryIdOf(award.eventId, award.memberId)
  if (award.points <= 0 || (await tx.points.entry(entryId))) return false
  const credited = await creditPoints(tx, {
    entryId,
    memberId: award.memberId,
    points: award.points,
    label: 'event',
    reference: `event:${award.eventId}`,
    actorId: award.actorId,
    requestId: award.requestId,
    note: award.eventTitle,
    now: award.now,
  })
  return credited.ok
}

/**
 * The entry id of a purchase recorded at the counter: made from its request id, so that a retry,
 * or a second call of the same request, finds the first one's entry (and may not add another).
 */
export const purchaseEntryIdOf = (requestId: string) => `purchase-${requestId}`

/** The member's notice of points earned (nothing to tell for an entry of 0 points). */
export function earnedNotice(entry: LedgerEntry, balance: number): OutboxMessage | null {
  if (entry.points <= 0) return null
  return {
    id: `points-earned:${entry.id}`,
    memberId: entry.memberId,
    kind: 'points.earned',
    payload: { points: entry.points, balance, label: entry.label },
    createdAt: entry.at,
    status: 'pending',
  }
}

/** A purchase's credit: a new lot of its points (expiring in 12 months), and the member told. */
export const PURCHASE_CREDIT: CreditRules = { credit: withEarnedLot, notice: earnedNotice }

/**
 * Finishes a member's purchase credits left half-way (on CloudBase, by a call that stopped after
 * the entry), before an action that takes points from the account or closes it: a reversal, a
 * cancellation, a withdrawal. It then sees every purchase on file in the balance, and the
 * `purchaseCredits` timer has nothing of the member's left to add afterwards.
 */
export const settleCreditsOf = (deps: Deps, memberId: string) =>
  deps.store.counter.settleCredits({ memberId, limit: 100 }, PURCHASE_CREDIT)
