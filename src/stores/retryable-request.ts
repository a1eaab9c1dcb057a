import type { ApiError } from '@/contracts/error-codes'
import { newRequestId } from '@/services/request-id'

/**
 * When a call got no clear answer, the change may or may not have been made (a sign-up still in
 * its event's queue is settled later: the same request id then gets its result).
 */
const outcomeUnknown = (error: ApiError) =>
  error.code === 'NETWORK' || error.code === 'SYS.INTERNAL' || error.code === 'EVENT.SIGNUP_QUEUED'

/**
 * One request id per intended change, kept while its outcome is unknown: sending the same thing
 * again after a network failure is then the same request, and takes effect once.
 */
export function retryableRequest() {
  let pending: { requestId: string; payload: string } | null = null
  return {
    idFor(payload: unknown): string {
      const key = JSON.stringify(payload)
      if (pending?.payload !== key) pending = { requestId: newRequestId(), payload: key }
      return pending.requestId
    },
    settle(error: ApiError | null) {
      if (!error || !outcomeUnknown(error)) pending = null
    },
  }
}
