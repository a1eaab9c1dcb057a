import type { LedgerEntryView } from '../../../src/contracts/points.contract'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireMember, type Caller } from '../caller'
import type { Deps, Page } from '../ports'
import { entryView } from '../points-views'

/** The member's own ledger, newest first, a page at a time (积分明细). */
export async function listPointsHistory(
  deps: Deps,
  caller: Caller,
  input: { offset: number; limit: number },
): Promise<Result<Page<LedgerEntryView>>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  const page = await deps.store.read.points.history(member.data.id, input.offset, input.limit)
  return ok({ total: page.total, items: page.items.map(entryView) })
}
