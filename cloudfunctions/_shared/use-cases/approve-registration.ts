import type { ReviewOutcome } from '../../../src/contracts/admin.contract'
import {
  cardNumberFromSequence,
  referralCodeForSequence,
} from '../../../src/domain/card/card-number'
import { writeConflict } from '../../../src/domain/shared/common.errors'
import { memberNotFound } from '../../../src/domain/member/member.errors'
import { approveRegistration as approve } from '../../../src/domain/member/review'
import { ok, type Result } from '../../../src/domain/shared/result'
import { initialStar } from '../../../src/domain/star/star'
import { requireStaff, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import { openMember, sealMember } from '../member-sealing'
import { reviewAuditRecord } from '../review-audit'
import type { Deps } from '../ports'

/**
 * A reviewer approves a pending registration: the member becomes active with a new card number
 * and 1★ for the current year; the review is audited (SPEC §2, §1). All of it commits together.
 */
export async function approveRegistration(
  deps: Deps,
  caller: Caller,
  input: { memberId: string },
  requestId: string,
): Promise<Result<ReviewOutcome>> {
  const reviewer = await requireStaff(deps, caller, 'reviewer')
  if (!reviewer.ok) return reviewer
  const key = { requestId, openid: caller.openid, fn: 'admin', action: 'approveRegistration' }

  return idempotent(deps, key, async (tx) => {
    const before = await tx.members.byId(input.memberId)
    if (!before) return memberNotFound()
    const now = deps.clock.now()
    const sequence = await tx.counters.next('card')
    const decision = approve(openMember(before, deps.cipher), {
      cardNo: cardNumberFromSequence(sequence),
      referralCode: referralCodeForSequence(sequence),
      reviewerId: reviewer.data.id,
      now,
    })
    if (!decision.ok) return decision

    const after = sealMember(decision.data, deps.cipher)
    const write = await tx.members.update(after)
    if (!write.ok) return writeConflict()
    const cardNo = decision.data.cardNo as string
    await tx.cards.insert({
      cardNo,
      memberId: after.id,
      version: 1,
      status: 'active',
      issuedAt: now.toISOString(),
    })
    await tx.stars.put(initialStar(after.id, now))
    await tx.audit.append(
      reviewAuditRecord({
        id: deps.ids.next(),
        reviewer: reviewer.data,
        action: 'registration.approve',
        before,
        after,
        reason: null,
        requestId,
        now,
      }),
    )
    return ok({ memberId: after.id, status: after.status, cardNo })
  })
}
