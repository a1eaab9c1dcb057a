import type { VoucherView } from '../../../src/contracts/points.contract'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireMember, type Caller } from '../caller'
import type { Deps } from '../ports'
import { voucherView } from '../points-views'

/** The member's vouchers, newest first (我的兑换券). */
export async function listMyVouchers(deps: Deps, caller: Caller): Promise<Result<VoucherView[]>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  const vouchers = await deps.store.read.vouchers.forMember(member.data.id)
  return ok(vouchers.map(voucherView))
}
