import type { Caller } from '../../../../cloudfunctions/_shared/caller'
import {
  decideAppeal,
  listAppeals,
} from '../../../../cloudfunctions/_shared/use-cases/decide-appeal'
import {
  appealed,
  decided,
  sanctioned,
  scanOfCard,
  shanghaiDayAfter,
} from '../../../support/discipline-flow'
import { aMemberAtTheCounter, purchaseOf } from '../../../support/points-flow'
import { callerOf } from '../../../support/registration-flow'
import { inClubState } from '../../../support/star-flow'
import { addStaff, newRequestId, testDeps, aMomentLater } from '../../../support/test-deps'

describe('decideAppeal', () => {
  let t: ReturnType<typeof testDeps>
  let admin: Caller
  beforeEach(async () => {
    t = testDeps('2026-11-23T02:00:00.000Z')
    admin = callerOf((await addStaff(t.deps, 'admin')).openid)
  })
  afterEach(() => t.cleanup())

  /** A club member with `points`, sanctioned with `kind` and appealing it. */
  async function anAppealed(kind: 'warning' | 'suspension' | 'cancellation', points = 0) {
    const people = await aMemberAtTheCounter(t.deps)
    if (points > 0) await purchaseOf(t.deps, people.clerk.openid, people.member.cardNo!, points)
    aMomentLater(t.clock)
    await inClubState(t.deps, people.member.id, 'active')
    const sanction = await sanctioned(t.deps, admin, {
      memberId: people.member.id,
      kind,
      reason: '经查实存在违规行为',
      ...(kind === 'suspension' ? { endsOn: shanghaiDayAfter(t.deps, 30) } : {}),
    })
    await appealed(t.deps, people.memberCaller, sanction.id)
    return { ...people, sanction }
  }
  const memberOf = async (id: string) => (await t.deps.store.read.members.byId(id))!

  it('upholds a suspension: it stays, the member stays suspended, the decision is audited and sent', async () => {
    const { member, sanction } = await anAppealed('suspension')

    const result = await decideAppeal(
      t.deps,
      admin,
      { sanctionId: sanction.id, decision: 'upheld', note: '证据充分，维持原处分' },
      newRequestId(),
    )

    expect(result).toMatchObject({
      ok: true,
      data: {
        state: 'in_force',
        memberStatus: 'suspended',
        appeal: { decision: 'upheld', note: '证据充分，维持原处分', decidedAt: expect.any(String) },
      },
    })
    expect((await memberOf(member.id)).status).toBe('suspended')
    const [audit] = await t.deps.store.read.audit.forTarget('sanction', sanction.id)
    expect(audit).toMatchObject({
      action: 'appeal.decide',
      actorRole: 'admin',
      before: { state: 'in_force', decision: null },
      after: { state: 'in_force', decision: 'upheld' },
      reason: '证据充分，维持原处分',
    })
    expect(await t.deps.store.read.outbox.forMember(member.id)).toContainEqual(
      expect.objectContaining({
        id: `appeal-decided:${sanction.id}`,
        kind: 'appeal.decided',
        payload: {
          sanctionId: sanction.id,
          kind: 'suspension',
          decision: 'upheld',
          note: '证据充分，维持原处分',
        },
      }),
    )
  })

  it.each(['upheld', 'overturned'] as const)(
    'decides once, finally: after %s a second decision is refused and changes nothing',
    async (first) => {
      const { sanction } = await anAppealed('warning')
      await decided(t.deps, admin, sanction.id, first)
      const before = t.snapshot()

      const second = await decideAppeal(
        t.deps,
        admin,
        { sanctionId: sanction.id, decision: 'overturned', note: '重新裁决' },
        newRequestId(),
      )

      expect(second).toMatchObject({ ok: false, error: { code: 'DISCIPLINE.APPEAL_DECIDED' } })
      expect(t.snapshot()).toEqual(before)
    },
  )

  it('overturns a running suspension: the member and the club are active again, and can earn', async () => {
    const { member, clerk, sanction } = await anAppealed('suspension')

    const view = await decided(t.deps, admin, sanction.id, 'overturned')

    expect(view).toMatchObject({ state: 'overturned', memberStatus: 'active' })
    expect((await memberOf(member.id)).status).toBe('active')
    expect((await t.deps.store.read.clubs.byMember(member.id))?.state).toBe('active')
    await purchaseOf(t.deps, clerk.openid, member.cardNo!, 100)
    expect((await t.deps.store.read.points.account(member.id))?.balance).toBe(100)
  })

  it('overturns a cancellation: the account is reinstated with its points, in their lots, and a working card', async () => {
    const { member, memberCaller, clerkCaller, sanction } = await anAppealed('cancellation', 1200)
    const closure = (await t.deps.store.read.points.history(member.id, 0, 1)).items[0]!

    const view = await decided(t.deps, admin, sanction.id, 'overturned')

    expect(view).toMatchObject({ state: 'overturned', memberStatus: 'active' })
    expect((await memberOf(member.id)).status).toBe('active')
    const account = await t.deps.store.read.points.account(member.id)
    expect(account?.balance).toBe(1200)
    expect(await t.deps.store.read.points.ledgerSum(member.id)).toBe(1200)
    expect(account?.lots.map((l) => [l.remaining, l.expiresAt])).toEqual(
      closure.takes.map((take) => [take.points, take.expiresAt]),
    )
    const [reversal] = (await t.deps.store.read.points.history(member.id, 0, 1)).items
    expect(reversal).toMatchObject({
      id: `rev-${closure.id}`,
      type: 'reverse',
      label: 'closure',
      points: 1200,
      reference: closure.id,
    })
    expect((await t.deps.store.read.cards.byCardNo(member.cardNo!))?.status).toBe('active')
    t.clock.set('2026-11-23T02:01:00.000Z')
    expect(await scanOfCard(t.deps, memberCaller, clerkCaller)).toMatchObject({ ok: true })
    // The club stays cancelled: the member may apply again.
    expect((await t.deps.store.read.clubs.byMember(member.id))?.state).toBe('cancelled')
  })

  it.each([0, 1200])(
    'overturns a cancellation of an account holding %i points: the account takes purchases again',
    async (points) => {
      const { member, clerk, sanction } = await anAppealed('cancellation', points)

      await decided(t.deps, admin, sanction.id, 'overturned')
      t.clock.set('2026-11-23T02:01:00.000Z')
      await purchaseOf(t.deps, clerk.openid, member.cardNo!, 100)

      const account = await t.deps.store.read.points.account(member.id)
      expect(account?.closedAt).toBeUndefined()
      expect(account?.balance).toBe(points + 100)
      expect(await t.deps.store.read.points.ledgerSum(member.id)).toBe(points + 100)
    },
  )

  it('reinstates a cancelled account into the suspension it was serving, if that still runs', async () => {
    const people = await aMemberAtTheCounter(t.deps)
    await sanctioned(t.deps, admin, {
      memberId: people.member.id,
      kind: 'suspension',
      reason: '转卖兑换券，情节较轻',
      endsOn: shanghaiDayAfter(t.deps, 30),
    })
    const cancellation = await sanctioned(t.deps, admin, {
      memberId: people.member.id,
      kind: 'cancellation',
      reason: '暂停期间再次转卖兑换券',
    })
    await appealed(t.deps, people.memberCaller, cancellation.id)

    const view = await decided(t.deps, admin, cancellation.id, 'overturned')

    expect(view.memberStatus).toBe('suspended')
  })

  it('overturns a warning by marking it only', async () => {
    const { member, sanction } = await anAppealed('warning', 300)
    const before = await memberOf(member.id)

    const view = await decided(t.deps, admin, sanction.id, 'overturned')

    expect(view).toMatchObject({ state: 'overturned', canAppeal: false })
    expect(await memberOf(member.id)).toEqual(before)
    expect((await t.deps.store.read.points.account(member.id))?.balance).toBe(300)
  })

  it('refuses a decision on a sanction nobody appealed, or one that does not exist', async () => {
    const { member } = await aMemberAtTheCounter(t.deps)
    const sanction = await sanctioned(t.deps, admin, {
      memberId: member.id,
      kind: 'warning',
      reason: '多次大声喧哗',
    })

    const results = [
      await decideAppeal(
        t.deps,
        admin,
        { sanctionId: sanction.id, decision: 'upheld', note: '维持原处分' },
        newRequestId(),
      ),
      await decideAppeal(
        t.deps,
        admin,
        { sanctionId: 'sn-nothing', decision: 'upheld', note: '维持原处分' },
        newRequestId(),
      ),
    ]

    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'DISCIPLINE.NO_APPEAL',
      'DISCIPLINE.NOT_FOUND',
    ])
  })

  it('decides once per request: a retry returns the first result and restores the points once', async () => {
    const { member, sanction } = await anAppealed('cancellation', 500)
    const requestId = newRequestId()
    const input = { sanctionId: sanction.id, decision: 'overturned' as const, note: '撤销处分' }

    const first = await decideAppeal(t.deps, admin, input, requestId)
    const retry = await decideAppeal(t.deps, admin, input, requestId)

    expect(first.ok).toBe(true)
    expect(retry).toEqual(first)
    expect((await t.deps.store.read.points.account(member.id))?.balance).toBe(500)
    expect(await t.deps.store.read.points.ledgerSum(member.id)).toBe(500)
  })

  it.each(['clerk', 'reviewer'] as const)('is for admins only: a %s is refused', async (role) => {
    const { sanction } = await anAppealed('warning')
    const staff = callerOf((await addStaff(t.deps, role)).openid)

    const result = await decideAppeal(
      t.deps,
      staff,
      { sanctionId: sanction.id, decision: 'overturned', note: '撤销处分' },
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})

describe('listAppeals', () => {
  let t: ReturnType<typeof testDeps>
  let admin: Caller
  beforeEach(async () => {
    t = testDeps('2026-11-23T02:00:00.000Z')
    admin = callerOf((await addStaff(t.deps, 'admin')).openid)
  })
  afterEach(() => t.cleanup())

  it('queues appeals awaiting a decision, oldest first, with who filed them', async () => {
    const filed = []
    for (const at of ['2026-11-24T02:00:00.000Z', '2026-11-25T02:00:00.000Z']) {
      const { member, memberCaller } = await aMemberAtTheCounter(t.deps)
      const sanction = await sanctioned(t.deps, admin, {
        memberId: member.id,
        kind: 'warning',
        reason: '多次大声喧哗',
      })
      t.clock.set(at)
      await appealed(t.deps, memberCaller, sanction.id)
      filed.push({ member, sanction })
    }
    await decided(t.deps, admin, filed[0]!.sanction.id, 'upheld')
    const { member: third, memberCaller } = await aMemberAtTheCounter(t.deps)
    const latest = await sanctioned(t.deps, admin, {
      memberId: third.id,
      kind: 'warning',
      reason: '插队领取礼品',
    })
    t.clock.set('2026-11-26T02:00:00.000Z')
    await appealed(t.deps, memberCaller, latest.id)

    const result = await listAppeals(t.deps, admin, { offset: 0, limit: 10 })

    expect(result).toMatchObject({
      ok: true,
      data: {
        total: 2,
        items: [
          {
            id: filed[1]!.sanction.id,
            realName: filed[1]!.member.realName,
            appeal: { filedAt: '2026-11-25T02:00:00.000Z', decision: null },
          },
          { id: latest.id, appeal: { filedAt: '2026-11-26T02:00:00.000Z' } },
        ],
      },
    })
  })

  it('is for admins only', async () => {
    const reviewer = callerOf((await addStaff(t.deps, 'reviewer')).openid)

    const result = await listAppeals(t.deps, reviewer, { offset: 0, limit: 10 })

    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})
