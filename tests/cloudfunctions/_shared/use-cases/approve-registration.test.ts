import { approveRegistration } from '../../../../cloudfunctions/_shared/use-cases/approve-registration'
import { getMe } from '../../../../cloudfunctions/_shared/use-cases/get-me'
import { registerMember } from '../../../../cloudfunctions/_shared/use-cases/register-member'
import { isValidCardNumber } from '@/domain/card/card-number'
import { aRegistration } from '../../../support/builders'
import {
  anActiveMember,
  approved,
  callerOf,
  newOpenid,
  nonReviewers,
  registered,
  rejected,
} from '../../../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

describe('approveRegistration', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps()))
  afterEach(() => t.cleanup())

  it('makes a pending member active with a valid 12-digit card number', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const memberId = await registered(t.deps, newOpenid())

    const result = await approveRegistration(
      t.deps,
      callerOf(reviewer.openid),
      { memberId },
      newRequestId(),
    )

    expect(result).toEqual({
      ok: true,
      data: { memberId, status: 'active', cardNo: expect.stringMatching(/^\d{12}$/) },
    })
    const cardNo = result.ok ? (result.data.cardNo as string) : ''
    expect(isValidCardNumber(cardNo)).toBe(true)
    const stored = await t.deps.store.read.members.byId(memberId)
    expect(stored).toMatchObject({
      status: 'active',
      cardNo,
      rejectReason: null,
      reviewedBy: reviewer.id,
      reviewedAt: '2026-11-23T02:00:00.000Z',
    })
  })

  it('writes one active card record for the new member', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const memberId = await registered(t.deps, newOpenid())

    const cardNo = await approved(t.deps, reviewer, memberId)

    expect(await t.deps.store.read.cards.byCardNo(cardNo)).toEqual({
      cardNo,
      memberId,
      version: 1,
      status: 'active',
      issuedAt: '2026-11-23T02:00:00.000Z',
      secret: { enc: expect.any(String), hash: expect.any(String) },
      lastAcceptedStep: 0,
      lastScanBy: null,
      lastScanAt: null,
      lastScanRequestId: null,
    })
  })

  it('gives the new card a secret of its own, stored encrypted', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const [a, b] = [await registered(t.deps, newOpenid()), await registered(t.deps, newOpenid())]

    const cards = [await approved(t.deps, reviewer, a!), await approved(t.deps, reviewer, b!)]

    const secrets = await Promise.all(
      cards.map(async (no) =>
        t.deps.cipher.open((await t.deps.store.read.cards.byCardNo(no))!.secret!),
      ),
    )
    expect(Buffer.from(secrets[0]!, 'base64')).toHaveLength(32)
    expect(secrets[0]).not.toBe(secrets[1])
  })

  it('grants 1★ for the current Shanghai year (already 2027 at 00:30 on 1 January in Shanghai)', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const memberId = await registered(t.deps, newOpenid())
    t.clock.set('2026-12-31T16:30:00Z')

    await approved(t.deps, reviewer, memberId)

    expect(await t.deps.store.read.stars.forMember(memberId)).toEqual([
      {
        memberId,
        year: 2027,
        star: 1,
        source: 'initial',
        reason: null,
        grantedAt: '2026-12-31T16:30:00.000Z',
      },
    ])
  })

  it('gives the new member a referral code of their own', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const memberId = await registered(t.deps, newOpenid())

    await approved(t.deps, reviewer, memberId)

    const stored = await t.deps.store.read.members.byId(memberId)
    expect(stored?.referralCode).toMatch(/^R[0-9A-Z]{5}$/)
    expect(await t.deps.store.read.members.byReferralCode(stored!.referralCode!)).toMatchObject({
      id: memberId,
    })
  })

  it('writes one audit record with the reviewer, the action and the status before and after', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const memberId = await registered(t.deps, newOpenid())
    const requestId = newRequestId()

    const result = await approveRegistration(
      t.deps,
      callerOf(reviewer.openid),
      { memberId },
      requestId,
    )

    const cardNo = result.ok ? result.data.cardNo : null
    expect(await t.deps.store.read.audit.forTarget('member', memberId)).toEqual([
      {
        id: expect.any(String),
        actorId: reviewer.id,
        actorRole: 'reviewer',
        action: 'registration.approve',
        targetType: 'member',
        targetId: memberId,
        before: expect.objectContaining({ status: 'pending', cardNo: null }),
        after: expect.objectContaining({ status: 'active', cardNo }),
        reason: null,
        requestId,
        at: '2026-11-23T02:00:00.000Z',
      },
    ])
  })

  it('keeps personal data out of the audit record (no name, mobile or licence)', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const form = aRegistration({ realName: '欧阳明远' })
    const memberId = await registered(t.deps, newOpenid(), form)

    await approved(t.deps, reviewer, memberId)

    const stored = await t.deps.store.read.members.byId(memberId)
    const audit = JSON.stringify(await t.deps.store.read.audit.forTarget('member', memberId))
    expect(audit).not.toContain(form.realName)
    expect(audit).not.toContain(form.mobile)
    expect(audit).not.toContain(form.licenceNo)
    expect(audit).not.toContain(stored!.mobile.enc)
    expect(audit).not.toContain(stored!.licence.enc)
    expect(audit).not.toContain(form.shopAddress)
  })

  it('gives two approvals two distinct valid card numbers and referral codes', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const first = await registered(t.deps, newOpenid())
    const second = await registered(t.deps, newOpenid())

    const cards = [
      await approved(t.deps, reviewer, first),
      await approved(t.deps, reviewer, second),
    ]

    expect(new Set(cards).size).toBe(2)
    expect(cards.every(isValidCardNumber)).toBe(true)
    const codes = await Promise.all(
      [first, second].map(async (id) => (await t.deps.store.read.members.byId(id))?.referralCode),
    )
    expect(new Set(codes).size).toBe(2)
  })

  it('gives distinct card numbers to approvals made at the same moment', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const ids = [
      await registered(t.deps, newOpenid()),
      await registered(t.deps, newOpenid()),
      await registered(t.deps, newOpenid()),
    ]

    const results = await Promise.all(
      ids.map((memberId) =>
        approveRegistration(t.deps, callerOf(reviewer.openid), { memberId }, newRequestId()),
      ),
    )

    const cards = results.map((r) => (r.ok ? r.data.cardNo : null))
    expect(cards.every((c) => c !== null && isValidCardNumber(c))).toBe(true)
    expect(new Set(cards).size).toBe(3)
  })

  it.each([
    ['already active', 'active'],
    ['rejected', 'rejected'],
  ] as const)(
    'refuses to approve a registration that is %s (MEMBER.NOT_PENDING) and changes nothing',
    async (_case, status) => {
      const reviewer = await addStaff(t.deps, 'reviewer')
      const memberId = await registered(t.deps, newOpenid())
      if (status === 'active') await approved(t.deps, reviewer, memberId)
      else await rejected(t.deps, reviewer, memberId)
      const before = t.snapshot()

      const result = await approveRegistration(
        t.deps,
        callerOf(reviewer.openid),
        { memberId },
        newRequestId(),
      )

      expect(result).toMatchObject({ ok: false, error: { code: 'MEMBER.NOT_PENDING' } })
      expect(t.snapshot()).toEqual(before)
    },
  )

  it('answers an unknown member id with MEMBER.NOT_FOUND and changes nothing', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const before = t.snapshot()

    const result = await approveRegistration(
      t.deps,
      callerOf(reviewer.openid),
      { memberId: 'no-such-member' },
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: false, error: { code: 'MEMBER.NOT_FOUND' } })
    expect(t.snapshot()).toEqual(before)
  })

  const outsiders = nonReviewers(() => t.deps)

  it.each(outsiders)(
    'refuses %s (AUTH.FORBIDDEN): only reviewers and admins review registrations',
    async (_who, openidOf) => {
      const openid = await openidOf()
      const memberId = await registered(t.deps, newOpenid())
      const before = t.snapshot()

      const result = await approveRegistration(
        t.deps,
        callerOf(openid),
        { memberId },
        newRequestId(),
      )

      expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
      expect(t.snapshot()).toEqual(before)
    },
  )

  it('refuses applicants approving themselves', async () => {
    const openid = newOpenid()
    const memberId = await registered(t.deps, openid)

    const result = await approveRegistration(t.deps, callerOf(openid), { memberId }, newRequestId())

    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect((await t.deps.store.read.members.byId(memberId))?.status).toBe('pending')
  })

  it('needs a caller identity from the server context', async () => {
    const memberId = await registered(t.deps, newOpenid())

    const result = await approveRegistration(t.deps, callerOf(''), { memberId }, newRequestId())

    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_SIGNED_IN' } })
  })

  it('lets an admin review registrations too (an admin inherits the reviewer role)', async () => {
    const admin = await addStaff(t.deps, 'admin')
    const memberId = await registered(t.deps, newOpenid())

    const cardNo = await approved(t.deps, admin, memberId)

    expect(isValidCardNumber(cardNo)).toBe(true)
    const audit = await t.deps.store.read.audit.forTarget('member', memberId)
    expect(audit).toMatchObject([{ actorId: admin.id, actorRole: 'admin' }])
  })

  it('returns the same card number to a retried approval and audits it once', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const memberId = await registered(t.deps, newOpenid())
    const requestId = newRequestId()

    const first = await approveRegistration(
      t.deps,
      callerOf(reviewer.openid),
      { memberId },
      requestId,
    )
    const retry = await approveRegistration(
      t.deps,
      callerOf(reviewer.openid),
      { memberId },
      requestId,
    )

    expect(first.ok).toBe(true)
    expect(retry).toEqual(first)
    expect(await t.deps.store.read.audit.forTarget('member', memberId)).toHaveLength(1)
    expect(await t.deps.store.read.stars.forMember(memberId)).toHaveLength(1)
  })

  it('lets exactly one of two reviewers approving the same registration at once succeed', async () => {
    const reviewers = [await addStaff(t.deps, 'reviewer'), await addStaff(t.deps, 'reviewer')]
    const memberId = await registered(t.deps, newOpenid())

    const results = await Promise.all(
      reviewers.map((r) =>
        approveRegistration(t.deps, callerOf(r.openid), { memberId }, newRequestId()),
      ),
    )

    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.find((r) => !r.ok)).toMatchObject({ error: { code: 'MEMBER.NOT_PENDING' } })
    expect(await t.deps.store.read.audit.forTarget('member', memberId)).toHaveLength(1)
  })

  it('lets a new applicant register with an approved member’s referral code, recording the referrer', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const referrer = await anActiveMember(t.deps, reviewer)
    const { referralCode } = (await t.deps.store.read.members.byId(referrer.memberId))!
    const openid = newOpenid()

    const result = await registerMember(
      t.deps,
      callerOf(openid),
      aRegistration({ referralCode: referralCode!, channel: undefined }),
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: true, data: { status: 'pending' } })
    expect(await t.deps.store.read.members.byOpenid(openid)).toMatchObject({
      referredBy: referrer.memberId,
      channel: 'referral',
    })
  })

  describe('the referral bonus (SPEC §5)', () => {
    async function referredApplicant() {
      const reviewer = await addStaff(t.deps, 'reviewer')
      const referrer = await anActiveMember(t.deps, reviewer)
      const { referralCode } = (await t.deps.store.read.members.byId(referrer.memberId))!
      const memberId = await registered(
        t.deps,
        newOpenid(),
        aRegistration({ referralCode: referralCode! }),
      )
      return { reviewer, referrer, memberId }
    }

    it('credits the referrer the settable bonus when the referred registration is approved', async () => {
      t.deps.settings.referralBonus = 200
      const { reviewer, referrer, memberId } = await referredApplicant()

      await approveRegistration(t.deps, callerOf(reviewer.openid), { memberId }, newRequestId())

      expect((await t.deps.store.read.points.account(referrer.memberId))?.balance).toBe(200)
      const [entry] = (await t.deps.store.read.points.history(referrer.memberId, 0, 1)).items
      expect(entry).toMatchObject({
        type: 'earn',
        label: 'referral',
        points: 200,
        reference: `referral:${memberId}`,
      })
    })

    it('credits nothing by default (bonus 0)', async () => {
      const { reviewer, referrer, memberId } = await referredApplicant()

      await approveRegistration(t.deps, callerOf(reviewer.openid), { memberId }, newRequestId())

      expect(await t.deps.store.read.points.account(referrer.memberId)).toBeNull()
    })
  })

  it('shows the approved member as active, with card and 1★, in their own view', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')

    const member = await anActiveMember(t.deps, reviewer)

    const me = await getMe(t.deps, callerOf(member.openid))
    expect(me).toMatchObject({
      ok: true,
      data: {
        role: 'member',
        member: { status: 'active', cardNo: member.cardNo, star: 1, starYear: 2026 },
      },
    })
  })
})
