import type { JobProgress } from '@/contracts/jobs.contract'
import { callFunction } from './cloud'

export const jobsApi = {
  /** Runs (or continues) today's points expiry for as long as one call may take. */
  expirePoints: (requestId: string) =>
    callFunction<JobProgress>('jobs', 'expirePoints', {}, requestId),
  expiryProgress: () => callFunction<JobProgress>('jobs', 'expiryProgress'),
  /** Runs (or continues) the annual star adjustment for a year's earnings. */
  adjustStars: (year: number, requestId: string) =>
    callFunction<JobProgress>('jobs', 'adjustStars', { year }, requestId),
  adjustmentProgress: (year: number) =>
    callFunction<JobProgress>('jobs', 'adjustmentProgress', { year }),
}
export type JobsApi = typeof jobsApi
