import * as z from 'zod'
import { defineContract } from './define'
import { adjustStarsInput, adjustmentProgressInput } from './star-club'
import { sendNotificationsInput } from './notifications'

export const jobsContract = defineContract('jobs', {
  /** The daily points expiry (SPEC §5); also run by an admin. `limit` caps members per call. */
  expirePoints: {
    input: z.object({ limit: z.number().int().min(1).max(100_000).optional() }).strict(),
    mutating: true,
  },
  /** Progress of today's run, for the admin page. */
  expiryProgress: { input: z.object({}).strict(), mutating: false },
  /**
   * The annual star adjustment (SPEC §3, §4) for a year's earnings (default: the year just ended),
   * timer-triggered on 1 January and also run by an admin; resumable, `limit` caps members per call.
   */
  adjustStars: { input: adjustStarsInput, mutating: true },
  adjustmentProgress: { input: adjustmentProgressInput, mutating: false },
  /** Records the no-shows of events that have ended (SPEC §7); hourly, also run by an admin. */
  markNoShows: { input: z.object({}).strict(), mutating: true },
  /** Ends the suspensions whose last day has passed (SPEC §8); hourly, also run by an admin. */
  endSuspensions: { input: z.object({}).strict(), mutating: true },
  /** Sends the due subscribe messages of the outbox (SPEC §10); every minute, also by an admin. */
  sendNotifications: { input: sendNotificationsInput, mutating: true },
  /** Queues reminders of events starting within 24 hours (SPEC §10); hourly, also by an admin. */
  remindEvents: { input: z.object({}).strict(), mutating: true },
  /** Settles sign-ups left queued by calls that stopped (SPEC §7); every minute, also by an admin. */
  settleSignupQueues: { input: z.object({}).strict(), mutating: true },
  /** Finishes purchases' credits left half-way by calls that stopped (SPEC §5); every minute. */
  settlePurchaseCredits: { input: z.object({}).strict(), mutating: true },
})

export type JobProgress = {
  runId: string
  status: 'idle' | 'running' | 'done'
  processed: number
  total: number
  totals: Record<string, number>
  startedAt: string | null
  finishedAt: string | null
}
