import type { VoucherView } from '../../../src/contracts/points.contract'
import { wasShownTo } from '../../../src/domain/card/card-shown'
import {
  cardNotShown,
  cardUnknown,
  memberNotActive,
} from '../../../src/domain/points/points.errors'
import { checkVoucherUse } from '../../../src/domain/points/vouchers'
import { writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireStaff, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import type { Deps } from '../ports'
import { voucherView } from '../points-views'
import { refuseStaffCardholder } from '../staff-cardholders'
import { readAlongsideCount } from '../rate-limits'

/**
 * A clerk hands over a reward and marks its voucher used, once (SPEC §5: no returns). Only to the
 * voucher's holder, whose current card code this clerk verified in the last 10 minutes (a code
 * alone, read off someone's screen, hands nothing over), and only to an active member: a
 * suspended member redeems nothing, and a closed account's vouchers are void (SPEC §8, §9).
 */
export async function useVoucher(
  deps: Deps,
  caller: Caller,
  input: { code: string; cardNo: string },
  requestId: string,
  /** The clerk's rate count, sent alongside the clerk's read (see `readAlongsideCount`). */
  admission: Promise<Result<void>> = Promise.resolve(ok(undefined)),
): Promise<Result<VoucherView>> {
  const read = await readAlongsideCount(admission, requireStaff(deps, caller, 'clerk'))
  if (!read.ok) return read
  const clerk = read.data
  if (!clerk.ok) return clerk
  const refused = await refuseStaffCardholder(deps, clerk.data, input.cardNo, {
    action: 'points.useVoucher',
    requestId,
  })
  if (refused) return refused
  const key = { requestId, openid: caller.openid, fn: 'points', action: 'useVoucher' }

  return idempotent(deps, key, async (tx) => {
    const now = deps.clock.now()
    const card = await tx.cards.byCardNo(input.cardNo)
    if (!card || !wasShownTo(card, clerk.data.id, now)) return cardNotShown()
    const holder = await tx.members.byId(card.memberId)
    if (!holder) return cardUnknown()
    // Another member's voucher is "not found": the answer does not tell whose it is.
    const checked = checkVoucherUse(await tx.vouchers.byCode(input.code), holder.id, now)
    if (!checked.ok) return checked
    if (holder.status !== 'active') return memberNotActive()
    const used = {
      ...checked.data,
      status: 'used' as const,
      usedAt: now.toISOString(),
      usedBy: clerk.data.id,
      version: checked.data.version + 1,
    }
    if (!(await tx.vouchers.save(used)).ok) return writeConflict()
    return ok(voucherView(used))
  })
}
