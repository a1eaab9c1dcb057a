import type { ReviewOutcome } from '../../../src/contracts/admin.contract'
import { rejectRegistration as reject } from '../../../src/domain/member/review'
import type { Result } from '../../../src/domain/shared/result'
import type { Caller } from '../caller'
import type { Deps } from '../ports'
import { reviewRegistration } from './review-registration'

/** A reviewer rejects a pending registration with a reason the applicant sees; audited (SPEC §2). */
export function rejectRegistration(
  deps: Deps,
  caller: Caller,
  input: { memberId: string; reason: string },
  requestId: string,
): Promise<Result<ReviewOutcome>> {
  return reviewRegistration(deps, caller, input.memberId, requestId, {
    action: 'registration.reject',
    reason: input.reason,
    decide: async (_tx, member, reviewer, now) =>
      reject(member, { reason: input.reason, reviewerId: reviewer.id, now }),
    // The applicant may correct and resubmit: each decision is told once (its version).
    alsoWrite: async (tx, after, now) => {
      await tx.outbox.add({
        id: `registration-rejected:${after.id}:${after.version}`,
        memberId: after.id,
        kind: 'registration.rejected',
        payload: { reason: input.reason },
        createdAt: now.toISOString(),
        status: 'pending',
      })
    },
  })
}
