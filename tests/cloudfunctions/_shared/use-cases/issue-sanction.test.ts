import type { Caller } from '../../../../cloudfunctions/_shared/caller'
import { getMyCard } from '../../../../cloudfunctions/_shared/use-cases/card-use-cases'
import { earnPurchase } from '../../../../cloudfunctions/_shared/use-cases/earn-purchase'
import { signUpForEvent } from '../../../../cloudfunctions/_shared/use-cases/event-signup'
import {
  issueSanction,
  listSanctions,
  memberSanctions,
} from '../../../../cloudfunctions/_shared/use-cases/issue-sanction'
import { redeemReward } from '../../../../cloudfunctions/_shared/use-cases/redeem-reward'
import { sanctioned, scanOfCard, shanghaiDayAfter } from '../../../support/discipline-flow'
import { aPublishedEvent } from '../../../support/event-flow'
import { aMemberAtTheCounter, aRewardItem, purchaseOf } from '../../../support/points-flow'
import { anActiveMember, callerOf, newOpenid, registered } from '../../../support/registration-flow'
import { inClubState } from '../../../support/star-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

describe('issueSanction', () => {
  let t: ReturnType<typeof testDeps>
  let admin: Caller
  beforeEach(async () => {
    t = testDeps('2026-11-23T02:00:00.000Z')
    admin = callerOf((await addStaff(t.deps, 'admin')).openid)
  })
  afterEach(() => t.cleanup())

  /** An active member at the counter with `points` earned and an active club membership. */
  async function aClubMemberWith(points: number) {
    const people = await aMemberAtTheCounter(t.deps)
    if (points > 0) await purchaseOf(t.deps, people.clerk.openid, people.member.cardNo!, points)
    await inClubState(t.deps, people.member.id, 'active')
    return people
  }
  const statusOf = async (memberId: string) =>
    (await t.deps.store.read.members.byId(memberId))?.status

  it('warns a member: the sanction is recorded, the account untouched, the act audited and the member notified', async () => {
    const { member } = await aClubMemberWith(300)

    const result = await issueSanction(
      t.deps,
      admin,
      { memberId: member.id, kind: 'warning', reason: '多次在活动现场大声喧哗' },
      newRequestId(),
    )

    expect(result).toMatchObject({
      ok: true,
      data: {
        kind: 'warning',
        reason: '多次在活动现场大声喧哗',
        endsOn: null,
        state: 'in_force',
        appeal: null,
        canAppeal: true,
        memberId: member.id,
        realName: member.realName,
        mobileMasked: expect.stringMatching(/^1\d{2}\*{4}\d{4}$/),
        memberStatus: 'active',
      },
    })
    const id = result.ok ? result.data.id : ''
    expect(await statusOf(member.id)).toBe('active')
    expect((await t.deps.store.read.points.account(member.id))?.balance).toBe(300)
    const audits = await t.deps.store.read.audit.forTarget('member', member.id)
    expect(audits.find((a) => a.action === 'sanction.issue')).toMatchObject({
      action: 'sanction.issue',
      actorRole: 'admin',
      before: { status: 'active' },
      after: { status: 'active', sanction: { id, kind: 'warning', endsOn: null } },
      reason: '多次在活动现场大声喧哗',
    })
    expect(await t.deps.store.read.outbox.forMember(member.id)).toContainEqual(
      expect.objectContaining({
        id: `sanction-issued:${id}`,
        kind: 'sanction.issued',
        payload: { sanctionId: id, kind: 'warning', endsOn: null },
        status: 'pending',
      }),
    )
  })

  it('suspends a member until an end date: no earning, redeeming, sign-ups or card, and the club suspended too', async () => {
    const { member, memberCaller, clerkCaller } = await aClubMemberWith(3000)
    const item = await aRewardItem(t.deps, { pointsPrice: 1500 })
    const event = await aPublishedEvent(t.deps)
    const endsOn = shanghaiDayAfter(t.deps, 30)

    await sanctioned(t.deps, admin, {
      cardNo: member.cardNo!,
      kind: 'suspension',
      reason: '转卖兑换券，情节较轻',
      endsOn,
    })

    expect(await statusOf(member.id)).toBe('suspended')
    expect(await t.deps.store.read.clubs.byMember(member.id)).toMatchObject({
      state: 'suspended',
      resumeState: 'active',
    })
    const earn = await earnPurchase(
      t.deps,
      clerkCaller,
      {
        cardNo: member.cardNo!,
        lines: [{ category: 'daily', amountFen: 10_000 }],
        voucherCodes: [],
        receiptNo: '',
      },
      newRequestId(),
    )
    const redeem = await redeemReward(t.deps, memberCaller, { itemId: item.id }, newRequestId())
    const signUp = await signUpForEvent(
      t.deps,
      memberCaller,
      { eventId: event.id, acknowledged: false },
      newRequestId(),
    )
    // A new code (the last one was scanned at the counter), shown a minute later.
    t.clock.set('2026-11-23T02:01:00.000Z')
    const scan = await scanOfCard(t.deps, memberCaller, clerkCaller)
    const card = await getMyCard(t.deps, memberCaller)
    expect([earn, redeem, signUp, scan].map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'POINTS.MEMBER_NOT_ACTIVE',
      'POINTS.MEMBER_NOT_ACTIVE',
      'EVENT.MEMBER_NOT_ACTIVE',
      'CARD.UNUSABLE',
    ])
    expect(card).toMatchObject({ ok: true, data: { usable: false, status: 'suspended' } })
    expect((await t.deps.store.read.points.account(member.id))?.balance).toBe(3000)
  })

  it('cancels a member: points cleared by one ledger entry, card revoked, club cancelled, an upcoming place to the first waitlisted', async () => {
    const { member, memberCaller, clerkCaller } = await aClubMemberWith(1200)
    const reviewer = await addStaff(t.deps, 'reviewer')
    const [waiting, later] = [
      await anActiveMember(t.deps, reviewer),
      await anActiveMember(t.deps, reviewer),
    ]
    const event = await aPublishedEvent(t.deps, { capacity: 1 })
    for (const who of [member.openid, waiting!.openid, later!.openid]) {
      await signUpForEvent(
        t.deps,
        callerOf(who),
        { eventId: event.id, acknowledged: false },
        newRequestId(),
      )
    }
    // A minute after the purchase: the closure is the newest entry of the history.
    t.clock.set('2026-11-23T02:01:00.000Z')

    const view = await sanctioned(t.deps, admin, {
      memberId: member.id,
      kind: 'cancellation',
      reason: '伪造消费记录骗取积分',
    })

    expect(view).toMatchObject({ kind: 'cancellation', memberStatus: 'cancelled' })
    expect(await statusOf(member.id)).toBe('cancelled')
    const account = await t.deps.store.read.points.account(member.id)
    expect(account?.balance).toBe(0)
    expect(await t.deps.store.read.points.ledgerSum(member.id)).toBe(0)
    const [closure] = (await t.deps.store.read.points.history(member.id, 0, 1)).items
    expect(closure).toMatchObject({
      id: `closure-${view.id}`,
      type: 'adjust',
      label: 'closure',
      points: -1200,
    })
    expect((await t.deps.store.read.cards.byCardNo(member.cardNo!))?.status).toBe('revoked')
    t.clock.set('2026-11-23T02:01:00.000Z')
    expect(await scanOfCard(t.deps, memberCaller, clerkCaller)).toMatchObject({
      ok: false,
      error: { code: 'CARD.UNUSABLE' },
    })
    expect((await t.deps.store.read.clubs.byMember(member.id))?.state).toBe('cancelled')
    expect(await t.deps.store.read.signups.get(event.id, member.id)).toMatchObject({
      status: 'cancelled',
    })
    expect(await t.deps.store.read.signups.get(event.id, waiting!.memberId)).toMatchObject({
      status: 'confirmed',
    })
    expect(await t.deps.store.read.signups.get(event.id, later!.memberId)).toMatchObject({
      status: 'waitlisted',
    })
    expect((await t.deps.store.read.events.byId(event.id))?.confirmed).toBe(1)
  })

  it('cancels a member who is suspended: the harsher sanction is not blocked by the milder', async () => {
    const { member } = await aClubMemberWith(0)
    await sanctioned(t.deps, admin, {
      memberId: member.id,
      kind: 'suspension',
      reason: '转卖兑换券，情节较轻',
      endsOn: shanghaiDayAfter(t.deps, 10),
    })

    await sanctioned(t.deps, admin, {
      memberId: member.id,
      kind: 'cancellation',
      reason: '暂停期间再次转卖兑换券',
    })

    expect(await statusOf(member.id)).toBe('cancelled')
    expect((await t.deps.store.read.clubs.byMember(member.id))?.state).toBe('cancelled')
  })

  it.each(['warning', 'suspension'] as const)(
    'refuses a %s for a member already suspended, and changes nothing',
    async (kind) => {
      const { member } = await aClubMemberWith(0)
      await sanctioned(t.deps, admin, {
        memberId: member.id,
        kind: 'suspension',
        reason: '转卖兑换券，情节较轻',
        endsOn: shanghaiDayAfter(t.deps, 10),
      })
      const before = t.snapshot()

      const result = await issueSanction(
        t.deps,
        admin,
        {
          memberId: member.id,
          kind,
          reason: '再次违规，加重处理',
          ...(kind === 'suspension' ? { endsOn: shanghaiDayAfter(t.deps, 20) } : {}),
        },
        newRequestId(),
      )

      expect(result).toMatchObject({ ok: false, error: { code: 'DISCIPLINE.MEMBER_NOT_ACTIVE' } })
      expect(t.snapshot()).toEqual(before)
    },
  )

  it('refuses to sanction a registration still under review', async () => {
    const memberId = await registered(t.deps, newOpenid())

    const result = await issueSanction(
      t.deps,
      admin,
      { memberId, kind: 'warning', reason: '资料存在虚假信息' },
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: false, error: { code: 'DISCIPLINE.MEMBER_NOT_ACTIVE' } })
  })

  it.each([
    ['today', 0],
    ['more than a year ahead', 366],
  ])('refuses a suspension ending %s, and changes nothing', async (_case, days) => {
    const { member } = await aClubMemberWith(0)
    const before = t.snapshot()

    const result = await issueSanction(
      t.deps,
      admin,
      {
        memberId: member.id,
        kind: 'suspension',
        reason: '转卖兑换券，情节较轻',
        endsOn: shanghaiDayAfter(t.deps, days),
      },
      newRequestId(),
    )

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'DISCIPLINE.END_DATE_INVALID', fields: { endsOn: expect.any(String) } },
    })
    expect(t.snapshot()).toEqual(before)
  })

  it('answers an unknown member or card number with MEMBER.NOT_FOUND', async () => {
    const results = [
      await issueSanction(
        t.deps,
        admin,
        { memberId: 'm-nobody', kind: 'warning', reason: '多次大声喧哗' },
        newRequestId(),
      ),
      await issueSanction(
        t.deps,
        admin,
        { cardNo: '000000000000', kind: 'warning', reason: '多次大声喧哗' },
        newRequestId(),
      ),
    ]

    for (const result of results) {
      expect(result).toMatchObject({ ok: false, error: { code: 'MEMBER.NOT_FOUND' } })
    }
  })

  it('takes effect once per request: a retry returns the first result and clears nothing twice', async () => {
    const { member } = await aClubMemberWith(800)
    const requestId = newRequestId()
    const input = {
      memberId: member.id,
      kind: 'cancellation' as const,
      reason: '伪造消费记录骗取积分',
    }

    const first = await issueSanction(t.deps, admin, input, requestId)
    const retry = await issueSanction(t.deps, admin, input, requestId)

    expect(retry).toEqual(first)
    expect(await t.deps.store.read.sanctions.forMember(member.id)).toHaveLength(1)
    expect((await t.deps.store.read.points.history(member.id, 0, 10)).total).toBe(2)
    expect(await t.deps.store.read.audit.forTarget('member', member.id)).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'sanction.issue' })]),
    )
  })

  it.each(['clerk', 'reviewer'] as const)('is for admins only: a %s is refused', async (role) => {
    const { member } = await aClubMemberWith(0)
    const staff = callerOf((await addStaff(t.deps, role)).openid)
    const before = t.snapshot()

    const result = await issueSanction(
      t.deps,
      staff,
      { memberId: member.id, kind: 'warning', reason: '多次大声喧哗' },
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(t.snapshot()).toEqual(before)
  })
})

