import type { Caller } from '../../cloudfunctions/_shared/caller'
import { adminFunction } from '../../cloudfunctions/admin/index'
import { memberFunction } from '../../cloudfunctions/member/index'
import { sendAsOutsiders } from '../support/hostile-payloads'
import { aMemberAtTheCounter } from '../support/points-flow'
import { callerOf } from '../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../support/test-deps'
import { FUNCTIONS, sendSpoiledTo } from '../support/function-table'

type Who = 'member' | 'clerk' | 'reviewer' | 'admin' | 'guest'

describe('complaint actions of the member and admin functions', () => {
  let t: ReturnType<typeof testDeps>
  let callers: Record<Who, Caller>
  let valid: Record<string, Record<string, unknown>>
  beforeAll(async () => {
    t = testDeps('2026-05-10T02:00:00.000Z')
    const counter = await aMemberAtTheCounter(t.deps)
    callers = {
      member: counter.memberCaller,
      clerk: counter.clerkCaller,
      reviewer: callerOf((await addStaff(t.deps, 'reviewer')).openid),
      admin: callerOf((await addStaff(t.deps, 'admin')).openid),
      guest: callerOf('o_nobody'),
    }
    const filed = await memberFunction.handle(
      {
        action: 'fileComplaint',
        payload: { category: 'event', text: '活动签到排队太久' },
        requestId: newRequestId(),
      },
      callers.member,
      t.deps,
    )
    if (!filed.ok) throw new Error('not filed')
    valid = {
      fileComplaint: {
        category: 'service',
        text: '门店服务态度差，请改进',
        photos: ['cloud://env-1.abc/complaints/1.jpg', 'local://0a1b2c3d.png'],
      },
      answerComplaint: { id: (filed.data as { id: string }).id, answer: '已与门店沟通' },
      complaints: { answered: false, offset: 0, limit: 20 },
    }
  })
  afterAll(() => t.cleanup())

  it.each([
    ['member', 'fileComplaint', 'member'],
    ['admin', 'answerComplaint', 'reviewer'],
  ] as [string, string, Who][])(
    'refuses every spoiled %s.%s payload field by field in Chinese, changing nothing',
    async (name, action, who) => {
      const before = t.snapshot()

      const sent = await sendSpoiledTo(name, action, valid[action]!, callers[who], t.deps)

      expect(sent).toBeGreaterThanOrEqual(12)
      expect(t.snapshot()).toEqual(before)
    },
  )

  it.each([
    [
      'a fourth photo',
      { photos: ['local://a.jpg', 'local://b.jpg', 'local://c.jpg', 'local://d.jpg'] },
    ],
    ['a web address as a photo', { photos: ['https://example.com/a.jpg'] }],
    ['a script address as a photo', { photos: ['javascript:alert(1)'] }],
    ['an unknown category', { category: 'bribe' }],
    ['text of 4 characters', { text: '太差了吧' }],
    ['text of 501 characters', { text: '差'.repeat(501) }],
  ])('refuses a complaint with %s in Chinese, changing nothing', async (_case, change) => {
    const before = t.snapshot()

    const envelope = await memberFunction.handle(
      {
        action: 'fileComplaint',
        payload: { ...valid.fileComplaint, ...change },
        requestId: newRequestId(),
      },
      callers.member,
      t.deps,
    )

    expect(envelope).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID', fields: expect.any(Object) },
    })
    const fields = (envelope as { error: { fields: Record<string, string> } }).error.fields
    for (const message of Object.values(fields)) expect(message).toMatch(/[\u4e00-\u9fff]/)
    expect(t.snapshot()).toEqual(before)
  })

  it('refuses a mutating complaint action without a request id', async () => {
    const envelope = await memberFunction.handle(
      { action: 'fileComplaint', payload: valid.fileComplaint },
      callers.member,
      t.deps,
    )

    expect(envelope).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID', fields: { requestId: '缺少请求编号' } },
    })
  })

  it.each([
    ['member', 'fileComplaint', ['clerk', 'reviewer', 'admin', 'guest']],
    ['member', 'myComplaints', ['clerk', 'reviewer', 'admin', 'guest']],
    ['admin', 'complaints', ['member', 'clerk', 'guest']],
    ['admin', 'answerComplaint', ['member', 'clerk', 'guest']],
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

  it('serves the queue with defaults for an empty payload', async () => {
    const envelope = await adminFunction.handle(
      { action: 'complaints', payload: {} },
      callers.admin,
      t.deps,
    )

    expect(envelope).toMatchObject({ ok: true, data: { total: 1, items: [{ overdue: false }] } })
  })
})
