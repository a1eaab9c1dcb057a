import type { AdminLedgerView } from '../../../src/contracts/points.contract'
import { cardUnknown } from '../../../src/domain/points/points.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireStaff, type Caller } from '../caller'
import type { Deps } from '../ports'
import { entryView } from '../points-views'
import { reversalIdOf } from './adjust-points'

/** A member's ledger for the admin, found by card number, with what may still be reversed. */
export async function memberLedger(
  deps: Deps,
  caller: Caller,
  input: { cardNo: string; offset: number; limit: number },
): Promise<Result<AdminLedgerView>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const member = await deps.store.read.members.byCardNo(input.cardNo)
  if (!member) return cardUnknown()
  const [account, page] = await Promise.all([
    deps.store.read.points.account(member.id),
    deps.store.read.points.history(member.id, input.offset, input.limit),
  ])
  const reversed = new Set(page.items.filter((e) => e.type === 'reverse').map((e) => e.reference))
  return ok({
    cardholder: {
      memberId: member.id,
      realName: member.realName,
      cardNo: input.cardNo,
      balance: account?.balance ?? 0,
    },
    total: page.total,
    entries: await Promise.all(
      page.items.map(async (e) => ({
        ...entryView(e),
        reversible:
          ['earn', 'adjust', 'redeem'].includes(e.type) &&
          !reversed.has(e.id) &&
          !(await deps.store.read.points.entry(reversalIdOf(e.id))),
      })),
    ),
  })
}
