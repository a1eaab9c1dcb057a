import { registerMember } from '../../../../cloudfunctions/_shared/use-cases/register-member'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'
import { aRegistration } from '../../../support/builders'
import { heldElsewhere } from '../../../../cloudfunctions/_shared/member-sealing'

const applicant = (openid: string) => ({ openid, unionid: null })

describe('registerMember', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps()))
  afterEach(() => t.cleanup())

  async function registered(openid: string, form = aRegistration()) {
    const result = await registerMember(t.deps, applicant(openid), form, newRequestId())
    if (!result.ok) throw new Error(result.error.code)
    return result.data.memberId
  }

  it('saves a valid registration as pending, with mobile and licence encrypted at rest', async () => {
    const form = aRegistration()

    const result = await registerMember(t.deps, applicant('o_a'), form, newRequestId())

    expect(result).toEqual({ ok: true, data: { memberId: expect.any(String), status: 'pending' } })
    const stored = await t.deps.store.read.members.byOpenid('o_a')
    expect(stored?.status).toBe('pending')
    expect(JSON.stringify(stored)).not.toContain(form.mobile)
    expect(JSON.stringify(stored)).not.toContain(form.licenceNo)
    expect(t.deps.cipher.open(stored!.mobile)).toBe(form.mobile)
  })

  it('allows one account per openid: a second submission while pending corrects the first', async () => {
    const first = await registerMember(t.deps, applicant('o_a'), aRegistration(), newRequestId())

    const again = await registerMember(
      t.deps,
      applicant('o_a'),
      aRegistration({ shopAddress: '江苏省南京市鼓楼区中山北路102号' }),
      newRequestId(),
    )

    expect(again).toEqual({
      ok: true,
      data: { memberId: first.ok ? first.data.memberId : '', status: 'pending' },
    })
    const stored = await t.deps.store.read.members.byOpenid('o_a')
    expect(stored).toMatchObject({ shopAddress: '江苏省南京市鼓楼区中山北路102号', version: 2 })
    expect((await t.deps.store.read.members.listByStatus('pending', 0, 10)).total).toBe(1)
  })

  it('lets one member hold a mobile: a second application with it waits for review holding nothing, answered like any other', async () => {
    const form = aRegistration()
    const firstId = await registered('o_a', form)

    const second = await registerMember(
      t.deps,
      applicant('o_b'),
      aRegistration({ mobile: form.mobile }),
      newRequestId(),
    )

    expect(second).toEqual({ ok: true, data: { memberId: expect.any(String), status: 'pending' } })
    const stored = await t.deps.store.read.members.byOpenid('o_b')
    expect(heldElsewhere(stored!)).toEqual(['mobile'])
    expect(heldElsewhere((await t.deps.store.read.members.byId(firstId))!)).toEqual([])
  })

  it('lets one member hold a tobacco licence number; the star import still finds that member', async () => {
    const form = aRegistration()
    const firstId = await registered('o_a', form)

    const second = await registerMember(
      t.deps,
      applicant('o_b'),
      aRegistration({ licenceNo: form.licenceNo }),
      newRequestId(),
    )

    expect(second).toMatchObject({ ok: true, data: { status: 'pending' } })
    expect(heldElsewhere((await t.deps.store.read.members.byOpenid('o_b'))!)).toEqual(['licenceNo'])
    const holder = await t.deps.store.read.members.byLicenceHash(
      t.deps.cipher.seal('licence', form.licenceNo).hash,
    )
    expect(holder?.id).toBe(firstId)
  })

  it('refuses staff accounts: staff can never hold a member account', async () => {
    const clerk = await addStaff(t.deps, 'clerk')

    const result = await registerMember(
      t.deps,
      applicant(clerk.openid),
      aRegistration(),
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.STAFF_CANNOT_REGISTER' } })
    expect(await t.deps.store.read.members.byOpenid(clerk.openid)).toBeNull()
  })

  it('refuses an applicant who is not yet 18 on the day of registration', async () => {
    t.clock.set('2026-11-23T02:00:00Z')

    const result = await registerMember(
      t.deps,
      applicant('o_young'),
      aRegistration({ birthday: '2008-11-24' }),
      newRequestId(),
    )

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'MEMBER.UNDERAGE', fields: { birthday: expect.any(String) } },
    })
  })

  it('records the consent version and refuses consent to an outdated policy', async () => {
    const outdated = await registerMember(
      t.deps,
      applicant('o_a'),
      aRegistration({ consentVersion: '2020-01' }),
      newRequestId(),
    )

    expect(outdated).toMatchObject({ ok: false, error: { code: 'MEMBER.CONSENT_OUTDATED' } })
    await registerMember(t.deps, applicant('o_a'), aRegistration(), newRequestId())
    const stored = await t.deps.store.read.members.byOpenid('o_a')
    expect(stored?.consentVersion).toBe(t.deps.settings.policyVersion)
    expect(stored?.consentAt).toBe('2026-11-23T02:00:00.000Z')
  })

  it('refuses an unknown referral code with a field message', async () => {
    const result = await registerMember(
      t.deps,
      applicant('o_a'),
      aRegistration({ referralCode: 'RZZZZZ' }),
      newRequestId(),
    )

    expect(result).toMatchObject({
      ok: false,
      error: { fields: { referralCode: expect.any(String) } },
    })
  })

  it('returns the first result to a retried request and saves once', async () => {
    const requestId = newRequestId()
    const form = aRegistration()

    const first = await registerMember(t.deps, applicant('o_a'), form, requestId)
    const retry = await registerMember(t.deps, applicant('o_a'), form, requestId)

    expect(retry).toEqual(first)
    expect((await t.deps.store.read.members.listByStatus('pending', 0, 10)).total).toBe(1)
  })

  it('refuses the same request id used by someone else', async () => {
    const requestId = newRequestId()
    await registerMember(t.deps, applicant('o_a'), aRegistration(), requestId)

    const reused = await registerMember(t.deps, applicant('o_b'), aRegistration(), requestId)

    expect(reused).toMatchObject({ ok: false, error: { code: 'INPUT.REQUEST_ID_REUSED' } })
  })

  it('lets exactly one of two simultaneous applications with the same mobile hold it', async () => {
    const mobile = '13800138000'

    const results = await Promise.all([
      registerMember(t.deps, applicant('o_a'), aRegistration({ mobile }), newRequestId()),
      registerMember(t.deps, applicant('o_b'), aRegistration({ mobile }), newRequestId()),
    ])

    expect(results.every((r) => r.ok)).toBe(true)
    const pending = (await t.deps.store.read.members.listByStatus('pending', 0, 10)).items
    expect(pending.map((m) => heldElsewhere(m)).sort()).toEqual([[], ['mobile']])
  })

  it('needs a caller identity from the server context', async () => {
    const result = await registerMember(t.deps, applicant(''), aRegistration(), newRequestId())

    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_SIGNED_IN' } })
  })

  describe('the mobile from WeChat phone authorisation (production)', () => {
    const exchanged: string[] = []
    beforeEach(() => {
      exchanged.length = 0
      t.deps.settings.phoneSource = 'wechat'
      t.deps.phones = {
        exchange: async (code) => {
          exchanged.push(code)
          return code === 'good-code' ? '13900001111' : null
        },
      }
    })

    it('takes the verified number of a valid phone code', async () => {
      const { mobile: _typed, ...form } = aRegistration()

      const result = await registerMember(
        t.deps,
        applicant('o_a'),
        { ...form, phoneCode: 'good-code' },
        newRequestId(),
      )

      expect(result.ok).toBe(true)
      const stored = await t.deps.store.read.members.byOpenid('o_a')
      expect(t.deps.cipher.open(stored!.mobile)).toBe('13900001111')
    })

    it('refuses a typed mobile: it must come from the authorisation', async () => {
      const result = await registerMember(t.deps, applicant('o_a'), aRegistration(), newRequestId())

      expect(result).toMatchObject({
        ok: false,
        error: { code: 'MEMBER.PHONE_NOT_VERIFIED', fields: { mobile: expect.any(String) } },
      })
      expect(await t.deps.store.read.members.byOpenid('o_a')).toBeNull()
    })

    it('refuses an expired or forged phone code with a field message', async () => {
      const result = await registerMember(
        t.deps,
        applicant('o_a'),
        { ...aRegistration(), phoneCode: 'stale' },
        newRequestId(),
      )

      expect(result).toMatchObject({
        ok: false,
        error: { code: 'MEMBER.PHONE_CODE_INVALID', fields: { mobile: expect.any(String) } },
      })
    })

    it('answers a retried request from its first result without spending the single-use code again', async () => {
      const requestId = newRequestId()
      const form = { ...aRegistration(), phoneCode: 'good-code' }
      const first = await registerMember(t.deps, applicant('o_a'), form, requestId)

      const retry = await registerMember(t.deps, applicant('o_a'), form, requestId)

      expect(retry).toEqual(first)
      expect(exchanged).toEqual(['good-code'])
    })
  })
})
