import { jobsContract } from '../../src/contracts/jobs.contract'
import { cloudbaseMain } from '../_shared/cloudbase-main'
import { createHandler } from '../_shared/handler'
import { expirePoints, expiryProgress } from '../_shared/use-cases/expire-points'

/** jobs: batch work run by CloudBase timers (see cloudbaserc.json) or by an admin. */
export const jobsFunction = createHandler(jobsContract, {
  expirePoints: (input, caller, deps) => expirePoints(deps, caller, input),
  expiryProgress: (_input, caller, deps) => expiryProgress(deps, caller),
})

/** Timer trigger name → action. */
export const main = cloudbaseMain(jobsFunction, {}, { pointsExpiry: 'expirePoints' })
