import { addWorkingDays, shanghaiDate } from '../shared/calendar'
import { ok, type Result } from '../shared/result'
import { notPending } from './member.errors'
import type { Member } from './member'

export type Approval = {
  cardNo: string
  /** The new member's own referral code (推荐码), shown to them for inviting others. */
  referralCode: string
  reviewerId: string
  now: Date
}

/** Approving a pending registration activates the member with a card number (SPEC §2). */
export function approveRegistration(member: Member, approval: Approval): Result<Member> {
  if (member.status !== 'pending') return notPending()
  const at = approval.now.toISOString()
  return ok({
    ...member,
    status: 'active',
    cardNo: approval.cardNo,
    referralCode: approval.referralCode,
    rejectReason: null,
    reviewedAt: at,
    reviewedBy: approval.reviewerId,
    updatedAt: at,
    version: member.version + 1,
  })
}

/** Rejecting a pending registration keeps the record with a reason the applicant sees (SPEC §2). */
export function rejectRegistration(
  member: Member,
  rejection: { reason: string; reviewerId: string; now: Date },
): Result<Member> {
  if (member.status !== 'pending') return notPending()
  const at = rejection.now.toISOString()
  return ok({
    ...member,
    status: 'rejected',
    rejectReason: rejection.reason,
    reviewedAt: at,
    reviewedBy: rejection.reviewerId,
    updatedAt: at,
    version: member.version + 1,
  })
}

/** Registrations are reviewed within 2 working days (SPEC §2); public holidays are not modelled. */
export const REVIEW_TARGET_WORKING_DAYS = 2

/**
 * The last Shanghai date by which a registration submitted at `submittedAt` should be reviewed:
 * the 2nd working day after the day it came in (Friday → Tuesday).
 */
export function reviewDueDate(submittedAt: string): string {
  return addWorkingDays(shanghaiDate(new Date(submittedAt)), REVIEW_TARGET_WORKING_DAYS)
}

/** True once the review target has passed: `now` is on a Shanghai date after the due date. */
export function isReviewOverdue(submittedAt: string, now: Date): boolean {
  return shanghaiDate(now) > reviewDueDate(submittedAt)
}
