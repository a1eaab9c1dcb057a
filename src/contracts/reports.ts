import * as z from 'zod'
import type { ComplaintCategory } from '../domain/care/complaint'
import type { ReportMonth } from '../domain/report/report-calendar'
import type {
  EventRateRow,
  EventTotals,
  LabelPoints,
  MonthCount,
  MonthlyPoints,
  StarCount,
  StatusCount,
} from '../domain/report/report-rows'
import { isCalendarDate } from '../domain/shared/calendar'
import type { StarValue } from '../domain/star/star'
import type { Page } from './page'

/** Schemas and views of the admin reports (SPEC §11) and the audit log page (审计日志). */

const year = z
  .number({ error: '请选择年份' })
  .int('请选择年份')
  .min(2000, '年份不正确')
  .max(2100, '年份不正确')

export const reportsInput = z.object({ year }).strict()

/** The sections of the report page, each exportable as CSV. */
export const REPORT_SECTIONS = [
  'members',
  'newMembers',
  'points',
  'events',
  'club',
  'complaints',
] as const
export type ReportSection = (typeof REPORT_SECTIONS)[number]

export const exportReportInput = z
  .object({ year, report: z.enum(REPORT_SECTIONS, { error: '请选择要导出的报表' }) })
  .strict()

const calendarDate = (label: string) =>
  z
    .string({ error: `请选择${label}` })
    .refine(isCalendarDate, `${label}格式应为YYYY-MM-DD`)
    .optional()

export const auditLogInput = z
  .object({
    /** The staff id (or member id, or `system`) who acted. */
    actorId: z
      .string({ error: '操作人编号不正确' })
      .trim()
      .min(1, '操作人编号不正确')
      .max(64, '操作人编号不正确')
      .optional(),
    /** A member id or a 12-digit card number: records about that member or what is theirs. */
    member: z
      .string({ error: '请输入会员卡号或会员编号' })
      .trim()
      .min(1, '请输入会员卡号或会员编号')
      .max(64, '会员卡号或会员编号不正确')
      .optional(),
    action: z
      .string({ error: '操作类型不正确' })
      .regex(/^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$/, '操作类型不正确')
      .max(64, '操作类型不正确')
      .optional(),
    /** Shanghai calendar days, both included. */
    from: calendarDate('开始日期'),
    to: calendarDate('结束日期'),
    offset: z.number().int().min(0).max(100_000).default(0),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ['to'],
    message: '结束日期不能早于开始日期',
  })
export type AuditLogQuery = z.input<typeof auditLogInput>

/** A member on a report list: personal data masked (SPEC §9). */
export type ReportMemberRow = {
  memberId: string
  realName: string
  mobileMasked: string
  licenceMasked: string
  cardNo: string | null
  shopName: string
  /** The member's star for the report year, if any. */
  star: StarValue | null
}

/** A club member in grace for the year (宽限期) or forced out at the year's adjustment (强制退出). */
export type ClubListRow = ReportMemberRow & {
  /** When the grace began or the exit happened. */
  since: string
  graceYear: number | null
}

export type OverdueComplaintRow = {
  id: string
  memberId: string
  realName: string
  mobileMasked: string
  category: ComplaintCategory
  /** The complaint's opening words (the full text is on the complaints page). */
  excerpt: string
  createdAt: string
  dueAt: string
  hoursOverdue: number
}

export type AdminReport = {
  year: number
  generatedAt: string
  members: {
    byStatus: StatusCount[]
    byStar: StarCount[]
    total: number
    starred: number
  }
  newMembers: { months: MonthCount[]; total: number }
  points: {
    months: MonthlyPoints[]
    totals: Omit<MonthlyPoints, 'month'>
    byLabel: LabelPoints[]
  }
  events: { events: EventRateRow[]; totals: EventTotals }
  club: { grace: ClubListRow[]; exits: ClubListRow[] }
  /** Open complaints past their 48-hour reply target now, most overdue first. */
  complaints: { overdue: number; items: OverdueComplaintRow[] }
}

/** An exported report: CSV text (UTF-8 with a BOM, for Excel) and how many data rows it holds. */
export type ReportExport = { filename: string; csv: string; rows: number }

export type AuditEntryView = {
  id: string
  at: string
  actorId: string
  /** The staff member's name, the member's name, or null when the actor is unknown (system). */
  actorName: string | null
  actorRole: string
  action: string
  targetType: string
  targetId: string
  reason: string | null
  before: unknown
  after: unknown
}

export type AuditLogPage = Page<AuditEntryView>

export type { ReportMonth }
