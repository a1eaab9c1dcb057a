import { approveRegistration } from '../../../../cloudfunctions/_shared/use-cases/approve-registration'
import { getMe } from '../../../../cloudfunctions/_shared/use-cases/get-me'
import { registerMember } from '../../../../cloudfunctions/_shared/use-cases/register-member'
import { rejectRegistration } from '../../../../cloudfunctions/_shared/use-cases/reject-registration'
import { registerInput } from '@/contracts/member.contract'
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

const REASON = '许可证号与营业执照不符，请核对后重新提交'

describe('rejectRegistration', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps()))
  afterEach(() => t.cleanup())

  it('marks a pending registration rejected and keeps the reason', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const memberId = await registered(t.deps, newOpenid())

    const result = await rejectRegistration(
      t.deps,
      callerOf(reviewer.openid),
      { memberId, reason: REASON },
      newRequestId(),
    )

    expect(result).toEqual({ ok: true, data: { memberId, status: 'rejected', cardNo: null } })
    expect(await t.deps.store.read.members.byId(memberId)).toMatchObject({
      status: 'rejected',
      rejectReason: REASON,
      cardNo: null,
      referralCode: null,
      reviewedBy: reviewer.id,
      reviewedAt: '2026-11-23T02:00:00.000Z',
    })
  })

  it('issues no card and no star to a rejected applicant', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const memberId = await registered(t.deps, newOpenid())

    await rejected(t.deps, reviewer, memberId, REASON)

    expect(await t.deps.store.read.stars.forMember(memberId)).toEqual([])
    expect(t.snapshot().cards).toEqual([])
  })

  it('writes one audit record with the reviewer, the reason and the status before and after', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const memberId = await registered(t.deps, newOpenid())
    const requestId = newRequestId()

    await rejectRegistration(
      t.deps,
      callerOf(reviewer.openid),
      { memberId, reason: REASON },
      requestId,
    )

    expect(await t.deps.store.read.audit.forTarget('member', memberId)).toEqual([
      {
        id: expect.any(String),
        actorId: reviewer.id,
        actorRole: 'reviewer',
        action: 'registration.reject',
        targetType: 'member',
        targetId: memberId,
        before: expect.objectContaining({ status: 'pending', rejectReason: null }),
        after: expect.objectContaining({ status: 'rejected', rejectReason: REASON }),
        reason: REASON,
        requestId,
        at: '2026-11-23T02:00:00.000Z',
      },
    ])
  })

  it('keeps personal data out of the audit record (no name, mobile or licence)', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const form = aRegistration({ realName: '欧阳明远' })
    const memberId = await registered(t.deps, newOpenid(), form)

    await rejected(t.deps, reviewer, memberId, REASON)

    const audit = JSON.stringify(await t.deps.store.read.audit.forTarget('member', memberId))
    expect(audit).not.toContain(form.realName)
    expect(audit).not.toContain(form.mobile)
    expect(audit).not.toContain(form.licenceNo)
    expect(audit).not.toContain(form.shopAddress)
  })

  it('shows the applicant the reason and their own submission in clear to correct', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const openid = newOpenid()
    const form = aRegistration()
    const memberId = await registered(t.deps, openid, form)

    await rejected(t.deps, reviewer, memberId, REASON)

    const me = await getMe(t.deps, callerOf(openid))
    expect(me).toMatchObject({
      ok: true,
      data: { role: 'member', member: { id: memberId, status: 'rejected', rejectReason: REASON } },
    })
    const view = me.ok ? me.data.member : null
    expect(view?.resubmitForm).toEqual(form)
    expect(registerInput.safeParse(view?.resubmitForm).success).toBe(true)
  })

  it('lets the applicant correct and resubmit: pending again, same member id, reason cleared', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const openid = newOpenid()
    const memberId = await registered(t.deps, openid)
    await rejected(t.deps, reviewer, memberId, REASON)
    const me = await getMe(t.deps, callerOf(openid))
    const prefilled = me.ok ? me.data.member?.resubmitForm : null
    t.clock.set('2026-11-24T03:00:00Z')

    const result = await registerMember(
      t.deps,
      callerOf(openid),
      { ...prefilled!, shopName: '建国便利店（中山路店）' },
      newRequestId(),
    )

    expect(result).toEqual({ ok: true, data: { memberId, status: 'pending' } })
    expect(await t.deps.store.read.members.byId(memberId)).toMatchObject({
      status: 'pending',
      shopName: '建国便利店（中山路店）',
      rejectReason: null,
      submittedAt: '2026-11-24T03:00:00.000Z',
    })
    const again = await getMe(t.deps, callerOf(openid))
    expect(again).toMatchObject({
      ok: true,
      data: {
        member: {
          status: 'pending',
          rejectReason: null,
          resubmitForm: expect.objectContaining({ shopName: '建国便利店（中山路店）' }),
        },
      },
    })
  })

  it('lets a resubmitted registration be approved', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const openid = newOpenid()
    const form = aRegistration()
    const memberId = await registered(t.deps, openid, form)
    await rejected(t.deps, reviewer, memberId, REASON)
    await registered(t.deps, openid, form)

    const cardNo = await approved(t.deps, reviewer, memberId)

    expect(await t.deps.store.read.members.byId(memberId)).toMatchObject({
      status: 'active',
      cardNo,
      rejectReason: null,
    })
    expect(await t.deps.store.read.audit.forTarget('member', memberId)).toMatchObject([
      { action: 'registration.reject' },
      { action: 'registration.approve' },
    ])
  })

  it('keeps a referred applicant referred when they resubmit the prefilled form', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const referrer = await anActiveMember(t.deps, reviewer)
    const { referralCode } = (await t.deps.store.read.members.byId(referrer.memberId))!
    const openid = newOpenid()
    const memberId = await registered(
      t.deps,
      openid,
      aRegistration({ referralCode: referralCode! }),
    )
    await rejected(t.deps, reviewer, memberId, REASON)
    const me = await getMe(t.deps, callerOf(openid))

    await registered(t.deps, openid, me.ok ? me.data.member!.resubmitForm! : aRegistration())

    expect(await t.deps.store.read.members.byId(memberId)).toMatchObject({
      status: 'pending',
      referredBy: referrer.memberId,
    })
  })

  it('refuses to reject a registration that is not pending (MEMBER.NOT_PENDING) and changes nothing', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const member = await anActiveMember(t.deps, reviewer)
    const before = t.snapshot()

    const result = await rejectRegistration(
      t.deps,
      callerOf(reviewer.openid),
      { memberId: member.memberId, reason: REASON },
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: false, error: { code: 'MEMBER.NOT_PENDING' } })
    expect(t.snapshot()).toEqual(before)
  })

  it('answers an unknown member id with MEMBER.NOT_FOUND', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')

    const result = await rejectRegistration(
      t.deps,
      callerOf(reviewer.openid),
      { memberId: 'no-such-member', reason: REASON },
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: false, error: { code: 'MEMBER.NOT_FOUND' } })
  })

  const outsiders = nonReviewers(() => t.deps)

  it.each(outsiders)(
    'refuses %s (AUTH.FORBIDDEN): only reviewers and admins review registrations',
    async (_who, openidOf) => {
      const openid = await openidOf()
      const memberId = await registered(t.deps, newOpenid())
      const before = t.snapshot()

      const result = await rejectRegistration(
        t.deps,
        callerOf(openid),
        { memberId, reason: REASON },
        newRequestId(),
      )

      expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
      expect(t.snapshot()).toEqual(before)
    },
  )

  it('needs a caller identity from the server context', async () => {
    const memberId = await registered(t.deps, newOpenid())

    const result = await rejectRegistration(
      t.deps,
      callerOf(''),
      { memberId, reason: REASON },
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_SIGNED_IN' } })
  })

  it('lets an admin reject registrations too (an admin inherits the reviewer role)', async () => {
    const admin = await addStaff(t.deps, 'admin')
    const memberId = await registered(t.deps, newOpenid())

    await rejected(t.deps, admin, memberId, REASON)

    expect(await t.deps.store.read.audit.forTarget('member', memberId)).toMatchObject([
      { actorId: admin.id, actorRole: 'admin', action: 'registration.reject' },
    ])
  })

  it('returns the first result to a retried rejection and audits it once', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const memberId = await registered(t.deps, newOpenid())
    const requestId = newRequestId()
    const call = () =>
      rejectRegistration(t.deps, callerOf(reviewer.openid), { memberId, reason: REASON }, requestId)

    const first = await call()
    const retry = await call()

    expect(first.ok).toBe(true)
    expect(retry).toEqual(first)
    expect(await t.deps.store.read.audit.forTarget('member', memberId)).toHaveLength(1)
  })

  it('refuses a request id already used for an approval (INPUT.REQUEST_ID_REUSED)', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const first = await registered(t.deps, newOpenid())
    const second = await registered(t.deps, newOpenid())
    const requestId = newRequestId()
    await approveRegistration(t.deps, callerOf(reviewer.openid), { memberId: first }, requestId)

    const result = await rejectRegistration(
      t.deps,
      callerOf(reviewer.openid),
      { memberId: second, reason: REASON },
      requestId,
    )

    expect(result).toMatchObject({ ok: false, error: { code: 'INPUT.REQUEST_ID_REUSED' } })
    expect((await t.deps.store.read.members.byId(second))?.status).toBe('pending')
  })
})
