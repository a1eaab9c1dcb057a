import { listRegistrations } from '../../../../cloudfunctions/_shared/use-cases/list-registrations'
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
import { addStaff, testDeps } from '../../../support/test-deps'

const firstPage = { status: 'pending', offset: 0, limit: 20 } as const

describe('listRegistrations', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps()))
  afterEach(() => t.cleanup())

  /** Registers applicants one minute apart, in the order given; returns their ids. */
  async function applicantsAt(...times: string[]) {
    const ids: string[] = []
    for (const time of times) {
      t.clock.set(time)
      ids.push(await registered(t.deps, newOpenid()))
    }
    return ids
  }

  it('lists pending registrations oldest first, so the longest wait is reviewed first', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const ids = await applicantsAt(
      '2026-11-20T01:00:00Z',
      '2026-11-20T01:01:00Z',
      '2026-11-20T01:02:00Z',
    )

    const result = await listRegistrations(t.deps, callerOf(reviewer.openid), firstPage)

    expect(result.ok && result.data.items.map((i) => i.memberId)).toEqual(ids)
    expect(result.ok && result.data.total).toBe(3)
  })

  it('flags a pending registration not reviewed within 2 working days (SPEC §2)', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const [late, onTime] = await applicantsAt('2026-11-20T02:00:00Z', '2026-11-23T02:00:00Z')
    t.clock.set('2026-11-24T16:30:00Z') // Wednesday 00:30 in Shanghai

    const result = await listRegistrations(t.deps, callerOf(reviewer.openid), firstPage)

    const byId = new Map(result.ok ? result.data.items.map((i) => [i.memberId, i]) : [])
    expect(byId.get(late!)).toMatchObject({ reviewDueDate: '2026-11-24', overdue: true })
    expect(byId.get(onTime!)).toMatchObject({ reviewDueDate: '2026-11-25', overdue: false })
  })

  it('masks mobile and licence in the list (138****5678, 320******001)', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const form = aRegistration({ mobile: '13812345678', licenceNo: '320100000001' })
    const memberId = await registered(t.deps, newOpenid(), form)

    const result = await listRegistrations(t.deps, callerOf(reviewer.openid), firstPage)

    expect(result).toEqual({
      ok: true,
      data: {
        total: 1,
        items: [
          {
            memberId,
            status: 'pending',
            realName: form.realName,
            mobileMasked: '138****5678',
            licenceMasked: '320******001',
            shopName: form.shopName,
            shopAddress: form.shopAddress,
            age: 41,
            channel: 'oa_menu',
            referred: false,
            submittedAt: '2026-11-23T02:00:00.000Z',
            reviewDueDate: '2026-11-25',
            overdue: false,
            cardNo: null,
            rejectReason: null,
            heldElsewhere: [],
          },
        ],
      },
    })
    const text = JSON.stringify(result)
    expect(text).not.toContain('13812345678')
    expect(text).not.toContain('320100000001')
  })

  it.each([
    ['turned 26 that Shanghai day', '2000-11-23', 26],
    ['turns 26 the next Shanghai day', '2000-11-24', 25],
    ['was born on 29 February', '2000-02-29', 26],
  ])('computes the age on the Shanghai calendar: someone who %s', async (_case, birthday, age) => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    await registered(t.deps, newOpenid(), aRegistration({ birthday }))
    t.clock.set('2026-11-22T16:30:00Z')

    const result = await listRegistrations(t.deps, callerOf(reviewer.openid), firstPage)

    expect(result.ok && result.data.items[0]?.age).toBe(age)
  })

  it.each([
    [0, 2, [0, 1]],
    [2, 2, [2, 3]],
    [4, 2, [4]],
    [5, 2, []],
    [1, 100, [1, 2, 3, 4]],
  ])(
    'pages with offset %p and limit %p, always reporting the total',
    async (offset, limit, expected) => {
      const reviewer = await addStaff(t.deps, 'reviewer')
      const ids = await applicantsAt(
        '2026-11-20T01:00:00Z',
        '2026-11-20T01:01:00Z',
        '2026-11-20T01:02:00Z',
        '2026-11-20T01:03:00Z',
        '2026-11-20T01:04:00Z',
      )

      const result = await listRegistrations(t.deps, callerOf(reviewer.openid), {
        status: 'pending',
        offset,
        limit,
      })

      expect(result).toMatchObject({ ok: true, data: { total: 5 } })
      expect(result.ok && result.data.items.map((i) => i.memberId)).toEqual(
        expected.map((n) => ids[n]),
      )
    },
  )

  it('lists by status: approved members with their card, rejected ones with the reason', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const [toApprove, toReject, stillPending] = await applicantsAt(
      '2026-11-20T01:00:00Z',
      '2026-11-20T01:01:00Z',
      '2026-11-20T01:02:00Z',
    )
    const cardNo = await approved(t.deps, reviewer, toApprove!)
    await rejected(t.deps, reviewer, toReject!, '店铺地址不完整')

    const [pending, active, rejectedPage] = await Promise.all(
      (['pending', 'active', 'rejected'] as const).map((status) =>
        listRegistrations(t.deps, callerOf(reviewer.openid), { status, offset: 0, limit: 20 }),
      ),
    )

    expect(pending).toMatchObject({
      ok: true,
      data: { total: 1, items: [{ memberId: stillPending }] },
    })
    expect(active).toMatchObject({
      ok: true,
      data: { total: 1, items: [{ memberId: toApprove, status: 'active', cardNo }] },
    })
    expect(rejectedPage).toMatchObject({
      ok: true,
      data: {
        total: 1,
        items: [{ memberId: toReject, status: 'rejected', rejectReason: '店铺地址不完整' }],
      },
    })
  })

  it('marks a referred registration as referred', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const referrer = await anActiveMember(t.deps, reviewer)
    const { referralCode } = (await t.deps.store.read.members.byId(referrer.memberId))!
    await registered(t.deps, newOpenid(), aRegistration({ referralCode: referralCode! }))

    const result = await listRegistrations(t.deps, callerOf(reviewer.openid), firstPage)

    expect(result).toMatchObject({ ok: true, data: { items: [{ referred: true }] } })
  })

  it('puts a corrected and resubmitted registration at the back of the queue', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    t.clock.set('2026-11-20T01:00:00Z')
    const openid = newOpenid()
    const form = aRegistration()
    const resubmitted = await registered(t.deps, openid, form)
    await rejected(t.deps, reviewer, resubmitted)
    const [waiting] = await applicantsAt('2026-11-20T02:00:00Z')
    t.clock.set('2026-11-20T03:00:00Z')
    await registered(t.deps, openid, form)

    const result = await listRegistrations(t.deps, callerOf(reviewer.openid), firstPage)

    expect(result.ok && result.data.items.map((i) => i.memberId)).toEqual([waiting, resubmitted])
  })

  it('lets an admin see the queue too (an admin inherits the reviewer role)', async () => {
    const admin = await addStaff(t.deps, 'admin')
    await registered(t.deps, newOpenid())

    const result = await listRegistrations(t.deps, callerOf(admin.openid), firstPage)

    expect(result).toMatchObject({ ok: true, data: { total: 1 } })
  })

  const outsiders = nonReviewers(() => t.deps)

  it.each(outsiders)(
    'never shows the member list to %s (AUTH.FORBIDDEN)',
    async (_who, openidOf) => {
      const openid = await openidOf()

      const result = await listRegistrations(t.deps, callerOf(openid), firstPage)

      expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
      expect(JSON.stringify(result)).not.toContain('items')
    },
  )

  it('needs a caller identity from the server context', async () => {
    const result = await listRegistrations(t.deps, callerOf(''), firstPage)

    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_SIGNED_IN' } })
  })
})
