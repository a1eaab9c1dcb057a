import type { Caller } from '../../cloudfunctions/_shared/caller'
import { adminFunction } from '../../cloudfunctions/admin/index'
import { eventsFunction } from '../../cloudfunctions/events/index'
import { memberFunction } from '../../cloudfunctions/member/index'
import { pointsFunction } from '../../cloudfunctions/points/index'
import { aRegistration } from '../support/builders'
import { anEventDraft } from '../support/event-flow'
import { anActiveMember, callerOf, newOpenid } from '../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../support/test-deps'

/**
 * Characters that show nothing, or turn what follows around, yet are stored and shown to staff:
 * `王\u202E店便利` reads differently on the review screen than what was typed, `王\u200B建国` looks
 * like 王建国 but is another name to search and to de-duplicate, a NUL cuts the text short in C
 * code and some exports, a line break splits a one-line field on a label.
 */
const HIDDEN: [string, string][] = [
  ['a right-to-left override (U+202E)', '\u202E'],
  ['a left-to-right embedding (U+202A)', '\u202A'],
  ['a right-to-left isolate (U+2067)', '\u2067'],
  ['a pop directional isolate (U+2069)', '\u2069'],
  ['a right-to-left mark (U+200F)', '\u200F'],
  ['a zero-width space (U+200B)', '\u200B'],
  ['a zero-width non-joiner (U+200C)', '\u200C'],
  ['a zero-width joiner (U+200D)', '\u200D'],
  ['a word joiner (U+2060)', '\u2060'],
  ['a byte-order mark inside the text (U+FEFF)', '\uFEFF'],
  ['a soft hyphen (U+00AD)', '\u00AD'],
  ['a NUL (U+0000)', '\u0000'],
  ['a bell (U+0007)', '\u0007'],
  ['an escape (U+001B)', '\u001B'],
  ['a delete (U+007F)', '\u007F'],
  ['a C1 next-line control (U+0085)', '\u0085'],
  ['a line break', '\n'],
  ['a tab', '\t'],
  ['a line separator (U+2028)', '\u2028'],
  ['a private-use character (U+E000)', '\uE000'],
  ['half of a surrogate pair', '\uD83D'],
  ['a Hangul filler (U+3164)', '\u3164'],
]

/** A valid value of each one-line field of the registration form, with `hidden` in its middle. */
const SPOILED: Record<'realName' | 'shopName' | 'shopAddress', (hidden: string) => string> = {
  realName: (c) => `王${c}建国`,
  shopName: (c) => `建国${c}便利店`,
  shopAddress: (c) => `江苏省南京市${c}鼓楼区中山路100号`,
}
const LABELS = { realName: '姓名', shopName: '店铺名称', shopAddress: '店铺地址' }
const CASES = Object.keys(SPOILED).flatMap((field) =>
  HIDDEN.map(([name, c]) => [field, name, c] as [keyof typeof SPOILED, string, string]),
)

const fieldsOf = (envelope: unknown) =>
  (envelope as { error?: { fields?: Record<string, string> } }).error?.fields ?? {}

describe('a registration carrying characters nobody can see', () => {
  let t: ReturnType<typeof testDeps>
  beforeAll(() => (t = testDeps()))
  afterAll(() => t.cleanup())

  it.each(CASES)(
    'refuses %s with %s, naming the field, and stores nothing',
    async (field, _, c) => {
      const openid = newOpenid('o_hidden')
      const before = t.snapshot()

      const envelope = await memberFunction.handle(
        {
          action: 'register',
          payload: aRegistration({ [field]: SPOILED[field](c) }),
          requestId: newRequestId(),
        },
        callerOf(openid),
        t.deps,
      )

      expect(envelope).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
      expect(fieldsOf(envelope)).toEqual({
        [field]: `${LABELS[field]}含有不可见或无法显示的字符，请删除后重新填写`,
      })
      expect(t.snapshot()).toEqual(before)
    },
  )

  it('stores a name typed with a separate accent as the one composed name (NFC)', async () => {
    const openid = newOpenid('o_nfc')
    const decomposed = 'Jose\u0301 Li'

    const envelope = await memberFunction.handle(
      {
        action: 'register',
        payload: aRegistration({ realName: decomposed, shopName: 'Cafe\u0301 建国' }),
        requestId: newRequestId(),
      },
      callerOf(openid),
      t.deps,
    )

    expect(envelope).toMatchObject({ ok: true })
    const stored = await t.deps.store.read.members.byOpenid(openid)
    expect(stored?.realName).toBe('Jos\u00E9 Li')
    expect(stored?.shopName).toBe('Caf\u00E9 建国')
  })
})

