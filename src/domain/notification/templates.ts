import { formatShanghaiDateTime, isCalendarDate, shanghaiDate } from '../shared/calendar'

/**
 * The WeChat subscribe-message templates (订阅消息模板) the club sends, by our own key. The ids are
 * settings (chosen in the mini-program console, one per key); the fields below are what each
 * template chosen for a key must have. One accepted `requestSubscribeMessage` allows one send of
 * that template (SPEC §10, PLATFORM §3).
 */
export const TEMPLATE_KEYS = [
  'review',
  'points',
  'star',
  'eventNew',
  'eventResult',
  'eventReminder',
  'reply',
  'account',
] as const
export type TemplateKey = (typeof TEMPLATE_KEYS)[number]

/** WeChat asks for at most 3 templates per `requestSubscribeMessage` (PLATFORM §3). */
export const MAX_TEMPLATES_PER_REQUEST = 3

export type TemplateField = { name: string; label: string }
export type Template = { title: string; fields: readonly TemplateField[] }

export const TEMPLATES: Record<TemplateKey, Template> = {
  review: {
    title: '审核结果通知',
    fields: [
      { name: 'thing1', label: '申请事项' },
      { name: 'phrase2', label: '审核结果' },
      { name: 'thing3', label: '备注' },
      { name: 'time4', label: '审核时间' },
    ],
  },
  points: {
    title: '积分变动提醒',
    fields: [
      { name: 'thing1', label: '变动说明' },
      { name: 'number2', label: '积分数量' },
      { name: 'thing3', label: '温馨提示' },
      { name: 'time4', label: '变动时间' },
    ],
  },
  star: {
    title: '会员等级变更通知',
    fields: [
      { name: 'thing1', label: '会员等级' },
      { name: 'thing2', label: '变更说明' },
      { name: 'time3', label: '变更时间' },
    ],
  },
  eventNew: {
    title: '新活动上线通知',
    fields: [
      { name: 'thing1', label: '活动名称' },
      { name: 'time2', label: '活动时间' },
      { name: 'thing3', label: '活动地点' },
    ],
  },
  eventResult: {
    title: '活动报名结果通知',
    fields: [
      { name: 'thing1', label: '活动名称' },
      { name: 'phrase2', label: '报名结果' },
      { name: 'time3', label: '活动时间' },
      { name: 'thing4', label: '备注' },
    ],
  },
  eventReminder: {
    title: '活动开始提醒',
    fields: [
      { name: 'thing1', label: '活动名称' },
      { name: 'time2', label: '开始时间' },
      { name: 'thing3', label: '活动地点' },
      { name: 'thing4', label: '温馨提示' },
    ],
  },
  reply: {
    title: '留言回复通知',
    fields: [
      { name: 'thing1', label: '留言类型' },
      { name: 'thing2', label: '回复内容' },
      { name: 'time3', label: '回复时间' },
    ],
  },
  account: {
    title: '账户状态通知',
    fields: [
      { name: 'thing1', label: '事项' },
      { name: 'phrase2', label: '状态' },
      { name: 'thing3', label: '说明' },
      { name: 'time4', label: '时间' },
    ],
  },
}

export const isTemplateKey = (value: unknown): value is TemplateKey =>
  typeof value === 'string' && (TEMPLATE_KEYS as readonly string[]).includes(value)

/** WeChat's limits on a field's value, by the field's type (its name without the number). */
const THING_MAX = 20
const PHRASE_MAX = 5
const CHARACTER_STRING_MAX = 32
const NUMBER_MAX = 32
const NAME_MAX = 10
/** Shown for an empty text field, which WeChat refuses (47003). */
const EMPTY_TEXT = '无'

const chars = (value: string) => Array.from(value)
const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim()

/** At most `max` characters; a longer text keeps `max - 1` and ends with an ellipsis. */
function clip(value: string, max: number): string {
  const all = chars(value)
  return all.length <= max ? value : all.slice(0, max - 1).join('') + '…'
}

function numberText(raw: unknown): string {
  const n = typeof raw === 'number' ? raw : Number(raw)
  if (!Number.isFinite(n)) return '0'
  // Digits and an optional decimal point only: a deduction is shown by its size.
  return String(Math.round(Math.abs(n) * 100) / 100).slice(0, NUMBER_MAX)
}

function timeText(raw: unknown): string {
  if (typeof raw !== 'string' || Number.isNaN(Date.parse(raw))) return ''
  return isCalendarDate(raw) ? `${raw} 00:00` : formatShanghaiDateTime(raw)
}

function dateText(raw: unknown): string {
  if (typeof raw !== 'string') return ''
  if (isCalendarDate(raw)) return raw
  return Number.isNaN(Date.parse(raw)) ? '' : shanghaiDate(new Date(raw))
}

/**
 * A value as WeChat accepts it for a field (PLATFORM §3, subscribeMessage.send): `thing` at most 20
 * characters (a longer text is cut with …), `phrase` at most 5, `name` at most 10,
 * `character_string` at most 32 of letters, digits and symbols, `number` digits with an optional
 * decimal point, `time` as `YYYY-MM-DD HH:mm` and `date` as `YYYY-MM-DD` in Shanghai. An empty
 * text becomes 无; an unreadable time or date is empty (the caller supplies a fallback).
 */
export function fieldValue(field: string, raw: unknown): string {
  const type = field.replace(/\d+$/, '')
  const text = raw === null || raw === undefined ? '' : oneLine(String(raw))
  switch (type) {
    case 'time':
      return timeText(raw)
    case 'date':
      return dateText(raw)
    case 'number':
    case 'amount':
      return numberText(raw)
    case 'phrase':
      return text ? chars(text).slice(0, PHRASE_MAX).join('') : EMPTY_TEXT
    case 'name':
      return text ? chars(text).slice(0, NAME_MAX).join('') : EMPTY_TEXT
    case 'character_string':
      return text.replace(/[^\x21-\x7e]/g, '').slice(0, CHARACTER_STRING_MAX) || '-'
    default:
      return text ? clip(text, THING_MAX) : EMPTY_TEXT
  }
}

/** WeChat's `data` of a subscribe message: each field's value under `{value}`. */
export type TemplateData = Record<string, { value: string }>
