import type { ReviewOutcome } from '../../../src/contracts/admin.contract'
import type { Member } from '../../../src/domain/member/member'
import { memberNotFound } from '../../../src/domain/member/member.errors'
import { writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireStaff, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import { openMember, resealMember } from '../member-sealing'
import type { Deps, MemberRecord, Repositories, StaffRecord } from '../ports'
import { reviewAuditRecord } from '../review-audit'

export type ReviewDecision = {
  action: 'registration.approve' | 'registration.reject'
  reason: string | null
  /** The domain decision on the pending member; may read or count inside the transaction. */
  decide(
    tx: Repositories,
    member: Member,
    reviewer: StaffRecord,
    now: Date,
    stored: MemberRecord,
  ): Promise<Result<Member>>
  /** Writes that belong to the decision besides the member itself (card, star). */
  alsoWrite?(tx: Repositories, after: MemberRecord, now: Date): Promise<void>
}

/**
 * What every review of a registration shares (SPEC §1, §2): a reviewer (or admin) only; once per
 * request id; load → domain decision → save the member, the decision's other writes and the audit
 * row, all in one transaction.
 */
export async function reviewRegistration(
  deps: Deps,
  caller: Caller,
  memberId: string,
  requestId: string,
  review: ReviewDecision,
): Promise<Result<ReviewOutcome>> {
  const reviewer = await requireStaff(deps, caller, 'reviewer')
  if (!reviewer.ok) return reviewer
  const key = { requestId, openid: caller.openid, fn: 'admin', action: review.action }

  return idempotent(deps, key, async (tx) => {
    const before = await tx.members.byId(memberId)
    if (!before) return memberNotFound()
    const now = deps.clock.now()
    const member = openMember(before, deps.cipher)
    const decision = await review.decide(tx, member, reviewer.data, now, before)
    if (!decision.ok) return decision

    const after = resealMember(decision.data, before, deps.cipher)
    const write = await tx.members.update(after)
    if (!write.ok) return writeConflict()
    await review.alsoWrite?.(tx, after, now)
    await tx.audit.append(
      reviewAuditRecord(deps, {
        reviewer: reviewer.data,
        action: review.action,
        before,
        after,
        reason: review.reason,
        requestId,
        now,
      }),
    )
    return ok({ memberId: after.id, status: after.status, cardNo: after.cardNo })
  })
}
