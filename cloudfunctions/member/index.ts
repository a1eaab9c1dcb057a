import { memberContract } from '../../src/contracts/member.contract'
import { wechatContentCheck } from '../_shared/adapters/cloudbase/wechat-content-check'
import { wechatPhones } from '../_shared/adapters/cloudbase/wechat-phones'
import { cloudbaseMain } from '../_shared/cloudbase-main'
import { createHandler } from '../_shared/handler'
import { getMe } from '../_shared/use-cases/get-me'
import { registerMember } from '../_shared/use-cases/register-member'
import { applyClub, leaveClub } from '../_shared/use-cases/club-membership'
import { mySuggestions, suggest } from '../_shared/use-cases/club-suggestions'
import { starOverview } from '../_shared/use-cases/star-overview'
import { fileComplaint, myComplaints } from '../_shared/use-cases/complaints'
import { appealSanction, mySanctions } from '../_shared/use-cases/appeal-sanction'
import { notificationSettings, subscribe } from '../_shared/use-cases/notification-subscriptions'
import { consent, correctData, myData } from '../_shared/use-cases/my-data'
import { exportData } from '../_shared/use-cases/export-data'
import {
  cancelMyWithdrawal,
  myWithdrawal,
  requestMyWithdrawal,
} from '../_shared/use-cases/withdrawal'
import { acceptStaffInvite } from '../_shared/use-cases/accept-staff-invite'

/** member: what a retailer does about their own account, star and club. */
export const memberFunction = createHandler(memberContract, {
  register: (input, caller, deps, requestId) => registerMember(deps, caller, input, requestId),
  me: (_input, caller, deps) => getMe(deps, caller),
  star: (_input, caller, deps) => starOverview(deps, caller),
  applyClub: (_input, caller, deps, requestId) => applyClub(deps, caller, requestId),
  leaveClub: (_input, caller, deps, requestId) => leaveClub(deps, caller, requestId),
  suggestions: (_input, caller, deps) => mySuggestions(deps, caller),
  suggest: (input, caller, deps, requestId) => suggest(deps, caller, input, requestId),
  fileComplaint: (input, caller, deps, requestId) => fileComplaint(deps, caller, input, requestId),
  myComplaints: (_input, caller, deps) => myComplaints(deps, caller),
  mySanctions: (_input, caller, deps) => mySanctions(deps, caller),
  appealSanction: (input, caller, deps, requestId) =>
    appealSanction(deps, caller, input, requestId),
  notificationSettings: (_input, caller, deps) => notificationSettings(deps, caller),
  subscribe: (input, caller, deps, requestId) => subscribe(deps, caller, input, requestId),
  myData: (_input, caller, deps) => myData(deps, caller),
  correctData: (input, caller, deps, requestId) => correctData(deps, caller, input, requestId),
  exportData: (_input, caller, deps, requestId) => exportData(deps, caller, requestId),
  consent: (input, caller, deps, requestId) => consent(deps, caller, input, requestId),
  requestWithdrawal: (input, caller, deps, requestId) =>
    requestMyWithdrawal(deps, caller, input, requestId),
  cancelWithdrawal: (_input, caller, deps, requestId) =>
    cancelMyWithdrawal(deps, caller, requestId),
  myWithdrawal: (_input, caller, deps) => myWithdrawal(deps, caller),
  acceptStaffInvite: (input, caller, deps, requestId) =>
    acceptStaffInvite(deps, caller, input, requestId),
})

export const main = cloudbaseMain(
  memberFunction,
  { phones: wechatPhones, content: wechatContentCheck },
  {},
  { messagePushes: true },
)
