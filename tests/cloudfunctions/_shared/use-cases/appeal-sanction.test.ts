import type { Caller } from '../../../../cloudfunctions/_shared/caller'
import {
  appealSanction,
  mySanctions,
} from '../../../../cloudfunctions/_shared/use-cases/appeal-sanction'
import { appealed, sanctioned, shanghaiDayAfter } from '../../../support/discipline-flow'
import { aMemberAtTheCounter } from '../../../support/points-flow'
import { callerOf, newOpenid } from '../../../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

describe('mySanctions', () => {
  let t: ReturnType<typeof testDeps>
  let admin: Caller
  beforeEach(async () => {
    t = testDeps('2026-11-23T02:00:00.000Z')
    admin = callerOf((await addStaff(t.deps, 'admin')).openid)
  })
  afterEach(() => t.cleanup())

  it('shows a member their own sanctions, newest first, and nobody else’s', async () => {
    const { member, memberCaller } = await aMemberAtTheCounter(t.deps)
    const { member: other } = await aMemberAtTheCounter(t.deps)
    await sanctioned(t.deps, admin, {
      memberId: member.id,
      kind: 'warning',
      reason: '多次大声喧哗',
    })
    await sanctioned(t.deps, admin, { memberId: other.id, kind: 'warning', reason: '插队领取礼品' })
    t.clock.set('2026-11-24T02:00:00.000Z')
    const endsOn = shanghaiDayAfter(t.deps, 5)
    await sanctioned(t.deps, admin, {
      memberId: member.id,
      kind: 'suspension',
      reason: '再次违规，暂停五天',
      endsOn,
    })

    const result = await mySanctions(t.deps, memberCaller)

    expect(result).toEqual({
      ok: true,
      data: [
        {
          id: expect.any(String),
          kind: 'suspension',
          reason: '再次违规，暂停五天',
          endsOn,
          issuedAt: '2026-11-24T02:00:00.000Z',
          state: 'in_force',
          appeal: null,
          canAppeal: true,
        },
        expect.objectContaining({ kind: 'warning', reason: '多次大声喧哗' }),
      ],
    })
  })

  it('stays open to a cancelled member, who must see why and may appeal', async () => {
    const { member, memberCaller } = await aMemberAtTheCounter(t.deps)
    await sanctioned(t.deps, admin, {
      memberId: member.id,
      kind: 'cancellation',
      reason: '伪造消费记录骗取积分',
    })

    const result = await mySanctions(t.deps, memberCaller)

    expect(result).toMatchObject({ ok: true, data: [{ kind: 'cancellation', canAppeal: true }] })
  })

  it('is for members: staff and guests are refused', async () => {
    const clerk = callerOf((await addStaff(t.deps, 'clerk')).openid)

    const results = [
      await mySanctions(t.deps, clerk),
      await mySanctions(t.deps, callerOf(newOpenid('o_guest'))),
    ]

    for (const result of results) {
      expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_A_MEMBER' } })
    }
  })
})

describe('appealSanction', () => {
  let t: ReturnType<typeof testDeps>
  let admin: Caller
  beforeEach(async () => {
    t = testDeps('2026-11-23T02:00:00.000Z')
    admin = callerOf((await addStaff(t.deps, 'admin')).openid)
  })
  afterEach(() => t.cleanup())

  async function aSuspendedMember() {
    const people = await aMemberAtTheCounter(t.deps)
    const sanction = await sanctioned(t.deps, admin, {
      memberId: people.member.id,
      kind: 'suspension',
      reason: '转卖兑换券，情节较轻',
      endsOn: shanghaiDayAfter(t.deps, 30),
    })
    return { ...people, sanction }
  }

  it('records a suspended member’s appeal, undecided, and closes the 申诉 button', async () => {
    const { memberCaller, sanction } = await aSuspendedMember()
    t.clock.set('2026-11-24T01:00:00.000Z')

    const result = await appealSanction(
      t.deps,
      memberCaller,
      { sanctionId: sanction.id, text: '兑换券是转送亲属，并非转卖' },
      newRequestId(),
    )

    expect(result).toMatchObject({
      ok: true,
      data: {
        id: sanction.id,
        state: 'in_force',
        canAppeal: false,
        appeal: {
          text: '兑换券是转送亲属，并非转卖',
          filedAt: '2026-11-24T01:00:00.000Z',
          decision: null,
          note: null,
          decidedAt: null,
        },
      },
    })
    expect(await t.deps.store.read.sanctions.appealsPending(0, 10)).toMatchObject({ total: 1 })
  })

  it('allows one appeal per sanction: a second is refused and changes nothing', async () => {
    const { memberCaller, sanction } = await aSuspendedMember()
    await appealed(t.deps, memberCaller, sanction.id)
    const before = t.snapshot()

    const second = await appealSanction(
      t.deps,
      memberCaller,
      { sanctionId: sanction.id, text: '补充说明：我有证据' },
      newRequestId(),
    )

    expect(second).toMatchObject({ ok: false, error: { code: 'DISCIPLINE.ALREADY_APPEALED' } })
    expect(t.snapshot()).toEqual(before)
  })

  it('refuses an appeal on another member’s sanction as forbidden, changing nothing', async () => {
    const { sanction } = await aSuspendedMember()
    const { memberCaller: someoneElse } = await aMemberAtTheCounter(t.deps)
    const before = t.snapshot()

    const theirs = await appealSanction(
      t.deps,
      someoneElse,
      { sanctionId: sanction.id, text: '替别人申诉试试看' },
      newRequestId(),
    )
    const unknown = await appealSanction(
      t.deps,
      someoneElse,
      { sanctionId: 'sn-does-not-exist', text: '替别人申诉试试看' },
      newRequestId(),
    )

    expect(theirs).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(unknown).toMatchObject({ ok: false, error: { code: 'DISCIPLINE.NOT_FOUND' } })
    expect(t.snapshot()).toEqual(before)
  })

  it('files the appeal once per request: a retry returns the first result', async () => {
    const { memberCaller, sanction } = await aSuspendedMember()
    const requestId = newRequestId()
    const input = { sanctionId: sanction.id, text: '兑换券是转送亲属，并非转卖' }

    const first = await appealSanction(t.deps, memberCaller, input, requestId)
    const retry = await appealSanction(t.deps, memberCaller, input, requestId)

    expect(first.ok).toBe(true)
    expect(retry).toEqual(first)
  })

  it('lets a cancelled member appeal their cancellation', async () => {
    const { member, memberCaller } = await aMemberAtTheCounter(t.deps)
    const sanction = await sanctioned(t.deps, admin, {
      memberId: member.id,
      kind: 'cancellation',
      reason: '伪造消费记录骗取积分',
    })

    const result = await appealSanction(
      t.deps,
      memberCaller,
      { sanctionId: sanction.id, text: '消费记录真实，可提供发票' },
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: true, data: { appeal: { decision: null } } })
  })
})