describe('a correction or a text carrying characters nobody can see', () => {
  let t: ReturnType<typeof testDeps>
  let member: Caller
  let admin: Caller
  beforeAll(async () => {
    t = testDeps('2026-05-10T02:00:00.000Z')
    member = callerOf((await anActiveMember(t.deps, await addStaff(t.deps, 'reviewer'))).openid)
    admin = callerOf((await addStaff(t.deps, 'admin')).openid)
  })
  afterAll(() => t.cleanup())

  it.each(CASES)('refuses to correct %s to one with %s, changing nothing', async (field, _, c) => {
    const before = t.snapshot()

    const envelope = await memberFunction.handle(
      { action: 'correctData', payload: { [field]: SPOILED[field](c) }, requestId: newRequestId() },
      member,
      t.deps,
    )

    expect(envelope).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(fieldsOf(envelope)[field]).toBe(
      `${LABELS[field]}含有不可见或无法显示的字符，请删除后重新填写`,
    )
    expect(t.snapshot()).toEqual(before)
  })

  it.each([
    ['a right-to-left override', '门店\u202E服务态度差，请改进'],
    ['a zero-width space', '门店\u200B服务态度差，请改进'],
    ['a NUL', '门店服务态度差\u0000，请改进'],
  ])('refuses a complaint whose text holds %s, changing nothing', async (_, text) => {
    const before = t.snapshot()

    const envelope = await memberFunction.handle(
      {
        action: 'fileComplaint',
        payload: { category: 'service', text, photos: [] },
        requestId: newRequestId(),
      },
      member,
      t.deps,
    )

    expect(envelope).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(fieldsOf(envelope).text).toBe('内容含有不可见或无法显示的字符，请删除后重新填写')
    expect(t.snapshot()).toEqual(before)
  })

  it('takes a complaint written on several lines, with a family emoji, line ends made \\n', async () => {
    const text = '门店服务态度差：\r\n1. 不给积分\r\n2. 态度冷淡 👨\u200D👩\u200D👧'

    const envelope = await memberFunction.handle(
      {
        action: 'fileComplaint',
        payload: { category: 'service', text, photos: [] },
        requestId: newRequestId(),
      },
      member,
      t.deps,
    )

    expect(envelope).toMatchObject({ ok: true })
    const mine = await memberFunction.handle(
      { action: 'myComplaints', payload: {} },
      member,
      t.deps,
    )
    expect(JSON.stringify(mine)).toContain(JSON.stringify(text.replace(/\r\n/g, '\n')).slice(1, -1))
  })

  it.each([
    ['title', '活动名称', { title: '新品\u202E品鉴会' }],
    ['title', '活动名称', { title: '新品品鉴会\n第二场' }],
    ['place', '活动地点', { place: '南京市\u200B鼓楼区' }],
    ['contact', '联系人', { contact: '周敏\u0000 025-12345678' }],
    ['description', '活动介绍', { description: '年度新品\u2066品鉴\u2069' }],
    ['acknowledgement', '活动须知', { acknowledgement: '请\u202E遵守现场秩序' }],
  ])(
    'refuses an event whose %s holds a hidden character, changing nothing',
    async (field, label, change) => {
      const before = t.snapshot()

      const envelope = await eventsFunction.handle(
        { action: 'save', payload: anEventDraft(t.deps, change), requestId: newRequestId() },
        admin,
        t.deps,
      )

      expect(envelope).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
      expect(fieldsOf(envelope)[field]).toBe(`${label}含有不可见或无法显示的字符，请删除后重新填写`)
      expect(t.snapshot()).toEqual(before)
    },
  )

  it('refuses a staff answer holding a right-to-left override, changing nothing', async () => {
    const before = t.snapshot()

    const envelope = await adminFunction.handle(
      {
        action: 'answerComplaint',
        payload: { id: 'any-complaint', answer: '已处理\u202E' },
        requestId: newRequestId(),
      },
      admin,
      t.deps,
    )

    expect(envelope).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(fieldsOf(envelope).answer).toBe('回复含有不可见或无法显示的字符，请删除后重新填写')
    expect(t.snapshot()).toEqual(before)
  })

  it.each([
    [
      'a registration rejection reason',
      'admin',
      'rejectRegistration',
      'reason',
      '驳回原因',
      { memberId: 'any-member', reason: '许可证\u202E号不符' },
    ],
    [
      'a points adjustment reason',
      'points',
      'adjust',
      'reason',
      '原因',
      { cardNo: '100000000011', points: 10, reason: '补录\u200B积分' },
    ],
    [
      'a reward name',
      'points',
      'saveItem',
      'name',
      '商品名称',
      { name: '精品\u0000茶叶', pointsPrice: 100, stock: 5 },
    ],
    [
      'a withdrawal reason',
      'member',
      'requestWithdrawal',
      'reason',
      '注销原因',
      { reason: '不再经营\u202E' },
    ],
  ] as const)(
    'refuses %s holding a hidden character, changing nothing',
    async (_, fn, action, field, label, payload) => {
      const before = t.snapshot()
      const caller = fn === 'member' ? member : admin
      const handler = { admin: adminFunction, points: pointsFunction, member: memberFunction }[fn]

      const envelope = await handler.handle(
        { action, payload, requestId: newRequestId() },
        caller,
        t.deps,
      )

      expect(envelope).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
      expect(fieldsOf(envelope)[field]).toBe(`${label}含有不可见或无法显示的字符，请删除后重新填写`)
      expect(t.snapshot()).toEqual(before)
    },
  )
})
