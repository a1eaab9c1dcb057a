import type { Member } from '@/domain/member/member'
import {
  approveRegistration,
  isReviewOverdue,
  rejectRegistration,
  reviewDueDate,
} from '@/domain/member/review'
import { aMember } from '../../support/builders'

const NOW = new Date('2026-11-24T03:15:00.000Z')

const approval = {
  cardNo: '860000000174',
  referralCode: 'R00017',
  reviewerId: 'staff-r1',
  now: NOW,
}
const rejection = { reason: '许可证号与店铺名称不一致', reviewerId: 'staff-r1', now: NOW }

describe('approveRegistration', () => {
  it('activates a pending member with a card number and an own referral code', () => {
    const pending = aMember({ status: 'pending', version: 1 })

    const result = approveRegistration(pending, approval)

    expect(result).toEqual({
      ok: true,
      data: {
        ...pending,
        status: 'active',
        cardNo: '860000000174',
        referralCode: 'R00017',
        rejectReason: null,
        reviewedAt: NOW.toISOString(),
        reviewedBy: 'staff-r1',
        updatedAt: NOW.toISOString(),
        version: 2,
      },
    })
  })

  it('increments the version on every approval', () => {
    const pending = aMember({ status: 'pending', version: 4 })

    const result = approveRegistration(pending, approval)

    expect(result).toMatchObject({ ok: true, data: { version: 5 } })
  })

  it('approves a resubmitted application and drops the old rejection reason', () => {
    const resubmitted = aMember({ status: 'pending', rejectReason: '旧的驳回原因', version: 3 })

    const result = approveRegistration(resubmitted, approval)

    expect(result).toMatchObject({ ok: true, data: { status: 'active', rejectReason: null } })
  })

  it('keeps the applicant’s data, referrer and submission time untouched', () => {
    const pending = aMember({ status: 'pending', referredBy: 'm-ref', channel: 'referral' })

    const result = approveRegistration(pending, approval)

    expect(result).toMatchObject({
      ok: true,
      data: {
        id: pending.id,
        openid: pending.openid,
        mobile: pending.mobile,
        licenceNo: pending.licenceNo,
        referredBy: 'm-ref',
        channel: 'referral',
        submittedAt: pending.submittedAt,
        createdAt: pending.createdAt,
      },
    })
  })

  it.each<Member['status']>(['active', 'rejected'])(
    'approves only pending: refuses a %s member',
    (status) => {
      const member = aMember({ status })

      const result = approveRegistration(member, approval)

      expect(result).toMatchObject({ ok: false, error: { code: 'MEMBER.NOT_PENDING' } })
    },
  )

  it('leaves the given member untouched', () => {
    const pending = aMember({ status: 'pending' })
    const before = structuredClone(pending)

    approveRegistration(pending, approval)

    expect(pending).toEqual(before)
  })
})

describe('rejectRegistration', () => {
  it('rejects a pending registration with the reason the applicant will see', () => {
    const pending = aMember({ status: 'pending', version: 1 })

    const result = rejectRegistration(pending, rejection)

    expect(result).toEqual({
      ok: true,
      data: {
        ...pending,
        status: 'rejected',
        rejectReason: '许可证号与店铺名称不一致',
        reviewedAt: NOW.toISOString(),
        reviewedBy: 'staff-r1',
        updatedAt: NOW.toISOString(),
        version: 2,
      },
    })
  })

  it('keeps the record, so the applicant can correct and resubmit it', () => {
    const pending = aMember({ status: 'pending' })

    const result = rejectRegistration(pending, rejection)

    expect(result).toMatchObject({
      ok: true,
      data: { id: pending.id, openid: pending.openid, cardNo: null, referralCode: null },
    })
  })

  it('increments the version on every rejection', () => {
    const pending = aMember({ status: 'pending', version: 6 })

    const result = rejectRegistration(pending, rejection)

    expect(result).toMatchObject({ ok: true, data: { version: 7 } })
  })

  it.each<Member['status']>(['active', 'rejected'])(
    'rejects only pending: refuses a %s member',
    (status) => {
      const member = aMember({ status })

      const result = rejectRegistration(member, rejection)

      expect(result).toMatchObject({ ok: false, error: { code: 'MEMBER.NOT_PENDING' } })
    },
  )

  it('leaves the given member untouched', () => {
    const pending = aMember({ status: 'pending' })
    const before = structuredClone(pending)

    rejectRegistration(pending, rejection)

    expect(pending).toEqual(before)
  })
})

describe('reviewDueDate', () => {
  it.each([
    ['2026-11-23T02:00:00Z', '2026-11-25'], // Monday morning → Wednesday
    ['2026-11-27T09:00:00Z', '2026-12-01'], // Friday → Tuesday
    ['2026-11-27T16:30:00Z', '2026-12-01'], // Saturday 00:30 in Shanghai → Tuesday
    ['2026-11-22T15:59:59Z', '2026-11-24'], // Sunday 23:59:59 in Shanghai → Tuesday
    ['2026-11-22T16:00:00Z', '2026-11-25'], // Monday 00:00 in Shanghai → Wednesday
  ])('gives a registration submitted at %s until %s (2 working days, SPEC §2)', (at, due) => {
    expect(reviewDueDate(at)).toBe(due)
  })
})

describe('isReviewOverdue', () => {
  const friday = '2026-11-27T02:00:00Z'

  it.each([
    ['2026-12-01T15:59:59Z', false], // Tuesday 23:59:59 Shanghai: still on time
    ['2026-12-01T16:00:00Z', true], // Wednesday 00:00 Shanghai: overdue
  ])('at %s a Friday registration is overdue: %p', (now, overdue) => {
    expect(isReviewOverdue(friday, new Date(now))).toBe(overdue)
  })
})
