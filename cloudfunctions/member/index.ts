import { memberContract } from '../../src/contracts/member.contract'
import { wechatPhones } from '../_shared/adapters/cloudbase/wechat-phones'
import { cloudbaseMain } from '../_shared/cloudbase-main'
import { createHandler } from '../_shared/handler'
import { getMe } from '../_shared/use-cases/get-me'
import { registerMember } from '../_shared/use-cases/register-member'
import { applyClub, leaveClub } from '../_shared/use-cases/club-membership'
import { mySuggestions, suggest } from '../_shared/use-cases/club-suggestions'
import { starOverview } from '../_shared/use-cases/star-overview'

/** member: what a retailer does about their own account, star and club. */
export const memberFunction = createHandler(memberContract, {
  register: (input, caller, deps, requestId) => registerMember(deps, caller, input, requestId),
  me: (_input, caller, deps) => getMe(deps, caller),
  star: (_input, caller, deps) => starOverview(deps, caller),
  applyClub: (_input, caller, deps, requestId) => applyClub(deps, caller, requestId),
  leaveClub: (_input, caller, deps, requestId) => leaveClub(deps, caller, requestId),
  suggestions: (_input, caller, deps) => mySuggestions(deps, caller),
  suggest: (input, caller, deps, requestId) => suggest(deps, caller, input, requestId),
})

export const main = cloudbaseMain(memberFunction, { phones: wechatPhones })
