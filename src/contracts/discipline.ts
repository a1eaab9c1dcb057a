import * as z from 'zod'
import type { MemberStatus } from '../domain/member/member'
import {
  APPEAL_DECISIONS,
  APPEAL_TEXT_LENGTH,
  DECISION_NOTE_LENGTH,
  SANCTION_KINDS,
  SANCTION_REASON_LENGTH,
  type AppealDecision,
  type SanctionKind,
  type SanctionState,
} from '../domain/discipline/sanction'
import { isCalendarDate } from '../domain/shared/calendar'
import { trimmedText } from './fields'
import type { Page } from './page'

/** Schemas and views of discipline and appeals (SPEC §8), used by member, admin and jobs. */

const id = (missing: string) => z.string({ error: missing }).min(1, missing).max(64)
const cardNo = z.string({ error: '请输入会员卡号' }).regex(/^\d{12}$/, '会员卡号为12位数字')
const paging = {
  offset: z.number().int().min(0).max(100_000).default(0),
  limit: z.number().int().min(1).max(100).default(20),
}

/**
 * An admin's sanction: the member by id or by card number (exactly one), the kind, the reason,
 * and for a suspension (only) its last day. Whether the day is in range is the domain's rule.
 */
export const issueSanctionInput = z
  .object({
    memberId: id('缺少会员编号').optional(),
    cardNo: cardNo.optional(),
    kind: z.enum(SANCTION_KINDS, { error: '请选择处分类型' }),
    reason: trimmedText('处分原因', SANCTION_REASON_LENGTH.min, SANCTION_REASON_LENGTH.max),
    endsOn: z
      .string({ error: '请选择暂停结束日期' })
      .refine(isCalendarDate, '请选择正确的日期（年-月-日）')
      .optional(),
  })
  .strict()
  .superRefine((form, ctx) => {
    if ((form.memberId === undefined) === (form.cardNo === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['cardNo'], message: '请指定一位会员' })
    }
    if (form.kind === 'suspension' && form.endsOn === undefined) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '请选择暂停结束日期' })
    }
    if (form.kind !== 'suspension' && form.endsOn !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '仅暂停处分需要结束日期' })
    }
  })
export type IssueSanctionInput = z.infer<typeof issueSanctionInput>

export const sanctionsInput = z.object(paging).strict()
export const memberSanctionsInput = z.object({ cardNo }).strict()
export const appealsInput = z.object(paging).strict()

export const decideAppealInput = z
  .object({
    sanctionId: id('缺少处分编号'),
    decision: z.enum(APPEAL_DECISIONS, { error: '请选择维持或撤销' }),
    note: trimmedText('裁决说明', DECISION_NOTE_LENGTH.min, DECISION_NOTE_LENGTH.max),
  })
  .strict()

export const appealSanctionInput = z
  .object({
    sanctionId: id('缺少处分编号'),
    text: trimmedText('申诉内容', APPEAL_TEXT_LENGTH.min, APPEAL_TEXT_LENGTH.max),
  })
  .strict()

export type AppealView = {
  text: string
  filedAt: string
  decision: AppealDecision | null
  note: string | null
  decidedAt: string | null
}

/** A sanction as its member reads it (我的处分). */
export type SanctionView = {
  id: string
  kind: SanctionKind
  reason: string
  endsOn: string | null
  issuedAt: string
  state: SanctionState
  appeal: AppealView | null
  /** Whether the 申诉 button works: once per sanction, never after it was overturned. */
  canAppeal: boolean
}

/** A sanction in the admin's lists, with whom it concerns (mobile masked, SPEC §9). */
export type StaffSanctionView = SanctionView & {
  memberId: string
  realName: string
  mobileMasked: string
  cardNo: string | null
  memberStatus: MemberStatus
  issuedBy: string
}

/** A member found by card number for the sanction form, with every sanction they had. */
export type MemberSanctionsView = {
  memberId: string
  realName: string
  mobileMasked: string
  cardNo: string | null
  status: MemberStatus
  suspendedUntil: string | null
  sanctions: SanctionView[]
}

export type StaffSanctionPage = Page<StaffSanctionView>

/** What the suspension job did: suspensions ended and members active again. */
export type SuspensionEndReport = {
  day: string
  ended: number
  reactivated: number
  /** More were due than one call handles; the next run continues. */
  more: boolean
}
