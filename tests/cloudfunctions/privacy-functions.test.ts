import type { Caller } from '../../cloudfunctions/_shared/caller'
import type { FunctionHandler } from '../../cloudfunctions/_shared/handler'
import { adminFunction } from '../../cloudfunctions/admin/index'
import { memberFunction } from '../../cloudfunctions/member/index'
import { CURRENT_POLICY_VERSION } from '@/domain/privacy/policy'
import { CHINESE, sendAsOutsiders } from '../support/hostile-payloads'
import { aMemberAtTheCounter } from '../support/points-flow'
import { callerOf } from '../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../support/test-deps'
import { FUNCTIONS, sendSpoiledTo } from '../support/function-table'

type Who = 'member' | 'clerk' | 'reviewer' | 'admin' | 'guest'

describe('privacy actions of the member and admin functions', () => {
  let t: ReturnType<typeof testDeps>
  let callers: Record<Who, Caller>
  let valid: Record<string, Record<string, unknown>>
  beforeAll(async () => {
    t = testDeps('2026-11-23T02:00:00.000Z')
    const { memberCaller, clerkCaller } = await aMemberAtTheCounter(t.deps)
    callers = {
      member: memberCaller,
      clerk: clerkCaller,
      reviewer: callerOf((await addStaff(t.deps, 'reviewer')).openid),
      admin: callerOf((await addStaff(t.deps, 'admin')).openid),
      guest: callerOf('o_nobody'),
    }
    valid = {
      correctData: {
        realName: '王建军',
        mobile: '13800001111',
        shopName: '建军超市',
        shopAddress: '江苏省南京市玄武区北京东路1号',
        birthday: '1980-01-02',
      },
      exportData: {},
      consent: { version: CURRENT_POLICY_VERSION },
      requestWithdrawal: { reason: '店铺转让' },
      cancelWithdrawal: {},
      withdrawals: { offset: 0, limit: 10 },
      confirmWithdrawal: { id: 'wd-someone-1' },
    }
  })
  afterAll(() => t.cleanup())

  it.each([
    ['member', 'correctData', 'member', 12],
    ['member', 'exportData', 'member', 3],
    ['member', 'consent', 'member', 12],
    ['member', 'requestWithdrawal', 'member', 12],
    ['member', 'cancelWithdrawal', 'member', 3],
    ['admin', 'withdrawals', 'reviewer', 12],
    ['admin', 'confirmWithdrawal', 'reviewer', 12],
  ] as [string, string, Who, number][])(
    'refuses every spoiled %s.%s payload field by field in Chinese, changing nothing',
    async (name, action, who, atLeast) => {
      const before = t.snapshot()

      const sent = await sendSpoiledTo(name, action, valid[action]!, callers[who], t.deps)

      expect(sent).toBeGreaterThanOrEqual(atLeast)
      expect(t.snapshot()).toEqual(before)
    },
  )

  it('asks for at least one field to correct, in Chinese', async () => {
    const envelope = await memberFunction.handle(
      { action: 'correctData', payload: {}, requestId: newRequestId() },
      callers.member,
      t.deps,
    )

    expect(envelope).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID', fields: { _: '请至少修改一项资料' } },
    })
  })

  it('refuses a registration field that is not correctable (the licence goes through staff)', async () => {
    const envelope = await memberFunction.handle(
      { action: 'correctData', payload: { licenceNo: '320100000001' }, requestId: newRequestId() },
      callers.member,
      t.deps,
    )

    expect(envelope).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    const fields = (envelope as { error: { fields: Record<string, string> } }).error.fields
    for (const message of Object.values(fields)) expect(message).toMatch(CHINESE)
  })

  it.each(['correctData', 'exportData', 'consent', 'requestWithdrawal', 'cancelWithdrawal'])(
    'needs a request id for member.%s',
    async (action) => {
      const envelope = await memberFunction.handle(
        { action, payload: valid[action] },
        callers.member,
        t.deps,
      )

      expect(envelope).toMatchObject({
        ok: false,
        error: { code: 'INPUT.INVALID', fields: { requestId: '缺少请求编号' } },
      })
    },
  )

  it.each([
    ['member', 'myData', ['clerk', 'reviewer', 'admin', 'guest']],
    ['member', 'correctData', ['clerk', 'reviewer', 'admin', 'guest']],
    ['member', 'exportData', ['clerk', 'reviewer', 'admin', 'guest']],
    ['member', 'consent', ['clerk', 'reviewer', 'admin', 'guest']],
    ['member', 'requestWithdrawal', ['clerk', 'reviewer', 'admin', 'guest']],
    ['member', 'cancelWithdrawal', ['clerk', 'reviewer', 'admin', 'guest']],
    ['member', 'myWithdrawal', ['clerk', 'reviewer', 'admin', 'guest']],
    ['admin', 'withdrawals', ['member', 'clerk', 'guest']],
    ['admin', 'confirmWithdrawal', ['member', 'clerk', 'guest']],
  ] as [string, string, Who[]][])(
    'refuses %s.%s to %j with an AUTH code, changing nothing',
    async (name, action, outsiders) => {
      const { fn } = FUNCTIONS[name]!
      const before = t.snapshot()

      await sendAsOutsiders(
        fn,
        action,
        valid[action] ?? {},
        outsiders.map((who) => callers[who]),
        t.deps,
      )

      expect(t.snapshot()).toEqual(before)
    },
  )

  it('runs a withdrawal end to end through the functions, each step once per request id', async () => {
    const { member, memberCaller } = await aMemberAtTheCounter(t.deps)
    const requestId = newRequestId()
    const call = (
      fn: FunctionHandler,
      action: string,
      payload: unknown,
      who: Caller,
      id?: string,
    ) => fn.handle({ action, payload, ...(id ? { requestId: id } : {}) }, who, t.deps)

    const asked = await call(memberFunction, 'requestWithdrawal', {}, memberCaller, requestId)
    const askedAgain = await call(memberFunction, 'requestWithdrawal', {}, memberCaller, requestId)
    const mine = await call(memberFunction, 'myWithdrawal', {}, memberCaller)
    const queue = await call(adminFunction, 'withdrawals', {}, callers.reviewer)
    const id = (asked as { data: { id: string } }).data.id
    const confirmId = newRequestId()
    const confirmed = await call(
      adminFunction,
      'confirmWithdrawal',
      { id },
      callers.admin,
      confirmId,
    )
    const confirmedAgain = await call(
      adminFunction,
      'confirmWithdrawal',
      { id },
      callers.admin,
      confirmId,
    )
    const afterwards = await call(memberFunction, 'myData', {}, memberCaller)

    expect(asked).toMatchObject({ ok: true, data: { status: 'requested', dueOn: '2026-11-30' } })
    expect(askedAgain).toEqual(asked)
    expect(mine).toEqual(asked)
    expect(queue).toMatchObject({
      ok: true,
      data: { items: expect.arrayContaining([expect.objectContaining({ id })]) },
    })
    expect(confirmed).toEqual({
      ok: true,
      data: { id, memberId: member.id, status: 'confirmed' },
    })
    expect(confirmedAgain).toEqual(confirmed)
    expect(afterwards).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_A_MEMBER' } })
  })
})
