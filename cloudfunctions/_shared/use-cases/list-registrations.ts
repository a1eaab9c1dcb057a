import type { RegistrationPage } from '../../../src/contracts/admin.contract'
import type { MemberStatus } from '../../../src/domain/member/member'
import { maskLicence, maskMobile } from '../../../src/domain/privacy/mask'
import { isReviewOverdue, reviewDueDate } from '../../../src/domain/member/review'
import { ageOn } from '../../../src/domain/shared/calendar'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireStaff, type Caller } from '../caller'
import { heldElsewhere, openMember } from '../member-sealing'
import type { Deps } from '../ports'

/** The reviewer's queue: registrations by status, oldest first, personal data masked (SPEC §2, §9). */
export async function listRegistrations(
  deps: Deps,
  caller: Caller,
  input: { status: MemberStatus; offset: number; limit: number },
): Promise<Result<RegistrationPage>> {
  const reviewer = await requireStaff(deps, caller, 'reviewer')
  if (!reviewer.ok) return reviewer

  const page = await deps.store.read.members.listByStatus(input.status, input.offset, input.limit)
  const now = deps.clock.now()
  return ok({
    total: page.total,
    items: page.items.map((record) => {
      const m = openMember(record, deps.cipher)
      return {
        memberId: m.id,
        status: m.status,
        realName: m.realName,
        mobileMasked: maskMobile(m.mobile),
        licenceMasked: maskLicence(m.licenceNo),
        shopName: m.shopName,
        shopAddress: m.shopAddress,
        age: ageOn(m.birthday, now),
        channel: m.channel,
        referred: m.referredBy !== null,
        submittedAt: m.submittedAt,
        reviewDueDate: reviewDueDate(m.submittedAt),
        overdue: m.status === 'pending' && isReviewOverdue(m.submittedAt, now),
        cardNo: m.cardNo,
        rejectReason: m.rejectReason,
        heldElsewhere: m.status === 'pending' ? heldElsewhere(record) : [],
      }
    }),
  })
}
