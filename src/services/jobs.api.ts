import type { JobProgress } from '@/contracts/jobs.contract'
import { callFunction } from './cloud'

export const jobsApi = {
  /** Runs (or continues) today's points expiry for as long as one call may take. */
  expirePoints: (requestId: string) =>
    callFunction<JobProgress>('jobs', 'expirePoints', {}, requestId),
  expiryProgress: () => callFunction<JobProgress>('jobs', 'expiryProgress'),
}
export type JobsApi = typeof jobsApi
