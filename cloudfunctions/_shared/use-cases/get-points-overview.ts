import type { PointsOverview } from '../../../src/contracts/points.contract'
import { expiringWithin } from '../../../src/domain/points/lots'
import { shanghaiDate } from '../../../src/domain/shared/calendar'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireMember, type Caller } from '../caller'
import type { Deps } from '../ports'

/** Members are warned of points that expire within 30 days (SPEC §5). */
export const EXPIRY_WARNING_DAYS = 30

/** The member's balance and what expires soon (积分页顶部). */
export async function getPointsOverview(
  deps: Deps,
  caller: Caller,
): Promise<Result<PointsOverview>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  const account = await deps.store.read.points.account(member.data.id)
  if (!account) return ok({ balance: 0, expiringPoints: 0, firstExpiryDate: null })
  const soon = expiringWithin(account, deps.clock.now(), EXPIRY_WARNING_DAYS)
  return ok({
    balance: account.balance,
    expiringPoints: soon.points,
    firstExpiryDate: soon.firstExpiry ? shanghaiDate(new Date(soon.firstExpiry)) : null,
  })
}
