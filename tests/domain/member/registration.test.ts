import type { Member } from '@/domain/member/member'
import {
  decideRegistration,
  latestAdultBirthday,
  MINIMUM_AGE,
  type RegistrationContext,
} from '@/domain/member/registration'
import { ageOn } from '@/domain/shared/calendar'
import { CURRENT_POLICY_VERSION } from '@/domain/privacy/policy'
import { aMember, aRegistration } from '../../support/builders'

const NOW = new Date('2026-11-23T02:00:00.000Z')

function aContext(overrides: Partial<RegistrationContext> = {}): RegistrationContext {
  return {
    newId: 'm-new',
    openid: 'o_applicant',
    unionid: null,
    existing: null,
    callerIsStaff: false,
    policyVersion: CURRENT_POLICY_VERSION,
    referrer: null,
    now: NOW,
    ...overrides,
  }
}

function accepted(result: ReturnType<typeof decideRegistration>): Member {
  if (!result.ok) throw new Error(`expected a registration, got ${result.error.code}`)
  return result.data
}

describe('decideRegistration', () => {
  describe('a first registration', () => {
    it('creates a pending member with the new id and the form as given', () => {
      const form = aRegistration()

      const member = accepted(decideRegistration(form, aContext()))

      expect(member).toEqual({
        id: 'm-new',
        openid: 'o_applicant',
        unionid: null,
        status: 'pending',
        realName: form.realName,
        mobile: form.mobile,
        shopName: form.shopName,
        shopAddress: form.shopAddress,
        licenceNo: form.licenceNo,
        birthday: form.birthday,
        consentVersion: CURRENT_POLICY_VERSION,
        consentAt: NOW.toISOString(),
        referralCode: null,
        referredBy: null,
        channel: 'oa_menu',
        cardNo: null,
        rejectReason: null,
        submittedAt: NOW.toISOString(),
        reviewedAt: null,
        reviewedBy: null,
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
        version: 1,
      })
    })

    it('keeps the unionid when WeChat provides one, to link the official account', () => {
      const member = accepted(decideRegistration(aRegistration(), aContext({ unionid: 'u_1' })))

      expect(member.unionid).toBe('u_1')
    })

    it('records the consent version and the moment of consent', () => {
      const now = new Date('2026-12-01T08:30:00.000Z')

      const member = accepted(decideRegistration(aRegistration(), aContext({ now })))

      expect(member.consentVersion).toBe(CURRENT_POLICY_VERSION)
      expect(member.consentAt).toBe('2026-12-01T08:30:00.000Z')
    })

    it('leaves the channel empty when none was given and nobody referred the applicant', () => {
      const form = aRegistration()
      delete form.channel

      const member = accepted(decideRegistration(form, aContext()))

      expect(member.channel).toBeNull()
    })

    it('gives no card number and no own referral code before approval', () => {
      const member = accepted(decideRegistration(aRegistration(), aContext()))

      expect(member.cardNo).toBeNull()
      expect(member.referralCode).toBeNull()
    })
  })

  describe('who may register', () => {
    it('refuses staff: staff can never hold a member account', () => {
      const result = decideRegistration(aRegistration(), aContext({ callerIsStaff: true }))

      expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.STAFF_CANNOT_REGISTER' } })
    })

    it('refuses staff even when the openid already has a rejected application', () => {
      const existing = aMember({ status: 'rejected', openid: 'o_applicant' })

      const result = decideRegistration(
        aRegistration(),
        aContext({ callerIsStaff: true, existing }),
      )

      expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.STAFF_CANNOT_REGISTER' } })
    })

    it('takes a correction while the application is pending: the same record, pending, submitted again', () => {
      const existing = aMember({ status: 'pending', openid: 'o_applicant', version: 1 })

      const result = decideRegistration(
        aRegistration({ shopName: '建国便利店（中山北路店）' }),
        aContext({ existing }),
      )

      expect(result).toMatchObject({
        ok: true,
        data: {
          id: existing.id,
          status: 'pending',
          shopName: '建国便利店（中山北路店）',
          version: 2,
        },
      })
    })

    it('refuses a registration from an openid that is already an active member', () => {
      const existing = aMember({ status: 'active', openid: 'o_applicant', cardNo: '860000000174' })

      const result = decideRegistration(aRegistration(), aContext({ existing }))

      expect(result).toMatchObject({ ok: false, error: { code: 'MEMBER.ALREADY_REGISTERED' } })
    })
  })

  describe('a resubmission after rejection', () => {
    const rejected = () =>
      aMember({
        id: 'm-7',
        openid: 'o_applicant',
        unionid: 'u_old',
        status: 'rejected',
        realName: '王建',
        rejectReason: '姓名与许可证不一致',
        reviewedAt: '2026-11-21T03:00:00.000Z',
        reviewedBy: 'staff-reviewer-1',
        createdAt: '2026-11-20T02:00:00.000Z',
        version: 2,
      })

    it('reuses the same record: same id and creation time, version + 1', () => {
      const existing = rejected()

      const member = accepted(decideRegistration(aRegistration(), aContext({ existing })))

      expect(member.id).toBe('m-7')
      expect(member.createdAt).toBe('2026-11-20T02:00:00.000Z')
      expect(member.version).toBe(3)
    })

    it('returns the application to pending and clears the rejection reason and review', () => {
      const existing = rejected()

      const member = accepted(decideRegistration(aRegistration(), aContext({ existing })))

      expect(member.status).toBe('pending')
      expect(member.rejectReason).toBeNull()
      expect(member.reviewedAt).toBeNull()
      expect(member.reviewedBy).toBeNull()
      expect(member.submittedAt).toBe(NOW.toISOString())
      expect(member.updatedAt).toBe(NOW.toISOString())
    })

    it('takes the corrected data from the new form', () => {
      const existing = rejected()
      const form = aRegistration({ realName: '王建国', shopName: '建国烟酒店' })

      const member = accepted(decideRegistration(form, aContext({ existing })))

      expect(member.realName).toBe('王建国')
      expect(member.shopName).toBe('建国烟酒店')
      expect(member.mobile).toBe(form.mobile)
      expect(member.licenceNo).toBe(form.licenceNo)
    })

    it('keeps the unionid known from before when WeChat does not provide one this time', () => {
      const existing = rejected()

      const member = accepted(
        decideRegistration(aRegistration(), aContext({ existing, unionid: null })),
      )

      expect(member.unionid).toBe('u_old')
    })

    it('takes the new unionid when WeChat provides one', () => {
      const existing = rejected()

      const member = accepted(
        decideRegistration(aRegistration(), aContext({ existing, unionid: 'u_new' })),
      )

      expect(member.unionid).toBe('u_new')
    })
  })

  describe('age', () => {
    it('requires the applicant to be at least 18', () => {
      expect(MINIMUM_AGE).toBe(18)
    })

    it.each([
      ['2026-11-22T15:59:59.999Z', false, 'the day before the 18th birthday (Shanghai)'],
      ['2026-11-22T16:00:00.000Z', true, 'the 18th birthday, at Shanghai midnight'],
      ['2026-11-23T02:00:00.000Z', true, 'the 18th birthday, in the morning'],
      ['2026-11-22T02:00:00.000Z', false, 'the day before the 18th birthday, in the morning'],
    ])('for someone born 2008-11-23, registering at %s is allowed: %p (%s)', (iso, allowed) => {
      const form = aRegistration({ birthday: '2008-11-23' })

      const result = decideRegistration(form, aContext({ now: new Date(iso) }))

      expect(result.ok).toBe(allowed)
    })

    it.each([
      ['2026-02-27T16:00:00.000Z', false],
      ['2026-02-28T16:00:00.000Z', true],
    ])('for someone born on 29 February 2008, registering at %s is allowed: %p', (iso, allowed) => {
      const form = aRegistration({ birthday: '2008-02-29' })

      const result = decideRegistration(form, aContext({ now: new Date(iso) }))

      expect(result.ok).toBe(allowed)
    })

    it('refuses an applicant under 18 with a message on the birthday field', () => {
      const form = aRegistration({ birthday: '2010-01-01' })

      const result = decideRegistration(form, aContext())

      expect(result).toEqual({
        ok: false,
        error: {
          code: 'MEMBER.UNDERAGE',
          message: '年满18周岁方可注册',
          fields: { birthday: '年满18周岁方可注册' },
        },
      })
    })

    it('refuses a birthday in the future', () => {
      const form = aRegistration({ birthday: '2027-01-01' })

      const result = decideRegistration(form, aContext())

      expect(result).toMatchObject({ ok: false, error: { code: 'MEMBER.UNDERAGE' } })
    })

    it('refuses an under-18 applicant also on resubmission', () => {
      const existing = aMember({ status: 'rejected', openid: 'o_applicant' })
      const form = aRegistration({ birthday: '2009-06-01' })

      const result = decideRegistration(form, aContext({ existing }))

      expect(result).toMatchObject({ ok: false, error: { code: 'MEMBER.UNDERAGE' } })
    })
  })

  describe('consent', () => {
    it('refuses consent to an outdated agreement and privacy policy, on the consent field', () => {
      const form = aRegistration({ consentVersion: '2025-01' })

      const result = decideRegistration(form, aContext({ policyVersion: '2026-11' }))

      expect(result).toMatchObject({
        ok: false,
        error: {
          code: 'MEMBER.CONSENT_OUTDATED',
          fields: { consentVersion: expect.any(String) },
        },
      })
    })

    it('accepts consent to the version in force', () => {
      const form = aRegistration({ consentVersion: '2027-03' })

      const result = decideRegistration(form, aContext({ policyVersion: '2027-03' }))

      expect(result.ok).toBe(true)
    })
  })

  describe('referral', () => {
    const referrer = () =>
      aMember({
        id: 'm-ref',
        openid: 'o_referrer',
        status: 'active',
        referralCode: 'R00001',
        cardNo: '860000000017',
      })

    it('records the referrer of a valid referral code', () => {
      const form = aRegistration({ referralCode: 'R00001' })

      const member = accepted(decideRegistration(form, aContext({ referrer: referrer() })))

      expect(member.referredBy).toBe('m-ref')
    })

    it('sets the channel to referral when the applicant gave no channel', () => {
      const form = aRegistration({ referralCode: 'R00001' })
      delete form.channel

      const member = accepted(decideRegistration(form, aContext({ referrer: referrer() })))

      expect(member.channel).toBe('referral')
    })

    it('keeps the channel the applicant chose even with a referrer', () => {
      const form = aRegistration({ referralCode: 'R00001', channel: 'qr_poster' })

      const member = accepted(decideRegistration(form, aContext({ referrer: referrer() })))

      expect(member.channel).toBe('qr_poster')
      expect(member.referredBy).toBe('m-ref')
    })

    it('does not copy the referral code entered into the new member’s own code', () => {
      const form = aRegistration({ referralCode: 'R00001' })

      const member = accepted(decideRegistration(form, aContext({ referrer: referrer() })))

      expect(member.referralCode).toBeNull()
    })

    it('refuses an unknown referral code, with a message on the referral field', () => {
      const form = aRegistration({ referralCode: 'R99999' })

      const result = decideRegistration(form, aContext({ referrer: null }))

      expect(result).toEqual({
        ok: false,
        error: {
          code: 'MEMBER.REFERRAL_UNKNOWN',
          message: '推荐码无效',
          fields: { referralCode: '推荐码无效，请核对或留空' },
        },
      })
    })

    it.each<Member['status']>(['pending', 'rejected'])(
      'refuses the referral code of a %s member (only active members may refer)',
      (status) => {
        const form = aRegistration({ referralCode: 'R00001' })
        const inactive = { ...referrer(), status }

        const result = decideRegistration(form, aContext({ referrer: inactive }))

        expect(result).toMatchObject({ ok: false, error: { code: 'MEMBER.REFERRAL_UNKNOWN' } })
      },
    )

    it('refuses self-referral: the referrer is the applicant’s own openid', () => {
      const form = aRegistration({ referralCode: 'R00001' })
      const self = { ...referrer(), openid: 'o_applicant' }

      const result = decideRegistration(form, aContext({ openid: 'o_applicant', referrer: self }))

      expect(result).toMatchObject({ ok: false, error: { code: 'MEMBER.REFERRAL_UNKNOWN' } })
    })

    it('needs no referral code at all', () => {
      const form = aRegistration()
      delete form.referralCode

      const member = accepted(decideRegistration(form, aContext()))

      expect(member.referredBy).toBeNull()
    })
  })
})

describe('latestAdultBirthday (the end of the birthday picker)', () => {
  const dayAfter = (date: string) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

  it.each([
    ['an ordinary day', '2026-12-07T02:00:00.000Z', '2008-12-07'],
    ['a Shanghai morning that is still yesterday in UTC', '2026-12-06T17:00:00.000Z', '2008-12-07'],
    ['29 February, 18 years after a common year', '2028-02-29T04:00:00.000Z', '2010-02-28'],
    ['28 February, 18 years after a leap year', '2026-02-28T04:00:00.000Z', '2008-02-28'],
  ])('on %s is the last birthday of an 18-year-old', (_what, nowIso, expected) => {
    const now = new Date(nowIso)

    const latest = latestAdultBirthday(now)

    expect(latest).toBe(expected)
    expect(ageOn(latest, now)).toBe(MINIMUM_AGE)
    expect(ageOn(dayAfter(latest), now)).toBe(MINIMUM_AGE - 1)
  })
})
