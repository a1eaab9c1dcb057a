import * as z from 'zod'
import { trimmedText } from './fields'
import type { ArrivalChannel, MemberStatus } from '../domain/member/member'
import { defineContract } from './define'
import type { StaffRole } from '../domain/member/roles'
import { answerComplaintInput, complaintsInput } from './complaints'
import { confirmWithdrawalInput, withdrawalsInput } from './privacy'
import { auditLogInput, exportReportInput, reportsInput } from './reports'
import {
  cancelStaffInviteInput,
  changeStaffRoleInput,
  changeStaffSiteInput,
  inviteStaffInput,
  revokeStaffInput,
  staffListInput,
} from './staff'
import {
  appealsInput,
  decideAppealInput,
  issueSanctionInput,
  memberSanctionsInput,
  sanctionsInput,
} from './discipline'
import {
  answerSuggestionInput,
  approveClubInput,
  clubApplicationsInput,
  clubSuggestionsInput,
  memberStarsInput,
  overrideStarInput,
  rejectClubInput,
  setThresholdsInput,
  starImportInput,
} from './star-club'

export const registrationsInput = z
  .object({
    status: z.enum(['pending', 'active', 'rejected']).default('pending'),
    offset: z.number().int().min(0).max(100_000).default(0),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict()

export const approveRegistrationInput = z
  .object({ memberId: z.string().min(1, '缺少会员编号').max(64) })
  .strict()

export const rejectRegistrationInput = z
  .object({
    memberId: z.string().min(1, '缺少会员编号').max(64),
    reason: trimmedText('驳回原因', 2, 200),
  })
  .strict()

export const adminContract = defineContract('admin', {
  registrations: { input: registrationsInput, mutating: false, personalData: '审核注册申请' },
  approveRegistration: { input: approveRegistrationInput, mutating: true },
  rejectRegistration: { input: rejectRegistrationInput, mutating: true },
  /** The club application queue (SPEC §4), oldest first. */
  clubApplications: {
    input: clubApplicationsInput,
    mutating: false,
    personalData: '审核俱乐部申请',
  },
  approveClub: { input: approveClubInput, mutating: true },
  rejectClub: { input: rejectClubInput, mutating: true },
  /** Star thresholds (SPEC §3 settings): the rules by effective year. */
  starSettings: { input: z.object({}).strict(), mutating: false },
  /** 员工工作台: the staff member, and counts of what waits for them (any staff role). */
  workbench: { input: z.object({}).strict(), mutating: false },
  setStarThresholds: { input: setThresholdsInput, mutating: true },
  /** A star import's per-row report, before anything is applied. */
  previewStarImport: { input: starImportInput, mutating: false },
  /** Applies a star import with no problem rows, atomically; audited. */
  applyStarImport: { input: starImportInput, mutating: true },
  /** A member's stars, found by card number, for the override form. */
  memberStars: { input: memberStarsInput, mutating: false, personalData: '查看会员星级' },
  /** An admin sets a member's star for the current year with a reason; audited. */
  overrideStar: { input: overrideStarInput, mutating: true },
  /** The club's suggestion box: open or answered suggestions. */
  clubSuggestions: { input: clubSuggestionsInput, mutating: false, personalData: '回复俱乐部建议' },
  answerSuggestion: { input: answerSuggestionInput, mutating: true },
  /** 投诉处理: open complaints by reply target (overdue first), or answered ones. */
  complaints: { input: complaintsInput, mutating: false, personalData: '处理投诉与建议' },
  answerComplaint: { input: answerComplaintInput, mutating: true },
  /** 纪律管理 (SPEC §8): sanction a member (warning, suspension, cancellation); audited. */
  issueSanction: { input: issueSanctionInput, mutating: true },
  /** Every sanction, newest first. */
  sanctions: { input: sanctionsInput, mutating: false, personalData: '查看处分记录' },
  /** A member found by card number, with their sanctions, for the sanction form. */
  memberSanctions: {
    input: memberSanctionsInput,
    mutating: false,
    personalData: '查看会员处分记录',
  },
  /** Appeals waiting for a decision, oldest first. */
  appeals: { input: appealsInput, mutating: false, personalData: '处理处分申诉' },
  /** Decide an appeal once, finally: upheld or overturned; audited. */
  decideAppeal: { input: decideAppealInput, mutating: true },
  /** 注销申请 (SPEC §9): open withdrawal requests, soonest due first (reviewers and admins). */
  withdrawals: { input: withdrawalsInput, mutating: false, personalData: '处理退会申请' },
  /** Closes the account and erases the member's personal data, in one transaction; audited. */
  confirmWithdrawal: { input: confirmWithdrawalInput, mutating: true },
  /** 报表 (SPEC §11, admin): a year's members, points, events, club lists, overdue complaints. */
  reports: { input: reportsInput, mutating: false },
  /** One report section as CSV, masked; audited as a bulk export (SPEC §9). */
  exportReport: { input: exportReportInput, mutating: true, limit: 'export' },
  /** 审计日志 (admin): audit records by actor, member, action and dates, newest first. */
  auditLog: { input: auditLogInput, mutating: false, personalData: '查阅审计日志' },
  /** 员工管理 (admin): staff accounts, active and revoked, and the open invites. */
  staff: { input: staffListInput, mutating: false, personalData: '管理员工账号' },
  /** Invite a clerk, reviewer or admin: a one-time code valid 48 hours; audited. */
  inviteStaff: { input: inviteStaffInput, mutating: true },
  /** Cancel an open invite; audited. */
  cancelStaffInvite: { input: cancelStaffInviteInput, mutating: true },
  /** Another staff member's role, with a reason; audited. */
  changeStaffRole: { input: changeStaffRoleInput, mutating: true },
  /** Another staff member's outlet (门店), with a reason; audited. Earlier receipts keep theirs. */
  changeStaffSite: { input: changeStaffSiteInput, mutating: true },
  /** End another staff member's access at once (the account stays, revoked), with a reason; audited. */
  revokeStaff: { input: revokeStaffInput, mutating: true },
})

/** A row of the reviewer's queue: personal data masked (SPEC §9). */
export type RegistrationSummary = {
  memberId: string
  status: MemberStatus
  realName: string
  mobileMasked: string
  licenceMasked: string
  shopName: string
  shopAddress: string
  age: number
  channel: ArrivalChannel | null
  referred: boolean
  submittedAt: string
  /** Last date (Shanghai) of the 2-working-day review target, and whether it has passed. */
  reviewDueDate: string
  overdue: boolean
  cardNo: string | null
  rejectReason: string | null
  /** Unique fields another member already holds: such an application can only be rejected. */
  heldElsewhere: ('mobile' | 'licenceNo')[]
}

export type RegistrationPage = { items: RegistrationSummary[]; total: number }

export type ReviewOutcome = { memberId: string; status: MemberStatus; cardNo: string | null }

/** 员工工作台: name, role, and what waits now; `queues` for reviewers and admins only. */
export type WorkbenchView = {
  name: string
  role: StaffRole
  /** Events open for check-in now. */
  openCheckIns: number
  /** What this clerk has done today (Shanghai day): sales recorded, members checked in. */
  today: { sales: number; checkIns: number } | null
  queues: {
    registrations: number
    clubApplications: number
    openComplaints: number
    overdueComplaints: number
    withdrawals: number
  } | null
}
