import { fieldValue, TEMPLATES, type TemplateData, type TemplateKey } from './templates'

type Payload = Record<string, unknown>

/**
 * How one kind of outbox message (SPEC §10) becomes a subscribe message: the template it uses,
 * the mini-program page a tap opens, and the raw value of each template field. Values are read
 * from the payload tolerantly: a missing field gets a neutral text, and a missing time the
 * instant the message was queued (`at`).
 */
export type MessageRule = {
  template: TemplateKey
  page(payload: Payload): string
  values(payload: Payload, at: string): Record<string, unknown>
}

const PAGES = {
  home: 'pages/index/index',
  points: 'pages/points/index',
  star: 'member/star/index',
  events: 'pages/events/index',
  suggestions: 'member/suggestions/index',
  complaints: 'member/complaints/index',
  sanctions: 'member/sanctions/index',
  myData: 'member/my-data/index',
} as const

const text = (p: Payload, key: string): string | null =>
  typeof p[key] === 'string' && (p[key] as string).trim() !== '' ? (p[key] as string) : null
const num = (p: Payload, key: string): number | null =>
  typeof p[key] === 'number' && Number.isFinite(p[key]) ? (p[key] as number) : null
const starName = (p: Payload) => (num(p, 'star') === null ? '会员' : `${num(p, 'star')}星会员`)

/** The event's page when the payload names the event, else the event list. */
const eventPage = (p: Payload) => {
  const id = text(p, 'eventId')
  return id ? `member/event-detail/index?id=${encodeURIComponent(id)}` : PAGES.events
}

const COMPLAINT_CATEGORY_TEXT: Record<string, string> = {
  service: '服务',
  product: '产品',
  points: '积分',
  event: '活动',
  suggestion: '建议',
  other: '其他',
}

/** What earned the points, by the ledger entry's label. */
const EARNED_TEXT: Record<string, string> = {
  purchase: '消费积分到账',
  event: '活动签到积分到账',
  referral: '推荐奖励积分到账',
}

const SANCTION_TEXT: Record<string, string> = {
  warning: '警告',
  suspension: '暂停资格',
  cancellation: '注销资格',
}

/** What a withdrawal (注销账户) message says, by the last part of its kind. */
const WITHDRAWAL_STATE: Record<string, string> = {
  requested: '已受理',
  confirmed: '已确认',
  completed: '已完成',
  rejected: '未通过',
  cancelled: '已撤回',
}

function withdrawalRule(state: string): MessageRule {
  return {
    template: 'account',
    page: () => PAGES.myData,
    values: (p, at) => ({
      thing1: '注销账户申请',
      phrase2: WITHDRAWAL_STATE[state] ?? '有更新',
      thing3: text(p, 'text') ?? text(p, 'reason') ?? text(p, 'note') ?? '详情请在小程序中查看',
      time4: text(p, 'at') ?? at,
    }),
  }
}

