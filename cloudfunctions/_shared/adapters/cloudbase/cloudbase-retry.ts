/**
 * How often a transaction that met a write conflict is run (and a conditional update that matched
 * nothing because the document changed, cloudbase-purchase-credits.ts): the SDK's `runTransaction` retries at
 * once, three times, so a few dozen callers of one document (a counter, an event's places) run out
 * of attempts together; spreading the retries out lets them through one after another.
 */
export const TRANSACTION_ATTEMPTS = 10
/** The waits between attempts grow from this, doubling, up to `RETRY_WAIT_CAP_MS`, jittered. */
export const RETRY_WAIT_BASE_MS = 15
export const RETRY_WAIT_CAP_MS = 400

/** A wait before attempt `attempt + 1`: "full jitter", so colliding callers drift apart. */
export function retryWait(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_WAIT_CAP_MS, RETRY_WAIT_BASE_MS * 2 ** (attempt - 1))
  return Math.round(ceiling * random())
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
