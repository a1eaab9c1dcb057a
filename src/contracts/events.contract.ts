import * as z from 'zod'
import type { ClubEvent, EventStatus } from '../domain/event/event'
import { EVENT_KINDS, EVENT_MODES } from '../domain/event/event'
import type { SignupStatus } from '../domain/event/signup'
import type { StarValue } from '../domain/star/star'
import { defineContract } from './define'
import { normaliseTypedText } from '../domain/shared/typed-text'
import { isoInstant, trimmedText, visibleString } from './fields'
import type { Page } from './page'

const eventId = z.string({ error: '缺少活动编号' }).min(1, '缺少活动编号').max(64)
const paging = {
  offset: z.number().int().min(0).max(100_000).default(0),
  limit: z.number().int().min(1).max(100).default(20),
}
const optionalText = (label: string, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? normaliseTypedText(v) || null : v),
    visibleString(label, 'lines').max(max, `${label}最多${max}个字`).nullable().default(null),
  )

/** Every SPEC §7 field of an event, as an admin fills it in. */
export const eventDraftInput = z
  .object({
    /** Absent for a new event. */
    id: z.string().min(1).max(64).optional(),
    /** The version read, for an edit: a concurrent change is refused rather than overwritten. */
    version: z.number().int().min(1).optional(),
    kind: z.enum(EVENT_KINDS, { error: '请选择活动类型' }),
    title: trimmedText('活动名称', 2, 40, { layout: 'line' }),
    description: trimmedText('活动介绍', 2, 2000),
    coverImage: z.string().max(500).url('请填写正确的图片地址').nullable().default(null),
    place: trimmedText('活动地点', 2, 100, { layout: 'line' }),
    contact: trimmedText('联系人', 2, 50, { layout: 'line' }),
    startAt: isoInstant,
    endAt: isoInstant,
    signupOpensAt: isoInstant,
    signupClosesAt: isoInstant,
    capacity: z
      .number({ error: '请填写名额' })
      .int('名额应为整数')
      .min(1, '名额至少为1')
      .max(10_000, '名额最多10000'),
    attendancePoints: z
      .number({ error: '请填写签到积分' })
      .int('积分应为整数')
      .min(0, '积分不能为负')
      .max(100_000, '积分过大'),
    clubOnly: z.boolean({ error: '请选择是否仅限俱乐部会员' }),
    minStar: z.number().int().min(1, '星级为1–5').max(5, '星级为1–5').nullable().default(null),
    acknowledgement: optionalText('活动须知', 1000),
    mode: z.enum(EVENT_MODES, { error: '请选择报名方式' }),
  })
  .strict()
export type EventDraftInput = z.infer<typeof eventDraftInput>

export const eventsContract = defineContract('events', {
  /** Members: published events, upcoming or past, optionally one kind. */
  list: {
    input: z
      .object({
        kind: z.enum(EVENT_KINDS).optional(),
        when: z.enum(['upcoming', 'past']).default('upcoming'),
        ...paging,
      })
      .strict(),
    mutating: false,
  },
  detail: { input: z.object({ eventId }).strict(), mutating: false },
  signUp: {
    input: z.object({ eventId, acknowledged: z.boolean().default(false) }).strict(),
    mutating: true,
  },
  cancelSignup: { input: z.object({ eventId }).strict(), mutating: true },
  mySignups: { input: z.object({}).strict(), mutating: false },
  /** Admin: every event, drafts included, latest first. */
  adminList: { input: z.object(paging).strict(), mutating: false },
  save: { input: eventDraftInput, mutating: true },
  publish: { input: z.object({ eventId }).strict(), mutating: true },
  cancel: {
    input: z.object({ eventId, reason: trimmedText('取消原因', 2, 200) }).strict(),
    mutating: true,
  },
  /** Staff: an event's sign-ups with the member's star and attendance history. */
  roster: {
    input: z
      .object({
        eventId,
        status: z.enum(['confirmed', 'waitlisted', 'applied', 'rejected', 'cancelled']).optional(),
        ...paging,
      })
      .strict(),
    mutating: false,
    personalData: '查看活动报名名单',
  },
  select: {
    input: z.object({ eventId, memberId: z.string().min(1).max(64) }).strict(),
    mutating: true,
  },
  closeSelection: { input: z.object({ eventId }).strict(), mutating: true },
  /** Staff: the attendance list as CSV (mobile masked); audited. */
  exportAttendance: { input: z.object({ eventId }).strict(), mutating: true, limit: 'export' },
  /** Clerks: events open for check-in now. */
  checkInEvents: { input: z.object({}).strict(), mutating: false },
  /** A clerk scans a member's card code at the venue: attendance and the event's points, once. */
  checkIn: {
    input: z
      .object({
        eventId,
        code: z
          .string({ error: '请扫描或输入会员码' })
          .min(1, '请扫描或输入会员码')
          .max(200, '会员码过长'),
      })
      .strict(),
    mutating: true,
    limit: 'codeCheck',
    countAlongside: true,
  },
})

export type EventView = Omit<ClubEvent, 'createdBy' | 'version' | 'noShowsMarked' | 'signups'> & {
  remaining: number
  version: number
}

export type MySignupView = {
  status: SignupStatus
  /** Place on the waitlist (1 = next), for a waitlisted sign-up. */
  position: number | null
  checkedInAt: string | null
  noShow: boolean
  cancellable: boolean
  /** The last moment to cancel: 16:00 Shanghai on the event day. */
  cancelDeadline: string
}

export type Eligibility = { ok: true } | { ok: false; code: string; message: string }

export type MemberEventView = EventView & { eligibility: Eligibility; mine: MySignupView | null }

export type MemberEventPage = Page<MemberEventView> & {
  /** The end of the member's no-show block, shown with the list. */
  blockedUntil: string | null
}

export type RosterEntry = {
  memberId: string
  realName: string
  mobileMasked: string
  cardNo: string | null
  star: StarValue | null
  status: SignupStatus
  seq: number
  checkedInAt: string | null
  noShow: boolean
  /** Events attended and missed in the past 12 months (for selection). */
  attended: number
  noShows: number
}

export type RosterView = Page<RosterEntry> & {
  event: EventView
  counts: { confirmed: number; waitlisted: number; applied: number; checkedIn: number }
}

export type CheckInOutcome = {
  realName: string
  cardNo: string
  points: number
  balance: number
  checkedIn: number
  confirmed: number
}

export type AdminEventPage = Page<EventView & { status: EventStatus }>
export type CsvExport = { filename: string; csv: string; rows: number }
