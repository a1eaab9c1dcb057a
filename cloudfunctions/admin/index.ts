import { adminContract } from '../../src/contracts/admin.contract'
import { cloudbaseMain } from '../_shared/cloudbase-main'
import { createHandler } from '../_shared/handler'
import { approveRegistration } from '../_shared/use-cases/approve-registration'
import { listRegistrations } from '../_shared/use-cases/list-registrations'
import { rejectRegistration } from '../_shared/use-cases/reject-registration'
import { approveClub, listClubApplications, rejectClub } from '../_shared/use-cases/club-membership'
import { answerClubSuggestion, listClubSuggestions } from '../_shared/use-cases/club-suggestions'
import { applyStarImport, previewStarImport } from '../_shared/use-cases/import-stars'
import { memberStars, overrideStar } from '../_shared/use-cases/override-star'
import { setStarThresholds, starSettings } from '../_shared/use-cases/star-settings'
import { workbench } from '../_shared/use-cases/workbench'
import { answerComplaint, listComplaints } from '../_shared/use-cases/complaints'
import { issueSanction, listSanctions, memberSanctions } from '../_shared/use-cases/issue-sanction'
import { decideAppeal, listAppeals } from '../_shared/use-cases/decide-appeal'
import { adminReport, exportReport } from '../_shared/use-cases/reports'
import { auditLog } from '../_shared/use-cases/audit-log'
import { confirmMemberWithdrawal, listWithdrawals } from '../_shared/use-cases/withdrawal'
import {
  cancelStaffInvite,
  changeStaffRoleUseCase,
  changeStaffSiteUseCase,
  inviteStaff,
  listStaff,
  revokeStaffUseCase,
} from '../_shared/use-cases/manage-staff'

/** admin: what reviewers and admins do: registrations, the club queue, stars, suggestions, staff. */
export const adminFunction = createHandler(adminContract, {
  registrations: (input, caller, deps) => listRegistrations(deps, caller, input),
  approveRegistration: (input, caller, deps, requestId) =>
    approveRegistration(deps, caller, input, requestId),
  rejectRegistration: (input, caller, deps, requestId) =>
    rejectRegistration(deps, caller, input, requestId),
  clubApplications: (input, caller, deps) => listClubApplications(deps, caller, input),
  approveClub: (input, caller, deps, requestId) => approveClub(deps, caller, input, requestId),
  rejectClub: (input, caller, deps, requestId) => rejectClub(deps, caller, input, requestId),
  starSettings: (_input, caller, deps) => starSettings(deps, caller),
  workbench: (_input, caller, deps) => workbench(deps, caller),
  setStarThresholds: (input, caller, deps, requestId) =>
    setStarThresholds(deps, caller, input, requestId),
  previewStarImport: (input, caller, deps) => previewStarImport(deps, caller, input),
  applyStarImport: (input, caller, deps, requestId) =>
    applyStarImport(deps, caller, input, requestId),
  memberStars: (input, caller, deps) => memberStars(deps, caller, input),
  overrideStar: (input, caller, deps, requestId) => overrideStar(deps, caller, input, requestId),
  clubSuggestions: (input, caller, deps) => listClubSuggestions(deps, caller, input),
  answerSuggestion: (input, caller, deps, requestId) =>
    answerClubSuggestion(deps, caller, input, requestId),
  complaints: (input, caller, deps) => listComplaints(deps, caller, input),
  answerComplaint: (input, caller, deps, requestId) =>
    answerComplaint(deps, caller, input, requestId),
  issueSanction: (input, caller, deps, requestId) => issueSanction(deps, caller, input, requestId),
  sanctions: (input, caller, deps) => listSanctions(deps, caller, input),
  memberSanctions: (input, caller, deps) => memberSanctions(deps, caller, input),
  appeals: (input, caller, deps) => listAppeals(deps, caller, input),
  decideAppeal: (input, caller, deps, requestId) => decideAppeal(deps, caller, input, requestId),
  reports: (input, caller, deps) => adminReport(deps, caller, input),
  exportReport: (input, caller, deps, requestId) => exportReport(deps, caller, input, requestId),
  auditLog: (input, caller, deps) => auditLog(deps, caller, input),
  withdrawals: (input, caller, deps) => listWithdrawals(deps, caller, input),
  confirmWithdrawal: (input, caller, deps, requestId) =>
    confirmMemberWithdrawal(deps, caller, input, requestId),
  staff: (input, caller, deps) => listStaff(deps, caller, input),
  inviteStaff: (input, caller, deps, requestId) => inviteStaff(deps, caller, input, requestId),
  cancelStaffInvite: (input, caller, deps, requestId) =>
    cancelStaffInvite(deps, caller, input, requestId),
  changeStaffRole: (input, caller, deps, requestId) =>
    changeStaffRoleUseCase(deps, caller, input, requestId),
  changeStaffSite: (input, caller, deps, requestId) =>
    changeStaffSiteUseCase(deps, caller, input, requestId),
  revokeStaff: (input, caller, deps, requestId) =>
    revokeStaffUseCase(deps, caller, input, requestId),
})

export const main = cloudbaseMain(adminFunction)
