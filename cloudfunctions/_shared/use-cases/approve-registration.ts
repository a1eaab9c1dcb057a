import type { ReviewOutcome } from '../../../src/contracts/admin.contract'
import {
  cardNumberFromSequence,
  referralCodeForSequence,
} from '../../../src/domain/card/card-number'
import { approveRegistration as approve } from '../../../src/domain/member/review'
import type { Result } from '../../../src/domain/shared/result'
import { initialStar } from '../../../src/domain/star/star'
import type { Caller } from '../caller'
import type { Deps } from '../ports'
import { reviewRegistration } from './review-registration'

/**
 * A reviewer approves a pending registration: the member becomes active with a new card number
 * (and referral code) and 1★ for the current year; audited (SPEC §2, §1). All of it commits together.
 */
export function approveRegistration(
  deps: Deps,
  caller: Caller,
  input: { memberId: string },
  requestId: string,
): Promise<Result<ReviewOutcome>> {
  return reviewRegistration(deps, caller, input.memberId, requestId, {
    action: 'registration.approve',
    reason: null,
    async decide(tx, member, reviewer, now) {
      const sequence = await tx.counters.next('card')
      return approve(member, {
        cardNo: cardNumberFromSequence(sequence),
        referralCode: referralCodeForSequence(sequence),
        reviewerId: reviewer.id,
        now,
      })
    },
    async alsoWrite(tx, after, now) {
      const issuedAt = now.toISOString()
      await tx.cards.insert({
        cardNo: after.cardNo as string,
        memberId: after.id,
        version: 1,
        status: 'active',
        issuedAt,
      })
      await tx.stars.put(initialStar(after.id, now))
    },
  })
}
