import { createDeps } from '../../../../cloudfunctions/_shared/deps'
import { exportData } from '../../../../cloudfunctions/_shared/use-cases/export-data'
import { consent, correctData, myData } from '../../../../cloudfunctions/_shared/use-cases/my-data'
import { CURRENT_POLICY_VERSION } from '@/domain/privacy/policy'
import { aRegistration } from '../../../support/builders'
import { aMemberAtTheCounter, purchaseOf } from '../../../support/points-flow'
import { anActiveMember, callerOf, newOpenid, registered } from '../../../support/registration-flow'
import { addStaff, newRequestId, testDeps, TEST_DATA_KEY } from '../../../support/test-deps'

describe('我的数据', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-11-23T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  const anActive = async (form = aRegistration()) =>
    anActiveMember(t.deps, await addStaff(t.deps, 'reviewer'), form)

  describe('myData', () => {
    it('shows the member their own data in clear, with the consent version and time', async () => {
      const form = aRegistration({ realName: '欧阳澜珊', mobile: '13765432198' })
      const { openid, cardNo } = await anActive(form)

      const view = await myData(t.deps, callerOf(openid))

      expect(view).toMatchObject({
        ok: true,
        data: {
          status: 'active',
          realName: '欧阳澜珊',
          mobile: '13765432198',
          licenceNo: form.licenceNo,
          shopName: form.shopName,
          shopAddress: form.shopAddress,
          birthday: form.birthday,
          cardNo,
          consentVersion: CURRENT_POLICY_VERSION,
          consentAt: '2026-11-23T02:00:00.000Z',
          policyVersion: CURRENT_POLICY_VERSION,
          channel: 'oa_menu',
        },
      })
    })

    it('is refused to anyone without a member account', async () => {
      const clerk = await addStaff(t.deps, 'clerk')

      expect(await myData(t.deps, callerOf(clerk.openid))).toMatchObject({
        ok: false,
        error: { code: 'AUTH.NOT_A_MEMBER' },
      })
      expect(await myData(t.deps, callerOf(''))).toMatchObject({
        ok: false,
        error: { code: 'AUTH.NOT_SIGNED_IN' },
      })
    })
  })

  describe('correctData', () => {
    it('corrects name, shop, address, mobile and birthday in one versioned update', async () => {
      const { openid, memberId } = await anActive()
      const before = (await t.deps.store.read.members.byId(memberId))!

      const result = await correctData(
        t.deps,
        callerOf(openid),
        {
          realName: '王建军',
          shopName: '建军超市',
          shopAddress: '江苏省南京市玄武区北京东路1号',
          mobile: '13800001111',
          birthday: '1980-01-02',
        },
        newRequestId(),
      )

      expect(result).toEqual({
        ok: true,
        data: {
          changed: ['realName', 'mobile', 'shopName', 'shopAddress', 'birthday'],
          version: before.version + 1,
        },
      })
      expect(await myData(t.deps, callerOf(openid))).toMatchObject({
        data: {
          realName: '王建军',
          shopName: '建军超市',
          shopAddress: '江苏省南京市玄武区北京东路1号',
          mobile: '13800001111',
          birthday: '1980-01-02',
        },
      })
      const after = (await t.deps.store.read.members.byId(memberId))!
      expect(after.licence).toEqual(before.licence)
      expect(after.mobile.hash).toBe(t.deps.cipher.blindIndex('mobile', '13800001111'))
    })

    it('audits member.correct with masked before and after values only', async () => {
      const { openid, memberId } = await anActive(
        aRegistration({ realName: '欧阳澜珊', mobile: '13765432198' }),
      )
      const requestId = newRequestId()

      await correctData(
        t.deps,
        callerOf(openid),
        { realName: '欧阳澜', mobile: '13800001111' },
        requestId,
      )

      const audit = (await t.deps.store.read.audit.forTarget('member', memberId)).filter(
        (a) => a.action === 'member.correct',
      )
      expect(audit).toEqual([
        expect.objectContaining({
          actorId: memberId,
          actorRole: 'member',
          before: { realName: '欧***', mobile: '137****2198' },
          after: { realName: '欧**', mobile: '138****1111' },
          requestId,
        }),
      ])
      expect(JSON.stringify(audit)).not.toMatch(/澜珊|13765432198|13800001111/)
    })

    it("refuses another member's mobile on its field and saves nothing", async () => {
      const taken = aRegistration()
      await anActive(taken)
      const { openid } = await anActive()
      const before = t.snapshot()

      const result = await correctData(
        t.deps,
        callerOf(openid),
        { realName: '王建军', mobile: taken.mobile },
        newRequestId(),
      )

      expect(result).toMatchObject({
        ok: false,
        error: { code: 'MEMBER.DUPLICATE', fields: { mobile: '该手机号已注册' } },
      })
      expect(t.snapshot()).toEqual(before)
    })

    it('keeps the registration age rule on the birthday, and saves nothing', async () => {
      const { openid } = await anActive()
      const before = t.snapshot()

      const result = await correctData(
        t.deps,
        callerOf(openid),
        { shopName: '新店名', birthday: '2010-01-01' },
        newRequestId(),
      )

      expect(result).toMatchObject({
        ok: false,
        error: { code: 'MEMBER.UNDERAGE', fields: { birthday: expect.any(String) } },
      })
      expect(t.snapshot()).toEqual(before)
    })

    it('changes nothing and audits nothing when the values are already so', async () => {
      const form = aRegistration()
      const { openid, memberId } = await anActive(form)
      const version = (await t.deps.store.read.members.byId(memberId))!.version

      const result = await correctData(
        t.deps,
        callerOf(openid),
        { realName: form.realName },
        newRequestId(),
      )

      expect(result).toEqual({ ok: true, data: { changed: [], version } })
      const audit = await t.deps.store.read.audit.forTarget('member', memberId)
      expect(audit.some((a) => a.action === 'member.correct')).toBe(false)
    })

    it('takes a retried request once: the same result, one version, one audit row', async () => {
      const { openid, memberId } = await anActive()
      const requestId = newRequestId()
      const input = { shopName: '建国超市' }

      const first = await correctData(t.deps, callerOf(openid), input, requestId)
      const again = await correctData(t.deps, callerOf(openid), input, requestId)

      expect(again).toEqual(first)
      const audit = await t.deps.store.read.audit.forTarget('member', memberId)
      expect(audit.filter((a) => a.action === 'member.correct')).toHaveLength(1)
    })

    it('takes the mobile from the WeChat phone code in the mini-program, never a typed one', async () => {
      const wechat = {
        ...t.deps,
        settings: { ...t.deps.settings, phoneSource: 'wechat' as const },
        phones: { exchange: async (code: string) => (code === 'good' ? '13800002222' : null) },
      }
      const { openid } = await anActive()

      const typed = await correctData(
        wechat,
        callerOf(openid),
        { mobile: '13800003333' },
        newRequestId(),
      )
      const badCode = await correctData(
        wechat,
        callerOf(openid),
        { phoneCode: 'x' },
        newRequestId(),
      )
      const fromCode = await correctData(
        wechat,
        callerOf(openid),
        { phoneCode: 'good' },
        newRequestId(),
      )

      expect(typed).toMatchObject({ ok: false, error: { code: 'MEMBER.PHONE_NOT_VERIFIED' } })
      expect(badCode).toMatchObject({ ok: false, error: { code: 'MEMBER.PHONE_CODE_INVALID' } })
      expect(fromCode).toMatchObject({ ok: true, data: { changed: ['mobile'] } })
      expect(await myData(t.deps, callerOf(openid))).toMatchObject({
        data: { mobile: '13800002222' },
      })
    })

    it('is open to an applicant still waiting for review', async () => {
      const openid = newOpenid()
      await registered(t.deps, openid)

      const result = await correctData(
        t.deps,
        callerOf(openid),
        { shopName: '建国超市' },
        newRequestId(),
      )

      expect(result).toMatchObject({ ok: true, data: { changed: ['shopName'] } })
    })
  })

  describe('consent', () => {
    /** The same store with a newer policy in force. */
    const withPolicy = (version: string) =>
      createDeps(
        t.deps.store,
        { CLUB_DATA_KEY: TEST_DATA_KEY, CLUB_POLICY_VERSION: version },
        { clock: t.deps.clock, logger: t.deps.logger },
      )

    it('records agreement to the new policy version with its time, audited', async () => {
      const { openid, memberId } = await anActive()
      const deps = withPolicy('2027-01')
      t.clock.set('2027-01-05T02:00:00.000Z')

      const result = await consent(deps, callerOf(openid), { version: '2027-01' }, newRequestId())

      expect(result).toEqual({
        ok: true,
        data: { consentVersion: '2027-01', consentAt: '2027-01-05T02:00:00.000Z' },
      })
      expect(await myData(deps, callerOf(openid))).toMatchObject({
        data: { consentVersion: '2027-01', policyVersion: '2027-01' },
      })
      const audit = await deps.store.read.audit.forTarget('member', memberId)
      expect(audit.filter((a) => a.action === 'member.consent')).toEqual([
        expect.objectContaining({
          before: { consentVersion: CURRENT_POLICY_VERSION },
          after: { consentVersion: '2027-01' },
        }),
      ])
    })

    it('refuses a version other than the one in force, changing nothing', async () => {
      const { openid } = await anActive()
      const before = t.snapshot()

      const result = await consent(
        withPolicy('2027-01'),
        callerOf(openid),
        { version: CURRENT_POLICY_VERSION },
        newRequestId(),
      )

      expect(result).toMatchObject({ ok: false, error: { code: 'MEMBER.CONSENT_OUTDATED' } })
      expect(t.snapshot()).toEqual(before)
    })
  })

  describe('exportData', () => {
    it('exports the profile, card without its secret, the whole ledger and the consent', async () => {
      const { member, memberCaller, clerk } = await aMemberAtTheCounter(t.deps)
      await purchaseOf(t.deps, clerk.openid, member.cardNo!, 120)
      await purchaseOf(t.deps, clerk.openid, member.cardNo!, 30)

      const exported = await exportData(t.deps, memberCaller, newRequestId())

      if (!exported.ok) throw new Error(exported.error.code)
      const data = exported.data
      expect(data.profile).toMatchObject({ id: member.id, realName: member.realName })
      expect(data.profile.mobile).toMatch(/^1\d{10}$/)
      expect(data.card).toEqual({
        cardNo: member.cardNo,
        status: 'active',
        version: 1,
        issuedAt: expect.any(String),
      })
      expect(JSON.stringify(data)).not.toMatch(/secret|lastAcceptedStep/)
      expect(data.points.balance).toBe(150)
      expect(data.points.ledger.map((e) => e.points).sort()).toEqual([120, 30].sort())
      expect(data.consent).toEqual({
        version: CURRENT_POLICY_VERSION,
        at: member.consentAt,
        policyVersion: CURRENT_POLICY_VERSION,
      })
      expect(data).toMatchObject({
        stars: [expect.objectContaining({ star: 1 })],
        complaints: [],
        sanctions: [],
        withdrawals: [],
      })
    })

    it('audits member.export once per request id, the member as actor, nothing personal', async () => {
      const { openid, memberId } = await anActive()
      const requestId = newRequestId()

      const first = await exportData(t.deps, callerOf(openid), requestId)
      const again = await exportData(t.deps, callerOf(openid), requestId)

      expect(again).toEqual(first)
      const exports = (await t.deps.store.read.audit.forTarget('member', memberId)).filter(
        (a) => a.action === 'member.export',
      )
      expect(exports).toEqual([
        expect.objectContaining({
          actorId: memberId,
          actorRole: 'member',
          before: null,
          after: null,
        }),
      ])
      const stored = await t.deps.store.read.requests.get(requestId)
      expect(stored?.result).toEqual({ ok: true, data: { exportedAt: expect.any(String) } })
    })
  })
})
