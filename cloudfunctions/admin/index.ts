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

/** admin: what reviewers and admins do: registrations, the club queue, stars, suggestions. */
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
})

export const main = cloudbaseMain(adminFunction)
