import * as z from 'zod'
import { trimmedText } from './fields'
import type { ClubMembership } from '../domain/club/club'
import type { ArrivalChannel, MemberStatus } from '../domain/member/member'
import type { CorrectableField } from '../domain/privacy/correction'
import type { WithdrawalStatus } from '../domain/privacy/withdrawal'
import type { LedgerEntry } from '../domain/points/points'
import type { StarGrant } from '../domain/star/star'
import type { Signup } from '../domain/event/signup'
import type { Suggestion } from '../domain/club/suggestion'
import type { Complaint } from '../domain/care/complaint'
import type { Sanction } from '../domain/discipline/sanction'
import type { Page } from './page'

/** Schemas and views of privacy self-service (SPEC §9), used by the member and admin contracts. */

/** Re-consent to the policy version in force (it must be that version, SPEC §2, §9). */
export const consentInput = z
  .object({
    version: z
      .string({ error: '请阅读并同意最新版会员协议与隐私政策' })
      .min(1, '请阅读并同意最新版会员协议与隐私政策')
      .max(32, '协议版本不正确'),
  })
  .strict()

export const requestWithdrawalInput = z
  .object({
    /** Optional; a blank reason is no reason. */
    reason: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      trimmedText('注销原因', 1, 200, { missing: '注销原因为文字' }).optional(),
    ),
  })
  .strict()

export const withdrawalsInput = z
  .object({
    offset: z.number().int().min(0).max(100_000).default(0),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict()

export const confirmWithdrawalInput = z
  .object({
    id: z
      .string({ error: '缺少注销申请编号' })
      .min(1, '缺少注销申请编号')
      .max(96, '注销申请编号不正确'),
  })
  .strict()

/** 我的数据: the member's own data in clear (SPEC §9: view own data). */
export type MyDataView = {
  id: string
  status: MemberStatus
  realName: string
  mobile: string
  shopName: string
  shopAddress: string
  licenceNo: string
  birthday: string
  cardNo: string | null
  consentVersion: string
  consentAt: string
  /** The version in force; the member is asked to agree again when it differs. */
  policyVersion: string
  channel: ArrivalChannel | null
  referralCode: string | null
  createdAt: string
}

/** What a correction changed; the page reloads the data (a result is stored, so never in clear). */
export type CorrectionOutcome = { changed: CorrectableField[]; version: number }

export type ConsentOutcome = { consentVersion: string; consentAt: string }

export type WithdrawalView = {
  id: string
  status: WithdrawalStatus
  reason: string | null
  requestedAt: string
  dueOn: string
  confirmedAt: string | null
  cancelledAt: string | null
}

/** A row of the staff queue: enough to recognise the member, personal data masked. */
export type StaffWithdrawalView = WithdrawalView & {
  memberId: string
  realName: string
  mobileMasked: string
  shopName: string
  cardNo: string | null
  memberStatus: MemberStatus | null
  /** Still open after its due date (Shanghai). */
  overdue: boolean
}

export type StaffWithdrawalPage = Page<StaffWithdrawalView> & { asOf: string }

/** The outcome of a confirmation: the anonymous id only, nothing personal. */
export type WithdrawalConfirmed = { id: string; memberId: string; status: WithdrawalStatus }

/**
 * 导出我的数据: everything stored about the member, as JSON (SPEC §9). The card's secret and
 * internal scan bookkeeping are left out; notifications are the outbox messages queued for them.
 */
export type MyDataExport = {
  exportedAt: string
  profile: Omit<MyDataView, 'policyVersion' | 'consentVersion' | 'consentAt'> & {
    referredBy: string | null
    submittedAt: string
    reviewedAt: string | null
    updatedAt: string
  }
  consent: { version: string; at: string; policyVersion: string }
  card: { cardNo: string; status: string; version: number; issuedAt: string } | null
  points: {
    balance: number
    lots: { earnedAt: string; expiresAt: string; remaining: number }[]
    ledger: LedgerEntry[]
  }
  vouchers: {
    code: string
    itemName: string
    points: number
    faceValueFen: number | null
    pickupDate: string
    status: string
    issuedAt: string
    usedAt: string | null
  }[]
  stars: StarGrant[]
  club: ClubMembership | null
  signups: Signup[]
  suggestions: Suggestion[]
  complaints: Complaint[]
  sanctions: Sanction[]
  notifications: { id: string; kind: string; payload: unknown; createdAt: string; status: string }[]
  withdrawals: WithdrawalView[]
}