/** Every kind the use cases queue, and how it is sent. */
export const MESSAGE_RULES: Record<string, MessageRule> = {
  'registration.approved': {
    template: 'review',
    page: () => PAGES.home,
    values: (p, at) => ({
      thing1: '会员注册',
      phrase2: '已通过',
      thing3: text(p, 'cardNo') ? `会员卡号${text(p, 'cardNo')}` : '欢迎加入零售客户俱乐部',
      time4: at,
    }),
  },
  'registration.rejected': {
    template: 'review',
    page: () => PAGES.home,
    values: (p, at) => ({
      thing1: '会员注册',
      phrase2: '未通过',
      thing3: text(p, 'reason') ?? '请修改资料后重新提交',
      time4: at,
    }),
  },
  'club.application': {
    template: 'review',
    page: () => PAGES.star,
    values: (p, at) => ({
      thing1: '俱乐部入会申请',
      phrase2: p.approved === true ? '已通过' : '未通过',
      thing3:
        p.approved === true ? '欢迎加入俱乐部' : (text(p, 'reason') ?? '详情请在小程序中查看'),
      time4: at,
    }),
  },
  'points.earned': {
    template: 'points',
    page: () => PAGES.points,
    values: (p, at) => ({
      thing1: EARNED_TEXT[text(p, 'label') ?? ''] ?? '积分到账',
      number2: num(p, 'points') ?? 0,
      thing3: num(p, 'balance') === null ? '积分12个月内有效' : `当前积分${num(p, 'balance')}分`,
      time4: text(p, 'at') ?? at,
    }),
  },
  'points.expiring': {
    template: 'points',
    page: () => PAGES.points,
    values: (p, at) => ({
      thing1: '积分即将过期',
      number2: num(p, 'points') ?? 0,
      thing3: text(p, 'expiryDate') ? `将于${text(p, 'expiryDate')}过期` : '请及时兑换使用',
      time4: at,
    }),
  },
  'star.new': {
    template: 'star',
    page: () => PAGES.star,
    values: (p, at) => ({
      thing1: num(p, 'year') === null ? starName(p) : `${num(p, 'year')}年${starName(p)}`,
      thing2:
        num(p, 'qualifyingPoints') === null
          ? '年度星级已评定'
          : `上年度积分${num(p, 'qualifyingPoints')}分`,
      time3: at,
    }),
  },
  'club.grace': {
    template: 'star',
    page: () => PAGES.star,
    values: (p, at) => ({
      thing1: starName(p),
      thing2: text(p, 'graceEndsOn')
        ? `俱乐部宽限期至${text(p, 'graceEndsOn')}`
        : '俱乐部资格进入宽限期',
      time3: at,
    }),
  },
  'club.exited': {
    template: 'star',
    page: () => PAGES.star,
    values: (p, at) => ({ thing1: starName(p), thing2: '宽限期满，已退出俱乐部', time3: at }),
  },
  'rules.changed': {
    template: 'star',
    page: () => PAGES.star,
    values: (p, at) => ({
      thing1: '升星规则调整',
      thing2:
        num(p, 'effectiveYear') === null
          ? '升星门槛已调整'
          : `${num(p, 'effectiveYear')}年起适用新门槛`,
      time3: at,
    }),
  },
  'event.published': {
    template: 'eventNew',
    page: eventPage,
    values: (p) => ({
      thing1: text(p, 'title') ?? '俱乐部新活动',
      time2: text(p, 'startAt'),
      thing3: text(p, 'place') ?? '详见活动页面',
    }),
  },
  'event.reminder': {
    template: 'eventReminder',
    page: eventPage,
    values: (p) => ({
      thing1: text(p, 'title') ?? '俱乐部活动',
      time2: text(p, 'startAt'),
      thing3: text(p, 'place') ?? '详见活动页面',
      thing4: '请携带会员卡按时签到',
    }),
  },
  'event.promoted': {
    template: 'eventResult',
    page: eventPage,
    values: (p) => ({
      thing1: text(p, 'title') ?? '俱乐部活动',
      phrase2: '候补成功',
      time3: text(p, 'startAt'),
      thing4: '您已由候补转为报名成功',
    }),
  },
  'event.selected': {
    template: 'eventResult',
    page: eventPage,
    values: (p) => ({
      thing1: text(p, 'title') ?? '俱乐部活动',
      phrase2: p.selected === false ? '未入选' : '已入选',
      time3: text(p, 'startAt'),
      thing4: p.selected === false ? '感谢关注，期待下次参与' : '请按时参加',
    }),
  },
  'event.cancelled': {
    template: 'eventResult',
    page: eventPage,
    values: (p) => ({
      thing1: text(p, 'title') ?? '俱乐部活动',
      phrase2: '活动取消',
      time3: text(p, 'startAt'),
      thing4: text(p, 'reason') ?? '活动已取消',
    }),
  },
  'suggestion.answered': {
    template: 'reply',
    page: () => PAGES.suggestions,
    values: (p, at) => ({
      thing1: '俱乐部建议',
      thing2: text(p, 'answer') ?? '您的建议已收到回复',
      time3: at,
    }),
  },
  'complaint.answered': {
    template: 'reply',
    page: () => PAGES.complaints,
    values: (p, at) => {
      const category = text(p, 'category')
      return {
        thing1: category
          ? `投诉与建议·${COMPLAINT_CATEGORY_TEXT[category] ?? '其他'}`
          : '投诉与建议',
        thing2: text(p, 'answer') ?? '您的反馈已收到回复',
        time3: at,
      }
    },
  },
  'sanction.issued': {
    template: 'account',
    page: () => PAGES.sanctions,
    values: (p, at) => {
      const kind = text(p, 'sanctionKind') ?? text(p, 'kind') ?? text(p, 'type') ?? ''
      const endsOn = text(p, 'endsOn')
      return {
        thing1: `会员处分·${SANCTION_TEXT[kind] ?? '处分'}`,
        phrase2: '已生效',
        thing3: endsOn ? `暂停至${endsOn}` : (text(p, 'reason') ?? '可在小程序中查看并申诉'),
        time4: at,
      }
    },
  },
  'appeal.decided': {
    template: 'review',
    page: () => PAGES.sanctions,
    values: (p, at) => ({
      thing1: '处分申诉',
      phrase2:
        p.decision === 'overturned' || p.overturned === true
          ? '处分撤销'
          : p.decision === 'upheld' || p.overturned === false
            ? '维持原处分'
            : '已裁决',
      thing3: text(p, 'note') ?? '裁决为最终结果',
      time4: at,
    }),
  },
  'withdrawal.requested': withdrawalRule('requested'),
  'withdrawal.confirmed': withdrawalRule('confirmed'),
  'withdrawal.completed': withdrawalRule('completed'),
  'withdrawal.rejected': withdrawalRule('rejected'),
  'withdrawal.cancelled': withdrawalRule('cancelled'),
}

/** The kinds the notification table knows. */
export const NOTIFICATION_KINDS: readonly string[] = Object.keys(MESSAGE_RULES)

/** The rule for a kind; any other `withdrawal.*` kind is told as an update of the withdrawal. */
export function ruleFor(kind: string): MessageRule | null {
  if (Object.hasOwn(MESSAGE_RULES, kind)) return MESSAGE_RULES[kind]!
  if (kind.startsWith('withdrawal.')) return withdrawalRule(kind.slice('withdrawal.'.length))
  return null
}

export type RenderedMessage = { template: TemplateKey; page: string; data: TemplateData }

/**
 * The subscribe message for an outbox message: its template, page and `data` with every field of
 * the template filled within WeChat's rules (see `fieldValue`); a time or date the payload lacks
 * is the instant the message was queued. Null for a kind no rule knows.
 */
export function renderMessage(
  kind: string,
  payload: Record<string, unknown>,
  createdAt: string,
): RenderedMessage | null {
  const rule = ruleFor(kind)
  if (!rule) return null
  const values = rule.values(payload, createdAt)
  const data: TemplateData = {}
  for (const field of TEMPLATES[rule.template].fields) {
    const value = fieldValue(field.name, values[field.name])
    data[field.name] = { value: value || fieldValue(field.name, createdAt) }
  }
  return { template: rule.template, page: rule.page(payload), data }
}
