import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  MESSAGE_RULES,
  NOTIFICATION_KINDS,
  renderMessage,
  ruleFor,
} from '@/domain/notification/messages'
import { TEMPLATES } from '@/domain/notification/templates'

const QUEUED = '2026-11-23T02:00:00.000Z' // 10:00 in Shanghai
const START = '2026-12-05T06:00:00.000Z' // 14:00 in Shanghai

describe('renderMessage', () => {
  it.each([
    [
      'registration.approved',
      { cardNo: '860000000015' },
      'review',
      'pages/index/index',
      {
        thing1: '会员注册',
        phrase2: '已通过',
        thing3: '会员卡号860000000015',
        time4: '2026-11-23 10:00',
      },
    ],
    [
      'registration.rejected',
      { reason: '许可证照片不清晰' },
      'review',
      'pages/index/index',
      {
        thing1: '会员注册',
        phrase2: '未通过',
        thing3: '许可证照片不清晰',
        time4: '2026-11-23 10:00',
      },
    ],
    [
      'club.application',
      { approved: true, reason: null },
      'review',
      'member/star/index',
      {
        thing1: '俱乐部入会申请',
        phrase2: '已通过',
        thing3: '欢迎加入俱乐部',
        time4: '2026-11-23 10:00',
      },
    ],
    [
      'club.application',
      { approved: false, reason: '资料不全' },
      'review',
      'member/star/index',
      {
        thing1: '俱乐部入会申请',
        phrase2: '未通过',
        thing3: '资料不全',
        time4: '2026-11-23 10:00',
      },
    ],
    [
      'points.earned',
      { points: 150, balance: 1200, label: 'purchase' },
      'points',
      'pages/points/index',
      {
        thing1: '消费积分到账',
        number2: '150',
        thing3: '当前积分1200分',
        time4: '2026-11-23 10:00',
      },
    ],
    [
      'points.earned',
      { points: 50, balance: 50, label: 'event', title: '新品品鉴会' },
      'points',
      'pages/points/index',
      {
        thing1: '活动签到积分到账',
        number2: '50',
        thing3: '当前积分50分',
        time4: '2026-11-23 10:00',
      },
    ],
    [
      'points.expiring',
      { points: 500, expiryDate: '2026-11-10' },
      'points',
      'pages/points/index',
      {
        thing1: '积分即将过期',
        number2: '500',
        thing3: '将于2026-11-10过期',
        time4: '2026-11-23 10:00',
      },
    ],
    [
      'star.new',
      { year: 2026, star: 3, qualifyingPoints: 3000 },
      'star',
      'member/star/index',
      { thing1: '2026年3星会员', thing2: '上年度积分3000分', time3: '2026-11-23 10:00' },
    ],
    [
      'club.grace',
      { year: 2026, star: 2, graceEndsOn: '2026-12-31' },
      'star',
      'member/star/index',
      { thing1: '2星会员', thing2: '俱乐部宽限期至2026-12-31', time3: '2026-11-23 10:00' },
    ],
    [
      'club.exited',
      { year: 2027, star: 2 },
      'star',
      'member/star/index',
      { thing1: '2星会员', thing2: '宽限期满，已退出俱乐部', time3: '2026-11-23 10:00' },
    ],
    [
      'rules.changed',
      { rule: 'star-thresholds', effectiveYear: 2027 },
      'star',
      'member/star/index',
      { thing1: '升星规则调整', thing2: '2027年起适用新门槛', time3: '2026-11-23 10:00' },
    ],
    [
      'event.published',
      { eventId: 'ev-1', title: '新品品鉴会', startAt: START, place: '南京市鼓楼区中山路100号' },
      'eventNew',
      'member/event-detail/index?id=ev-1',
      { thing1: '新品品鉴会', time2: '2026-12-05 14:00', thing3: '南京市鼓楼区中山路100号' },
    ],
    [
      'event.reminder',
      { eventId: 'ev-1', title: '新品品鉴会', startAt: START, place: '中山路100号' },
      'eventReminder',
      'member/event-detail/index?id=ev-1',
      {
        thing1: '新品品鉴会',
        time2: '2026-12-05 14:00',
        thing3: '中山路100号',
        thing4: '请携带会员卡按时签到',
      },
    ],
    [
      'event.promoted',
      { eventId: 'ev-1', title: '新品品鉴会', startAt: START },
      'eventResult',
      'member/event-detail/index?id=ev-1',
      {
        thing1: '新品品鉴会',
        phrase2: '候补成功',
        time3: '2026-12-05 14:00',
        thing4: '您已由候补转为报名成功',
      },
    ],
    [
      'event.selected',
      { eventId: 'ev-1', title: '新品品鉴会', startAt: START, selected: true },
      'eventResult',
      'member/event-detail/index?id=ev-1',
      { thing1: '新品品鉴会', phrase2: '已入选', time3: '2026-12-05 14:00', thing4: '请按时参加' },
    ],
    [
      'event.selected',
      { eventId: 'ev-1', title: '新品品鉴会', startAt: START, selected: false },
      'eventResult',
      'member/event-detail/index?id=ev-1',
      {
        thing1: '新品品鉴会',
        phrase2: '未入选',
        time3: '2026-12-05 14:00',
        thing4: '感谢关注，期待下次参与',
      },
    ],
    [
      'event.cancelled',
      { eventId: 'ev-1', title: '新品品鉴会', startAt: START, reason: '天气原因' },
      'eventResult',
      'member/event-detail/index?id=ev-1',
      { thing1: '新品品鉴会', phrase2: '活动取消', time3: '2026-12-05 14:00', thing4: '天气原因' },
    ],
    [
      'suggestion.answered',
      { suggestionId: 's-1' },
      'reply',
      'member/suggestions/index',
      { thing1: '俱乐部建议', thing2: '您的建议已收到回复', time3: '2026-11-23 10:00' },
    ],
    [
      'complaint.answered',
      { complaintId: 'c-1', category: 'service' },
      'reply',
      'member/complaints/index',
      { thing1: '投诉与建议·服务', thing2: '您的反馈已收到回复', time3: '2026-11-23 10:00' },
    ],
    [
      'sanction.issued',
      { sanctionId: 'sn-1', kind: 'suspension', endsOn: '2026-12-31', reason: '多次违规' },
      'account',
      'member/sanctions/index',
      {
        thing1: '会员处分·暂停资格',
        phrase2: '已生效',
        thing3: '暂停至2026-12-31',
        time4: '2026-11-23 10:00',
      },
    ],
    [
      'sanction.issued',
      { sanctionId: 'sn-1', kind: 'warning', reason: '多次违规' },
      'account',
      'member/sanctions/index',
      { thing1: '会员处分·警告', phrase2: '已生效', thing3: '多次违规', time4: '2026-11-23 10:00' },
    ],
    [
      'appeal.decided',
      { sanctionId: 'sn-1', decision: 'overturned', note: '核实有误' },
      'review',
      'member/sanctions/index',
      { thing1: '处分申诉', phrase2: '处分撤销', thing3: '核实有误', time4: '2026-11-23 10:00' },
    ],
    [
      'appeal.decided',
      { sanctionId: 'sn-1', decision: 'upheld' },
      'review',
      'member/sanctions/index',
      {
        thing1: '处分申诉',
        phrase2: '维持原处分',
        thing3: '裁决为最终结果',
        time4: '2026-11-23 10:00',
      },
    ],
    [
      'withdrawal.requested',
      { requestId: 'w-1' },
      'account',
      'member/my-data/index',
      {
        thing1: '注销账户申请',
        phrase2: '已受理',
        thing3: '详情请在小程序中查看',
        time4: '2026-11-23 10:00',
      },
    ],
    [
      'withdrawal.completed',
      { text: '账户已关闭，个人信息已删除' },
      'account',
      'member/my-data/index',
      {
        thing1: '注销账户申请',
        phrase2: '已完成',
        thing3: '账户已关闭，个人信息已删除',
        time4: '2026-11-23 10:00',
      },
    ],
  ])('sends %s with its template, page and fields', (kind, payload, template, page, fields) => {
    const message = renderMessage(kind, payload, QUEUED)

    expect(message).toEqual({
      template,
      page,
      data: Object.fromEntries(Object.entries(fields).map(([k, value]) => [k, { value }])),
    })
  })

  it.each(NOTIFICATION_KINDS)(
    'sends %s without any payload: every field of its template filled, times at queueing',
    (kind) => {
      const message = renderMessage(kind, {}, QUEUED)!

      const fields = TEMPLATES[message.template].fields.map((f) => f.name)
      expect(Object.keys(message.data)).toEqual(fields)
      for (const field of fields) {
        const value = message.data[field]!.value
        expect(value).not.toBe('')
        if (field.startsWith('time')) expect(value).toBe('2026-11-23 10:00')
      }
    },
  )

  it.each(NOTIFICATION_KINDS)('keeps every field of %s within WeChat’s limits', (kind) => {
    const long = '很长的文字'.repeat(10)
    const payload = {
      eventId: 'ev-1',
      title: long,
      place: long,
      reason: long,
      note: long,
      text: long,
      answer: long,
      category: long,
      kind: long,
      cardNo: long,
      startAt: START,
      points: 123456,
      balance: 999999,
      star: 5,
      year: 2026,
    }

    const { data } = renderMessage(kind, payload, QUEUED)!

    for (const [field, { value }] of Object.entries(data)) {
      const length = Array.from(value).length
      if (field.startsWith('thing')) expect(length).toBeLessThanOrEqual(20)
      if (field.startsWith('phrase')) expect(length).toBeLessThanOrEqual(5)
      if (field.startsWith('number')) expect(value).toMatch(/^\d+(\.\d+)?$/)
      if (field.startsWith('time')) expect(value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    }
  })

  it('sends a withdrawal kind it has no rule of its own for as an update of the withdrawal', () => {
    const message = renderMessage('withdrawal.erased', {}, QUEUED)

    expect(message?.template).toBe('account')
    expect(message?.data.phrase2).toEqual({ value: '有更新' })
  })

  it('knows no template for a kind nobody mapped', () => {
    expect(renderMessage('marketing.blast', { title: '促销' }, QUEUED)).toBeNull()
    expect(ruleFor('toString')).toBeNull()
  })

  it('opens the event list when an event message does not name its event', () => {
    expect(renderMessage('event.reminder', {}, QUEUED)?.page).toBe('pages/events/index')
  })
})

describe('MESSAGE_RULES', () => {
  /** Every `kind: '…'` literal the use cases and domain queue, read from the source. */
  function queuedKinds(): string[] {
    const roots = ['cloudfunctions/_shared', 'src/domain']
    const kinds = new Set<string>()
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) walk(path)
        else if (path.endsWith('.ts')) {
          const source = readFileSync(path, 'utf8')
          for (const match of source.matchAll(/kind: '([a-z]+\.[a-z.]+)'/g)) kinds.add(match[1]!)
        }
      }
    }
    roots.forEach((root) => walk(join(__dirname, '../../..', root)))
    return [...kinds].sort()
  }

  it('has a rule for every kind of message queued anywhere (SPEC §10)', () => {
    const unmapped = queuedKinds().filter((kind) => !ruleFor(kind))

    expect(unmapped).toEqual([])
  })

  it('covers the notifications SPEC §10 lists', () => {
    expect(Object.keys(MESSAGE_RULES)).toEqual(
      expect.arrayContaining([
        'registration.approved',
        'registration.rejected',
        'club.application',
        'star.new',
        'club.grace',
        'club.exited',
        'event.published',
        'event.reminder',
        'event.cancelled',
        'event.promoted',
        'points.earned',
        'points.expiring',
        'complaint.answered',
        'rules.changed',
      ]),
    )
  })
})
