import { jobsContract } from '../../src/contracts/jobs.contract'
import { cloudbaseMain } from '../_shared/cloudbase-main'
import { createHandler } from '../_shared/handler'
import { expirePoints, expiryProgress } from '../_shared/use-cases/expire-points'
import { adjustStars, adjustmentProgress } from '../_shared/use-cases/adjust-stars'
import { markNoShows } from '../_shared/use-cases/mark-no-shows'

/** jobs: batch work run by CloudBase timers (see cloudbaserc.json) or by an admin. */
export const jobsFunction = createHandler(jobsContract, {
  expirePoints: (input, caller, deps) => expirePoints(deps, caller, input),
  expiryProgress: (_input, caller, deps) => expiryProgress(deps, caller),
  adjustStars: (input, caller, deps) => adjustStars(deps, caller, input),
  adjustmentProgress: (input, caller, deps) => adjustmentProgress(deps, caller, input),
  markNoShows: (_input, caller, deps) => markNoShows(deps, caller),
})

/** Timer trigger name (cloudbaserc.json) → the action it runs, as the system. */
export const JOB_TIMERS = {
  /** Every 10 minutes from 02:00 to 02:50 daily, so a long run continues from its checkpoint. */
  pointsExpiry: 'expirePoints',
  /** Every 10 minutes from 00:05 to 05:55 on 1 January: the year just ended, then its resumptions. */
  starAdjustment: 'adjustStars',
  /** Hourly at :20: no-shows of events that have ended. */
  noShows: 'markNoShows',
} as const

export const main = cloudbaseMain(jobsFunction, {}, JOB_TIMERS)
