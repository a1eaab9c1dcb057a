import { memberContract } from '../../src/contracts/member.contract'
import { wechatPhones } from '../_shared/adapters/cloudbase/wechat-phones'
import { cloudbaseMain } from '../_shared/cloudbase-main'
import { createHandler } from '../_shared/handler'
import { getMe } from '../_shared/use-cases/get-me'
import { registerMember } from '../_shared/use-cases/register-member'

/** member: what a retailer does about their own account. */
export const memberFunction = createHandler(memberContract, {
  register: (input, caller, deps, requestId) => registerMember(deps, caller, input, requestId),
  me: (_input, caller, deps) => getMe(deps, caller),
})

export const main = cloudbaseMain(memberFunction, { phones: wechatPhones })