describe('listSanctions and memberSanctions', () => {
  let t: ReturnType<typeof testDeps>
  let admin: Caller
  beforeEach(async () => {
    t = testDeps('2026-11-23T02:00:00.000Z')
    admin = callerOf((await addStaff(t.deps, 'admin')).openid)
  })
  afterEach(() => t.cleanup())

  it('lists every sanction newest first with the member’s name and masked mobile', async () => {
    const { member: first } = await aMemberAtTheCounter(t.deps)
    const { member: second } = await aMemberAtTheCounter(t.deps)
    await sanctioned(t.deps, admin, { memberId: first.id, kind: 'warning', reason: '多次大声喧哗' })
    t.clock.set('2026-11-24T02:00:00.000Z')
    await sanctioned(t.deps, admin, {
      memberId: second.id,
      kind: 'warning',
      reason: '插队领取礼品',
    })

    const result = await listSanctions(t.deps, admin, { offset: 0, limit: 10 })

    expect(result).toMatchObject({
      ok: true,
      data: {
        total: 2,
        items: [
          { memberId: second.id, reason: '插队领取礼品', realName: second.realName },
          { memberId: first.id, reason: '多次大声喧哗', realName: first.realName },
        ],
      },
    })
    const mobiles = result.ok ? result.data.items.map((i) => i.mobileMasked) : []
    for (const masked of mobiles) expect(masked).toMatch(/^1\d{2}\*{4}\d{4}$/)
  })

  it('finds a member by card number with their status, running suspension and sanctions', async () => {
    const { member } = await aMemberAtTheCounter(t.deps)
    const endsOn = shanghaiDayAfter(t.deps, 7)
    await sanctioned(t.deps, admin, {
      memberId: member.id,
      kind: 'warning',
      reason: '多次大声喧哗',
    })
    t.clock.set('2026-11-24T02:00:00.000Z')
    await sanctioned(t.deps, admin, {
      memberId: member.id,
      kind: 'suspension',
      reason: '再次违规，暂停一周',
      endsOn,
    })

    const result = await memberSanctions(t.deps, admin, { cardNo: member.cardNo! })

    expect(result).toMatchObject({
      ok: true,
      data: {
        memberId: member.id,
        cardNo: member.cardNo,
        status: 'suspended',
        suspendedUntil: endsOn,
        sanctions: [
          { kind: 'suspension', endsOn },
          { kind: 'warning', endsOn: null },
        ],
      },
    })
  })

  it('answers an unknown card number with MEMBER.NOT_FOUND, and admins only', async () => {
    const reviewer = callerOf((await addStaff(t.deps, 'reviewer')).openid)

    const unknown = await memberSanctions(t.deps, admin, { cardNo: '000000000000' })
    const notAdmin = await listSanctions(t.deps, reviewer, { offset: 0, limit: 10 })

    expect(unknown).toMatchObject({ ok: false, error: { code: 'MEMBER.NOT_FOUND' } })
    expect(notAdmin).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})
