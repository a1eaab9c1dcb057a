import * as z from 'zod'
import type { ClubState } from '../domain/club/club'
import type { StarImportProblem } from '../domain/star/star-import'
import type { StarSource, StarValue } from '../domain/star/star'
import type { StarProgress, StarThresholds } from '../domain/star/thresholds'
import type { Page } from './page'
import { trimmedText } from './fields'

/** Schemas and views of star levels (SPEC §3) and the club (SPEC §4), used by member and admin. */

const memberId = z.string({ error: '缺少会员编号' }).min(1, '缺少会员编号').max(64)
const year = z
  .number({ error: '请填写年份' })
  .int('请填写年份')
  .min(2000, '年份不正确')
  .max(2100, '年份不正确')
const paging = {
  offset: z.number().int().min(0).max(100_000).default(0),
  limit: z.number().int().min(1).max(100).default(20),
}

export const suggestInput = z.object({ text: trimmedText('建议内容', 5, 500) }).strict()

export const clubApplicationsInput = z.object(paging).strict()
export const approveClubInput = z.object({ memberId }).strict()
export const rejectClubInput = z
  .object({ memberId, reason: trimmedText('驳回原因', 2, 200) })
  .strict()

export const setThresholdsInput = z
  .object({
    effectiveYear: year,
    thresholds: z
      .array(z.number({ error: '请填写整数' }).int('请填写整数'), { error: '请填写升星门槛' })
      .length(4, '需要2–5星共4个门槛'),
  })
  .strict()

/** CSV text of `licence number, star` rows; a function call carries at most 100 KB of text. */
export const starImportInput = z
  .object({
    year,
    csv: z
      .string({ error: '请选择或粘贴CSV文件内容' })
      .min(1, '请选择或粘贴CSV文件内容')
      .max(100_000, '文件过大（最多100KB）'),
  })
  .strict()

export const memberStarsInput = z
  .object({ cardNo: z.string({ error: '请输入会员卡号' }).regex(/^\d{12}$/, '会员卡号为12位数字') })
  .strict()

export const overrideStarInput = z
  .object({
    memberId,
    star: z.number({ error: '请选择星级' }).int().min(1, '星级为1–5').max(5, '星级为1–5'),
    reason: trimmedText('修改原因', 2, 200),
  })
  .strict()

export const clubSuggestionsInput = z
  .object({ answered: z.boolean().default(false), ...paging })
  .strict()
export const answerSuggestionInput = z
  .object({ id: z.string().min(1, '缺少建议编号').max(64), answer: trimmedText('答复', 2, 500) })
  .strict()

export const adjustStarsInput = z
  .object({
    /** The year whose earnings are judged; by default the year just ended. */
    year: year.optional(),
    limit: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict()
export const adjustmentProgressInput = z.object({ year: year.optional() }).strict()

export type StarHistoryItem = {
  year: number
  star: StarValue
  source: StarSource
  reason: string | null
}

/** The member's club standing and what comes next. */
export type ClubView = {
  state: ClubState
  since: string | null
  /** The last day of a grace year: the next adjustment then decides (active again or exited). */
  graceEndsOn: string | null
  /** A rejection or exit reason. */
  reason: string | null
  /** Whether the apply button works now; when not, why (a CLUB.* code) or null when in the club. */
  canApply: boolean
}

export type StarOverview = {
  year: number
  star: StarValue | null
  history: StarHistoryItem[]
  /** This year's qualifying points against this year's thresholds. */
  progress: StarProgress
  thresholds: StarThresholds
  club: ClubView
}

export type SuggestionView = {
  id: string
  text: string
  createdAt: string
  answer: string | null
  answeredAt: string | null
}

export type StaffSuggestionView = SuggestionView & {
  memberId: string
  realName: string
  shopName: string
}

export type ClubApplicationView = {
  memberId: string
  realName: string
  shopName: string
  mobileMasked: string
  cardNo: string | null
  star: StarValue | null
  appliedAt: string
}

export type StarRuleView = { effectiveYear: number; thresholds: StarThresholds; setAt: string }

export type StarSettingsView = {
  currentYear: number
  /** Thresholds judging this year's earnings (shown to members as their target). */
  current: StarThresholds
  rules: StarRuleView[]
}

export type StarImportRowView = {
  line: number
  licenceMasked: string
  star: StarValue | null
  problems: StarImportProblem[]
  duplicateLines: number[]
}

export type StarImportReport = {
  year: number
  rows: StarImportRowView[]
  valid: number
  problems: number
  /** Set when applied: the count of members whose star the import sets. */
  applied: number | null
}

export type MemberStarsView = {
  memberId: string
  realName: string
  cardNo: string
  year: number
  star: StarValue | null
  history: StarHistoryItem[]
  clubState: ClubState
}

export type ClubApplicationPage = Page<ClubApplicationView>
export type StaffSuggestionPage = Page<StaffSuggestionView>
