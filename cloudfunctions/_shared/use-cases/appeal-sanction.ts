import type { SanctionView } from '../../../src/contracts/discipline'
import { sanctionNotFound } from '../../../src/domain/discipline/discipline.errors'
import { appealSanction as appeal } from '../../../src/domain/discipline/sanction'
import { writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireMember, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import type { Deps } from '../ports'
import { sanctionView } from '../sanction-views'

/**
 * 我的处分: the member's own sanctions, newest first, with their appeals. Open to a member in any
 * status, suspended and cancelled ones above all: they must see why, and may appeal.
 */
export async function mySanctions(deps: Deps, caller: Caller): Promise<Result<SanctionView[]>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  return ok((await deps.store.read.sanctions.forMember(member.data.id)).map(sanctionView))
}

/**
 * The member appeals one of their own sanctions, once (SPEC §8); an admin decides later. Another
 * member's sanction is refused as forbidden.
 */
export async function appealSanction(
  deps: Deps,
  caller: Caller,
  input: { sanctionId: string; text: string },
  requestId: string,
): Promise<Result<SanctionView>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  const key = { requestId, openid: caller.openid, fn: 'member', action: 'appealSanction' }
  return idempotent(deps, key, async (tx) => {
    const sanction = await tx.sanctions.byId(input.sanctionId)
    if (!sanction) return sanctionNotFound()
    const appealed = appeal(sanction, member.data.id, input.text, deps.clock.now())
    if (!appealed.ok) return appealed
    if (!(await tx.sanctions.save(appealed.data)).ok) return writeConflict()
    return ok(sanctionView(appealed.data))
  })
}
