import { adminContract } from '../../src/contracts/admin.contract'
import { cloudbaseMain } from '../_shared/cloudbase-main'
import { createHandler } from '../_shared/handler'
import { approveRegistration } from '../_shared/use-cases/approve-registration'
import { listRegistrations } from '../_shared/use-cases/list-registrations'
import { rejectRegistration } from '../_shared/use-cases/reject-registration'

/** admin: what reviewers and admins do (the registration queue for now). */
export const adminFunction = createHandler(adminContract, {
  registrations: (input, caller, deps) => listRegistrations(deps, caller, input),
  approveRegistration: (input, caller, deps, requestId) =>
    approveRegistration(deps, caller, input, requestId),
  rejectRegistration: (input, caller, deps, requestId) =>
    rejectRegistration(deps, caller, input, requestId),
})

export const main = cloudbaseMain(adminFunction)
