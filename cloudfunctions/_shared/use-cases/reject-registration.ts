import type { ReviewOutcome } from '../../../src/contracts/admin.contract'
import { writeConflict } from '../../../src/domain/shared/common.errors'
import { memberNotFound } from '../../../src/domain/member/member.errors'
import { rejectRegistration as reject } from '../../../src/domain/member/review'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireStaff, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import { openMember, sealMember } from '../member-sealing'
import { reviewAuditRecord } from '../review-audit'
import type { Deps } from '../ports'

/** A reviewer rejects a pending registration with a reason the applicant sees; audited (SPEC §2). */
export async function rejectRegistration(
  deps: Deps,
  caller: Caller,
  input: { memberId: string; reason: string },
  requestId: string,
): Promise<Result<ReviewOutcome>> {
  const reviewer = await requireStaff(deps, caller, 'reviewer')
  if (!reviewer.ok) return reviewer
  const key = { requestId, openid: caller.openid, fn: 'admin', action: 'rejectRegistration' }

  return idempotent(deps, key, async (tx) => {
    const before = await tx.members.byId(input.memberId)
    if (!before) return memberNotFound()
    const now = deps.clock.now()
    const decision = reject(openMember(before, deps.cipher), {
      reason: input.reason,
      reviewerId: reviewer.data.id,
      now,
    })
    if (!decision.ok) return decision

    const after = sealMember(decision.data, deps.cipher)
    const write = await tx.members.update(after)
    if (!write.ok) return writeConflict()
    await tx.audit.append(
      reviewAuditRecord({
        id: deps.ids.next(),
        reviewer: reviewer.data,
        action: 'registration.reject',
        before,
        after,
        reason: input.reason,
        requestId,
        now,
      }),
    )
    return ok({ memberId: after.id, status: after.status, cardNo: null })
  })
}
