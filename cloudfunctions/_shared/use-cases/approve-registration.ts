import type { ReviewOutcome } from '../../../src/contracts/admin.contract'
import {
  cardNumberFromSequence,
  referralCodeForSequence,
} from '../../../src/domain/card/card-number'
import { approveRegistration as approve } from '../../../src/domain/member/review'
import type { Result } from '../../../src/domain/shared/result'
import { initialStar } from '../../../src/domain/star/star'
import type { Caller } from '../caller'
import type { Deps, Repositories } from '../ports'
import { creditPoints } from '../points-credit'
import { newCardSecret } from '../card-secrets'
import { heldElsewhere } from '../member-sealing'
import { heldByAnotherMember } from '../../../src/domain/member/member.errors'
import { reviewRegistration } from './review-registration'

/** The referral bonus (推荐奖励) goes to the referrer while they are an active member (SPEC §5). */
async function creditReferrer(
  deps: Deps,
  tx: Repositories,
  referrerId: string,
  referredId: string,
  now: Date,
): Promise<void> {
  const referrer = await tx.members.byId(referrerId)
  if (referrer?.status !== 'active') return
  await creditPoints(tx, {
    entryId: deps.ids.next(),
    memberId: referrerId,
    points: deps.settings.referralBonus,
    label: 'referral',
    reference: `referral:${referredId}`,
    actorId: 'system',
    requestId: null,
    note: null,
    now,
  })
}

/**
 * A reviewer approves a pending registration: the member becomes active with a new card number
 * (and referral code) and 1★ for the current year, and their referrer earns the referral bonus;
 * audited (SPEC §2, §1, §5). All of it commits together.
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
    async decide(tx, member, reviewer, now, stored) {
      // An application whose mobile or licence another member holds is rejected, never approved.
      const held = heldElsewhere(stored)
      if (held.length > 0 && member.status === 'pending') return heldByAnotherMember(held)
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
        secret: deps.cipher.seal('card-secret', newCardSecret()),
        lastAcceptedStep: 0,
        lastScanBy: null,
        lastScanAt: null,
        lastScanRequestId: null,
      })
      await tx.stars.put(initialStar(after.id, now))
      await tx.outbox.add({
        id: `registration-approved:${after.id}:${after.version}`,
        memberId: after.id,
        kind: 'registration.approved',
        payload: { cardNo: after.cardNo },
        createdAt: issuedAt,
        status: 'pending',
      })
      if (after.referredBy && deps.settings.referralBonus > 0) {
        await creditReferrer(deps, tx, after.referredBy, after.id, now)
      }
    },
  })
}
