import { auditOf } from './audit'
import type { AuditRecord, Deps, MemberRecord, StaffRecord } from './ports'

/** What an audit row keeps of a member: state only, never personal data (SPEC §9). */
export function memberAuditState(member: MemberRecord) {
  return {
    status: member.status,
    cardNo: member.cardNo,
    rejectReason: member.rejectReason,
    version: member.version,
  }
}

/** The audit row of a reviewer's decision on a registration (SPEC §1: who, what, when, before/after). */
export function reviewAuditRecord(
  deps: Deps,
  review: {
    reviewer: StaffRecord
    action: 'registration.approve' | 'registration.reject'
    before: MemberRecord
    after: MemberRecord
    reason: string | null
    requestId: string
    now: Date
  },
): AuditRecord {
  return auditOf(deps, review.reviewer, {
    action: review.action,
    targetType: 'member',
    targetId: review.after.id,
    before: memberAuditState(review.before),
    after: memberAuditState(review.after),
    reason: review.reason,
    requestId: review.requestId,
    now: review.now,
  })
}
