import type { VoucherView } from '../../../src/contracts/points.contract'
import { emptyAccount } from '../../../src/domain/points/points'
import { itemNotFound, memberNotActive } from '../../../src/domain/points/points.errors'
import { decideRedemption } from '../../../src/domain/points/redemption'
import { writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireMember, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import type { Deps, VoucherRecord } from '../ports'
import { voucherView } from '../points-views'

/**
 * A member redeems a reward from the catalogue (SPEC §5): stock and balance go down together, the
 * points come from the oldest lots, a `redeem` entry is written and a voucher issued for the
 * counter. Items of 10000 points or more need a pickup date at least 10 days ahead.
 */
export async function redeemReward(
  deps: Deps,
  caller: Caller,
  input: { itemId: string; pickupDate?: string },
  requestId: string,
): Promise<Result<VoucherView>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  const key = { requestId, openid: caller.openid, fn: 'points', action: 'redeem' }

  return idempotent(deps, key, async (tx) => {
    // 1. Read: the member's current state, the item and the account, all inside the transaction.
    const current = await tx.members.byId(member.data.id)
    if (current?.status !== 'active') return memberNotActive()
    const item = await tx.catalogue.byId(input.itemId)
    if (!item) return itemNotFound()
    const account = (await tx.points.account(current.id)) ?? emptyAccount(current.id)

    // 2. Decide.
    const now = deps.clock.now()
    const decision = decideRedemption(item, account, input, now)
    if (!decision.ok) return decision

    // 3. Write: each save is conditional on the version read, so a concurrent change aborts it.
    const entryId = deps.ids.next()
    const voucher: VoucherRecord = {
      code: deps.ids.code('V', 9),
      memberId: current.id,
      itemId: item.id,
      itemName: item.name,
      points: item.pointsPrice,
      faceValueFen: item.faceValueFen,
      pickupDate: decision.data.pickupDate,
      status: 'issued',
      entryId,
      issuedAt: now.toISOString(),
      usedAt: null,
      usedBy: null,
      version: 1,
    }
    if (!(await tx.points.saveAccount(decision.data.account)).ok) return writeConflict()
    if (!(await tx.catalogue.save(decision.data.item)).ok) return writeConflict()
    await tx.points.append({
      id: entryId,
      memberId: current.id,
      type: 'redeem',
      label: 'reward',
      points: -item.pointsPrice,
      reference: voucher.code,
      actorId: current.id,
      requestId,
      at: voucher.issuedAt,
      takes: decision.data.takes,
      lotId: null,
      note: item.name,
    })
    if (!(await tx.vouchers.save(voucher)).ok) return writeConflict()
    return ok(voucherView(voucher))
  })
}
