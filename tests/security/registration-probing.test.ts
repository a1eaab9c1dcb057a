import { adminFunction } from '../../cloudfunctions/admin/index'
import { memberFunction } from '../../cloudfunctions/member/index'
import type { RegistrationPage } from '@/contracts/admin.contract'
import { aRegistration } from '../support/builders'
import { anActiveMember, callerOf, newOpenid } from '../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../support/test-deps'

/**
 * The attack: a stranger learns whose licence number or mobile is registered by typing it into
 * the registration form and reading the answer. Every complete application now gets the same
 * answer — submitted, awaiting review — and one that names a licence or mobile another member
 * holds is stored without claiming it: the reviewer sees the clash, can only reject it, and the
 * holder keeps the licence (the key of the star import).
 */
describe('probing the registry through the registration form', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-11-23T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  const call = (fn: 'member' | 'admin', openid: string, action: string, payload: unknown) =>
    (fn === 'member' ? memberFunction : adminFunction).handle(
      { action, payload, requestId: newRequestId() },
      callerOf(openid),
      t.deps,
    )

  async function aHolder() {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const form = aRegistration()
    const holder = await anActiveMember(t.deps, reviewer, form)
    return { reviewer, holder, form }
  }

  it('answers a held licence number exactly as it answers a free one', async () => {
    const { form } = await aHolder()

    const probe = await call(
      'member',
      newOpenid('o_prober'),
      'register',
      aRegistration({ licenceNo: form.licenceNo }),
    )
    const honest = await call('member', newOpenid('o_honest'), 'register', aRegistration())

    expect(probe).toEqual({ ok: true, data: { memberId: expect.any(String), status: 'pending' } })
    expect(Object.keys(probe)).toEqual(Object.keys(honest))
    expect(honest).toEqual({ ok: true, data: { memberId: expect.any(String), status: 'pending' } })
  })

  it('answers a held mobile exactly as it answers a free one', async () => {
    const { form } = await aHolder()

    const probe = await call(
      'member',
      newOpenid('o_prober'),
      'register',
      aRegistration({ mobile: form.mobile }),
    )

    expect(probe).toEqual({ ok: true, data: { memberId: expect.any(String), status: 'pending' } })
  })

  it('takes nothing from the holder: the licence still finds them, and the probe can only be rejected', async () => {
    const { reviewer, holder, form } = await aHolder()
    const prober = newOpenid('o_prober')
    await call('member', prober, 'register', aRegistration({ licenceNo: form.licenceNo }))
    const held = await t.deps.store.read.members.byLicenceHash(
      t.deps.cipher.seal('licence', form.licenceNo).hash,
    )
    expect(held?.id).toBe(holder.memberId)

    const queue = await call('admin', reviewer.openid, 'registrations', { status: 'pending' })
    const row = (queue.ok ? (queue.data as RegistrationPage) : { items: [] }).items[0]
    expect(row?.heldElsewhere).toEqual(['licenceNo'])

    const approval = await call('admin', reviewer.openid, 'approveRegistration', {
      memberId: row!.memberId,
    })
    expect(approval).toMatchObject({
      ok: false,
      error: { code: 'MEMBER.HELD_ELSEWHERE', fields: { licenceNo: '该许可证号已属于另一位会员' } },
    })

    const rejection = await call('admin', reviewer.openid, 'rejectRegistration', {
      memberId: row!.memberId,
      reason: '许可证号已登记，请联系客服核实',
    })
    expect(rejection).toMatchObject({ ok: true, data: { status: 'rejected' } })
    expect((await t.deps.store.read.members.byLicenceHash(held!.licence.hash))?.id).toBe(
      holder.memberId,
    )
  })

  it('lets an honest applicant who mistyped correct the licence and be approved', async () => {
    const { reviewer, form } = await aHolder()
    const applicant = newOpenid('o_typo')
    await call('member', applicant, 'register', aRegistration({ licenceNo: form.licenceNo }))
    const mine = await t.deps.store.read.members.byOpenid(applicant)
    await call('admin', reviewer.openid, 'rejectRegistration', {
      memberId: mine!.id,
      reason: '许可证号有误',
    })

    const resubmitted = await call('member', applicant, 'register', aRegistration())
    const approval = await call('admin', reviewer.openid, 'approveRegistration', {
      memberId: mine!.id,
    })

    expect(resubmitted).toMatchObject({ ok: true, data: { memberId: mine!.id, status: 'pending' } })
    expect(approval).toMatchObject({ ok: true, data: { status: 'active' } })
  })
})
