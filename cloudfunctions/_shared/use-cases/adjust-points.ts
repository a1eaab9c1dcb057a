import type { AdjustmentOutcome } from '../../../src/contracts/points.contract'
import { adjustAccount, reverseOnAccount } from '../../../src/domain/points/adjustment'
import { emptyAccount, type LedgerEntry } from '../../../src/domain/points/points'
import { cardUnknown, entryNotFound, notReversible } from '../../../src/domain/points/points.errors'
import { writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { auditOf } from '../audit'
import { requireStaff, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import { settleCreditsOf } from '../points-credit'
import type { Deps, Repositories } from '../ports'

/** An admin corrects a member's points by hand, with a reason (SPEC §5); audited. */
export async function adjustPoints(
  deps: Deps,
  caller: Caller,
  input: { cardNo: string; points: number; reason: string },
  requestId: string,
): Promise<Result<AdjustmentOutcome>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const key = { requestId, openid: caller.openid, fn: 'points', action: 'adjust' }
  return idempotent(deps, key, async (tx) => {
    const member = await tx.members.byCardNo(input.cardNo)
    if (!member) return cardUnknown()
    const now = deps.clock.now()
    const entryId = deps.ids.next()
    const before = (await tx.points.account(member.id)) ?? emptyAccount(member.id)
    const change = adjustAccount(before, { points: input.points, lotId: entryId, now })
    if (!change.ok) return change
    if (!(await tx.points.saveAccount(change.data.account)).ok) return writeConflict()
    await tx.points.append({
      id: entryId,
      memberId: member.id,
      type: 'adjust',
      label: 'correction',
      points: input.points,
      reference: `adjust:${requestId}`,
      actorId: admin.data.id,
      requestId,
      at: now.toISOString(),
      takes: change.data.takes,
      lotId: change.data.lotId,
      note: input.reason,
    })
    await tx.audit.append(
      auditOf(deps, admin.data, {
        action: 'points.adjust',
        targetType: 'member',
        targetId: member.id,
        before: { balance: before.balance },
        after: { balance: change.data.account.balance, entryId },
        reason: input.reason,
        requestId,
        now,
      }),
    )
    return ok({ entryId, points: input.points, balance: change.data.account.balance })
  })
}

/** The id of the entry that reverses `entryId`: at most one reversal per entry, ever. */
export const reversalIdOf = (entryId: string) => `rev-${entryId}`

/**
 * An admin reverses a wrong entry with a reason (SPEC §5: no returns, but an admin may reverse a
 * wrong entry): a `reverse` entry of the opposite amount. Reversing a redemption puts the points
 * back into their lots, voids the unused voucher and returns the item to stock; audited.
 */
export async function reverseEntry(
  deps: Deps,
  caller: Caller,
  input: { entryId: string; reason: string },
  requestId: string,
): Promise<Result<AdjustmentOutcome>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const key = { requestId, openid: caller.openid, fn: 'points', action: 'reverse' }
  // A purchase is reversed from its lot: with its credit finished first (points-credit.ts).
  const target = await deps.store.read.points.entry(input.entryId)
  if (target) await settleCreditsOf(deps, target.memberId)
  return idempotent(deps, key, async (tx) => {
    const entry = await tx.points.entry(input.entryId)
    if (!entry) return entryNotFound()
    if (await tx.points.entry(reversalIdOf(entry.id))) return notReversible()
    const now = deps.clock.now()
    const before = (await tx.points.account(entry.memberId)) ?? emptyAccount(entry.memberId)
    const change = reverseOnAccount(before, entry)
    if (!change.ok) return change
    if (entry.type === 'redeem') {
      const voided = await voidVoucher(tx, entry, admin.data.id, now)
      if (!voided.ok) return voided
    }
    if (!(await tx.points.saveAccount(change.data.account)).ok) return writeConflict()
    const reversal: LedgerEntry = {
      id: reversalIdOf(entry.id),
      memberId: entry.memberId,
      type: 'reverse',
      label: entry.label,
      points: -entry.points,
      reference: entry.id,
      actorId: admin.data.id,
      requestId,
      at: now.toISOString(),
      takes: change.data.takes,
      lotId: null,
      note: input.reason,
    }
    await tx.points.append(reversal)
    await tx.audit.append(
      auditOf(deps, admin.data, {
        action: 'points.reverse',
        targetType: 'points_entry',
        targetId: entry.id,
        before: { balance: before.balance, entry: { type: entry.type, points: entry.points } },
        after: { balance: change.data.account.balance, reversal: reversal.id },
        reason: input.reason,
        requestId,
        now,
      }),
    )
    return ok({
      entryId: reversal.id,
      points: reversal.points,
      balance: change.data.account.balance,
    })
  })
}

/** A reversed redemption's voucher must not still be usable; its item goes back into stock. */
async function voidVoucher(
  tx: Repositories,
  entry: LedgerEntry,
  adminId: string,
  now: Date,
): Promise<Result<null>> {
  const voucher = await tx.vouchers.byCode(entry.reference)
  if (!voucher || voucher.status !== 'issued') return notReversible()
  const voided = {
    ...voucher,
    status: 'used' as const,
    usedAt: now.toISOString(),
    usedBy: adminId,
    version: voucher.version + 1,
  }
  if (!(await tx.vouchers.save(voided)).ok) return writeConflict()
  const item = await tx.catalogue.byId(voucher.itemId)
  if (
    item &&
    !(await tx.catalogue.save({ ...item, stock: item.stock + 1, version: item.version + 1 })).ok
  ) {
    return writeConflict()
  }
  return ok(null)
}
