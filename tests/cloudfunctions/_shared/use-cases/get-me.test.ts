import { getMe } from '../../../../cloudfunctions/_shared/use-cases/get-me'
import { CURRENT_POLICY_VERSION } from '@/domain/privacy/policy'
import { aRegistration } from '../../../support/builders'
import {
  anActiveMember,
  callerOf,
  newOpenid,
  registered,
  rejected,
} from '../../../support/registration-flow'
import { addStaff, testDeps } from '../../../support/test-deps'
import { sanctioned } from '../../../support/discipline-flow'

describe('getMe', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps()))
  afterEach(() => t.cleanup())

  it('tells a WeChat user without an account that they are a guest, with the policy in force', async () => {
    const result = await getMe(t.deps, callerOf(newOpenid('o_guest')))

    expect(result).toEqual({
      ok: true,
      data: { role: 'guest', policyVersion: CURRENT_POLICY_VERSION, member: null, staff: null },
    })
  })

  it.each(['clerk', 'reviewer', 'admin'] as const)(
    'tells staff with the %s role their name and role, and shows no member account',
    async (role) => {
      const staff = await addStaff(t.deps, role)

      const result = await getMe(t.deps, callerOf(staff.openid))

      expect(result).toEqual({
        ok: true,
        data: {
          role,
          policyVersion: CURRENT_POLICY_VERSION,
          member: null,
          staff: { name: staff.name, role, site: staff.site, since: staff.createdAt },
        },
      })
    },
  )

  it('needs a caller identity from the server context', async () => {
    const result = await getMe(t.deps, callerOf(''))

    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_SIGNED_IN' } })
  })

  it('shows an active member their card number and the star of the current Shanghai year', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    t.clock.set('2026-12-31T16:30:00Z')
    const member = await anActiveMember(t.deps, reviewer)

    const result = await getMe(t.deps, callerOf(member.openid))

    expect(result).toMatchObject({
      ok: true,
      data: {
        role: 'member',
        member: {
          id: member.memberId,
          status: 'active',
          cardNo: member.cardNo,
          referralCode: expect.stringMatching(/^R[0-9A-Z]{5}$/),
          star: 1,
          starYear: 2027,
          rejectReason: null,
          resubmitForm: null,
          reviewedAt: '2026-12-31T16:30:00.000Z',
        },
      },
    })
  })

  it("keeps showing last year's star until the annual adjustment reaches the member", async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    t.clock.set('2026-12-31T16:30:00Z')
    const member = await anActiveMember(t.deps, reviewer)
    t.clock.set('2027-12-31T16:00:00Z')

    const result = await getMe(t.deps, callerOf(member.openid))

    expect(result).toMatchObject({ ok: true, data: { member: { star: 1, starYear: 2028 } } })
  })

  it('shows the member their own data with mobile and licence masked', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const form = aRegistration({ mobile: '13812345678', licenceNo: '320100000001' })
    const member = await anActiveMember(t.deps, reviewer, form)

    const result = await getMe(t.deps, callerOf(member.openid))

    expect(result).toMatchObject({
      ok: true,
      data: {
        member: {
          realName: form.realName,
          mobileMasked: '138****5678',
          licenceMasked: '320******001',
          shopName: form.shopName,
          shopAddress: form.shopAddress,
          birthday: form.birthday,
          consentVersion: form.consentVersion,
        },
      },
    })
    const text = JSON.stringify(result)
    expect(text).not.toContain('13812345678')
    expect(text).not.toContain('320100000001')
    expect(text).not.toContain('"enc"')
    expect(text).not.toContain(member.openid)
  })

  it('shows an applicant their pending registration, in clear to correct it, without a card or star', async () => {
    const openid = newOpenid()
    const memberId = await registered(t.deps, openid)

    const result = await getMe(t.deps, callerOf(openid))

    expect(result).toMatchObject({
      ok: true,
      data: {
        member: {
          id: memberId,
          status: 'pending',
          cardNo: null,
          referralCode: null,
          star: null,
          reviewedAt: null,
          resubmitForm: expect.objectContaining({ consentVersion: expect.any(String) }),
          submittedAt: '2026-11-23T02:00:00.000Z',
        },
      },
    })
  })

  it('shows a rejected applicant the reason and their submission in clear to correct it', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const openid = newOpenid()
    const form = aRegistration({ mobile: '13812345678', licenceNo: '320100000001' })
    await registered(t.deps, openid, form)
    const memberId = (await t.deps.store.read.members.byOpenid(openid))!.id
    await rejected(t.deps, reviewer, memberId, '店铺地址不完整')

    const result = await getMe(t.deps, callerOf(openid))

    expect(result).toMatchObject({
      ok: true,
      data: {
        member: {
          status: 'rejected',
          rejectReason: '店铺地址不完整',
          mobileMasked: '138****5678',
          resubmitForm: form,
        },
      },
    })
  })

  it('shows each person only their own account', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const alice = await anActiveMember(t.deps, reviewer)
    const bob = await anActiveMember(t.deps, reviewer)

    const [forAlice, forBob] = await Promise.all([
      getMe(t.deps, callerOf(alice.openid)),
      getMe(t.deps, callerOf(bob.openid)),
    ])

    expect(forAlice).toMatchObject({ data: { member: { id: alice.memberId } } })
    expect(forBob).toMatchObject({ data: { member: { id: bob.memberId } } })
  })

  it('tells a member how many sanctions they have had and until when a suspension runs', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const admin = callerOf((await addStaff(t.deps, 'admin')).openid)
    const clean = await anActiveMember(t.deps, reviewer)
    const suspended = await anActiveMember(t.deps, reviewer)
    await sanctioned(t.deps, admin, {
      memberId: suspended.memberId,
      kind: 'warning',
      reason: '多次在活动现场大声喧哗',
    })
    await sanctioned(t.deps, admin, {
      memberId: suspended.memberId,
      kind: 'suspension',
      reason: '转卖兑换券，情节较轻',
      endsOn: '2026-12-31',
    })

    const [forClean, forSuspended] = [
      await getMe(t.deps, callerOf(clean.openid)),
      await getMe(t.deps, callerOf(suspended.openid)),
    ]

    expect(forClean).toMatchObject({
      data: { member: { status: 'active', sanctionCount: 0, suspendedUntil: null } },
    })
    expect(forSuspended).toMatchObject({
      data: { member: { status: 'suspended', sanctionCount: 2, suspendedUntil: '2026-12-31' } },
    })
  })
})
