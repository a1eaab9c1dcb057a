import { jobsContract } from '../../src/contracts/jobs.contract'
import { cloudbaseMain } from '../_shared/cloudbase-main'
import { createHandler } from '../_shared/handler'
import { expirePoints, expiryProgress } from '../_shared/use-cases/expire-points'
import { adjustStars, adjustmentProgress } from '../_shared/use-cases/adjust-stars'
import { markNoShows } from '../_shared/use-cases/mark-no-shows'
import { endSuspensions } from '../_shared/use-cases/end-suspensions'
import { sendNotifications } from '../_shared/use-cases/send-notifications'
import { remindEvents } from '../_shared/use-cases/remind-events'
import { settleSignupQueues } from '../_shared/use-cases/settle-signup-queues'
import { settlePurchaseCredits } from '../_shared/use-cases/settle-purchase-credits'
import { wechatSubscribeSender } from '../_shared/adapters/cloudbase/wechat-subscribe-sender'

/** jobs: batch work run by CloudBase timers (see cloudbaserc.json) or by an admin. */
export const jobsFunction = createHandler(jobsContract, {
  expirePoints: (input, caller, deps) => expirePoints(deps, caller, input),
  expiryProgress: (_input, caller, deps) => expiryProgress(deps, caller),
  adjustStars: (input, caller, deps) => adjustStars(deps, caller, input),
  adjustmentProgress: (input, caller, deps) => adjustmentProgress(deps, caller, input),
  markNoShows: (_input, caller, deps) => markNoShows(deps, caller),
  endSuspensions: (_input, caller, deps) => endSuspensions(deps, caller),
  sendNotifications: (input, caller, deps) => sendNotifications(deps, caller, input),
  remindEvents: (_input, caller, deps) => remindEvents(deps, caller),
  settleSignupQueues: (_input, caller, deps) => settleSignupQueues(deps, caller),
  settlePurchaseCredits: (_input, caller, deps) => settlePurchaseCredits(deps, caller),
})

/** Timer trigger name (cloudbaserc.json) → the action it runs, as the system. */
export const JOB_TIMERS = {
  /**
   * Every minute from 00:00 to 09:59 daily (600 firings); each run continues from the last one's
   * checkpoint. 1M accounts need about 540 invocations (cloudbase-job-limits.test.ts).
   */
  pointsExpiry: 'expirePoints',
  /**
   * Every minute from 01:00 to 23:59 on 1 and 2 January (2,760 firings): the year just ended, then
   * its resumptions. At 1M members the run takes ~1,900 invocations of ≤ 45 s each, into the
   * morning of 2 January (see tests/cloudfunctions/_shared/cloudbase-job-limits.test.ts); until a
   * member is reached, last year's star stays in force. The hour's wait lets purchases made just
   * before midnight settle.
   */
  starAdjustment: 'adjustStars',
  /** Hourly at :20: no-shows of events that have ended. */
  noShows: 'markNoShows',
  /** Hourly at :05 (so 00:05 Shanghai too): suspensions whose last day has passed end. */
  suspensionEnd: 'endSuspensions',
  /** Every minute: the outbox's due subscribe messages. */
  outboxSender: 'sendNotifications',
  /** Hourly at :40: reminders of events starting within 24 hours. */
  eventReminders: 'remindEvents',
  /** Every minute: sign-ups left queued over 15 s (no call waits for them any more). */
  signupQueues: 'settleSignupQueues',
  /** Every minute at :45: purchases whose credit a stopped call left half-way over a minute. */
  purchaseCredits: 'settlePurchaseCredits',
} as const

export const main = cloudbaseMain(jobsFunction, { sender: wechatSubscribeSender }, JOB_TIMERS)
