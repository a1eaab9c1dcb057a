import type { Caller } from '../../cloudfunctions/_shared/caller'
import { adminFunction } from '../../cloudfunctions/admin/index'
import { JOB_TIMERS, jobsFunction } from '../../cloudfunctions/jobs/index'
import { appealed, sanctioned, shanghaiDayAfter } from '../support/discipline-flow'
import { sendAsOutsiders } from '../support/hostile-payloads'
import { aMemberAtTheCounter } from '../support/points-flow'
import { callerOf } from '../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../support/test-deps'
import { FUNCTIONS, sendSpoiledTo } from '../support/function-table'

type Who = 'member' | 'otherMember' | 'clerk' | 'reviewer' | 'admin' | 'guest'

describe('discipline actions of the member, admin and jobs functions', () => {
  let t: ReturnType<typeof testDeps>
  let callers: Record<Who, Caller>
  let valid: Record<string, Record<string, unknown>>
  let warningId: string
  beforeAll(async () => {
    t = testDeps('2026-11-23T02:00:00.000Z')
    const plain = await aMemberAtTheCounter(t.deps)
    const other = await aMemberAtTheCounter(t.deps)
    callers = {
      member: plain.memberCaller,
      otherMember: other.memberCaller,
      clerk: plain.clerkCaller,
      reviewer: callerOf((await addStaff(t.deps, 'reviewer')).openid),
      admin: callerOf((await addStaff(t.deps, 'admin')).openid),
      guest: callerOf('o_nobody'),
    }
    const warning = await sanctioned(t.deps, callers.admin, {
      memberId: plain.member.id,
      kind: 'warning',
      reason: '多次在活动现场大声喧哗',
    })
    warningId = warning.id
    await appealed(t.deps, callers.member, warningId)
    valid = {
      issueSanction: {
        cardNo: other.member.cardNo!,
        kind: 'suspension',
        reason: '转卖兑换券，情节较轻',
        endsOn: shanghaiDayAfter(t.deps, 30),
      },
      sanctions: { offset: 0, limit: 10 },
      memberSanctions: { cardNo: plain.member.cardNo! },
      appeals: { offset: 0, limit: 10 },
      decideAppeal: { sanctionId: warningId, decision: 'upheld', note: '证据充分，维持原处分' },
      appealSanction: { sanctionId: warningId, text: '情况与事实不符，请重新核实' },
      endSuspensions: {},
    }
  })
  afterAll(() => t.cleanup())

  const send = (name: string, action: string, who: Who, requestId = newRequestId()) =>
    FUNCTIONS[name]!.fn.handle({ action, payload: valid[action], requestId }, callers[who], t.deps)

  it.each([
    ['admin', 'issueSanction', 'admin', 12],
    ['admin', 'decideAppeal', 'admin', 12],
    ['admin', 'memberSanctions', 'admin', 12],
    ['member', 'appealSanction', 'member', 12],
    ['admin', 'sanctions', 'admin', 3],
    ['admin', 'appeals', 'admin', 3],
    ['jobs', 'endSuspensions', 'admin', 3],
  ] as [string, string, Who, number][])(
    'refuses every spoiled %s.%s payload field by field in Chinese, changing nothing',
    async (name, action, who, least) => {
      const before = t.snapshot()

      const sent = await sendSpoiledTo(name, action, valid[action]!, callers[who], t.deps)

      expect(sent).toBeGreaterThanOrEqual(least)
      expect(t.snapshot()).toEqual(before)
    },
  )

  it.each([
    ['a suspension without an end date', { kind: 'suspension', endsOn: undefined }, 'endsOn'],
    ['a warning with an end date', { kind: 'warning' }, 'endsOn'],
    ['no member at all', { cardNo: undefined }, 'cardNo'],
    ['both a member id and a card number', { memberId: 'm-1' }, 'cardNo'],
  ])('refuses a sanction form with %s, naming the field', async (_case, changes, field) => {
    const before = t.snapshot()

    const envelope = await adminFunction.handle(
      {
        action: 'issueSanction',
        payload: { ...valid.issueSanction, ...changes },
        requestId: newRequestId(),
      },
      callers.admin,
      t.deps,
    )

    expect(envelope).toMatchObject({
      ok: false,
      error: {
        code: 'INPUT.INVALID',
        fields: { [field]: expect.stringMatching(/[\u4e00-\u9fff]/) },
      },
    })
    expect(t.snapshot()).toEqual(before)
  })

  it.each([
    ['admin', 'issueSanction', ['member', 'clerk', 'reviewer', 'guest']],
    ['admin', 'sanctions', ['member', 'clerk', 'reviewer', 'guest']],
    ['admin', 'memberSanctions', ['member', 'clerk', 'reviewer', 'guest']],
    ['admin', 'appeals', ['member', 'clerk', 'reviewer', 'guest']],
    ['admin', 'decideAppeal', ['member', 'clerk', 'reviewer', 'guest']],
    ['member', 'mySanctions', ['clerk', 'reviewer', 'admin', 'guest']],
    ['member', 'appealSanction', ['clerk', 'reviewer', 'admin', 'guest']],
    ['jobs', 'endSuspensions', ['member', 'clerk', 'reviewer', 'guest']],
  ] as [string, string, Who[]][])(
    'refuses %s.%s to %j with an AUTH code, changing nothing',
    async (name, action, outsiders) => {
      const before = t.snapshot()

      await sendAsOutsiders(
        FUNCTIONS[name]!.fn,
        action,
        valid[action] ?? {},
        outsiders.map((who) => callers[who]),
        t.deps,
      )

      expect(t.snapshot()).toEqual(before)
    },
  )

  it('refuses a member appealing another member’s sanction with AUTH.FORBIDDEN', async () => {
    const before = t.snapshot()

    const envelope = await send('member', 'appealSanction', 'otherMember')

    expect(envelope).toEqual({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN', message: '没有权限执行此操作' },
    })
    expect(t.snapshot()).toEqual(before)
  })

  it('shows a member only their own sanctions', async () => {
    const mine = await send('member', 'mySanctions', 'member')
    const theirs = await send('member', 'mySanctions', 'otherMember')

    expect(mine).toMatchObject({ ok: true, data: [{ id: warningId }] })
    expect(theirs).toEqual({ ok: true, data: [] })
  })

  it('carries out a retried sanction once and returns the first result', async () => {
    const requestId = newRequestId()

    const first = await send('admin', 'issueSanction', 'admin', requestId)
    const retry = await send('admin', 'issueSanction', 'admin', requestId)

    expect(first).toMatchObject({
      ok: true,
      data: { kind: 'suspension', memberStatus: 'suspended' },
    })
    expect(retry).toEqual(first)
    const list = await send('admin', 'sanctions', 'admin')
    expect(list).toMatchObject({ ok: true, data: { total: 2 } })
  })

  it('decides a retried appeal decision once, and a later decision is refused as final', async () => {
    const requestId = newRequestId()

    const first = await send('admin', 'decideAppeal', 'admin', requestId)
    const retry = await send('admin', 'decideAppeal', 'admin', requestId)
    const again = await send('admin', 'decideAppeal', 'admin')

    expect(first).toMatchObject({ ok: true, data: { appeal: { decision: 'upheld' } } })
    expect(retry).toEqual(first)
    expect(again).toMatchObject({ ok: false, error: { code: 'DISCIPLINE.APPEAL_DECIDED' } })
  })

  it('ends due suspensions when the suspensionEnd timer calls as the system', async () => {
    t.clock.set('2027-01-01T00:00:00.000Z')

    const envelope = await jobsFunction.handle(
      {
        action: JOB_TIMERS.suspensionEnd,
        payload: {},
        requestId: 'timer-suspensionEnd-2027-01-01',
      },
      { openid: '', unionid: null, system: true },
      t.deps,
    )

    expect(envelope).toEqual({
      ok: true,
      data: { day: '2027-01-01', ended: 1, reactivated: 1, more: false },
    })
  })
})
