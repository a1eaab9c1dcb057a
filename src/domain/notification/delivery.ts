/**
 * Delivery of an outbox message (SPEC §10): `pending` until due, then claimed (`sending`) by one
 * sender, then `sent`, back to `pending` for a retry after a transient error, or `failed`.
 * `skipped`: the member holds no subscription for its template (or cannot be reached), so
 * nothing was sent. `unknown`: claimed and never settled (the sender died between sending and
 * recording), so it may have been delivered; it is never sent again (at most once).
 */
export const OUTBOX_STATUSES = [
  'pending',
  'sending',
  'sent',
  'failed',
  'skipped',
  'unknown',
] as const
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number]

/** Where a message's delivery stands; versioned, so two senders never both claim it. */
export type DeliveryState = {
  status: OutboxStatus
  /** Send attempts made (claims), the current one included. */
  attempts: number
  /** When a `pending` message is due: when queued, then after each transient failure. */
  nextAttemptAt: string | null
  sentAt: string | null
  /** The last failure: a WeChat errcode (`wechat:43101`) or our reason (`no-subscription`). */
  lastError: string | null
  /** When the current attempt was claimed. */
  claimedAt: string | null
  version: number
}

/** WeChat's answer to one send: delivered, or an errcode and whether retrying can help. */
export type SendOutcome = { ok: true } | { ok: false; errcode: number; permanent: boolean }

const MINUTE = 60_000
/** Waits after the 1st, 2nd, … failed attempt; after the last one the message has failed. */
export const RETRY_DELAYS_MS: readonly number[] = [
  1 * MINUTE,
  5 * MINUTE,
  30 * MINUTE,
  120 * MINUTE,
  720 * MINUTE,
]
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1

/** A claim not settled within this time is taken as a sender that died after sending. */
export const CLAIM_TIMEOUT_MS = 10 * MINUTE

/**
 * WeChat errcodes a retry cannot fix (DOC subscribeMessage.send): 43101 the user refused or holds
 * no subscription, 47003 the data breaks a field's rule, 40003 bad openid, 40037 bad template id,
 * 41030 the page does not exist in the released mini-program. Everything else (-1 busy, 45009
 * quota, an expired access token, unknown codes) is retried on the backoff.
 */
export const PERMANENT_ERRCODES: Readonly<Record<number, string>> = {
  43101: '用户拒绝接收或未订阅',
  47003: '模板参数不符合规则',
  40003: 'openid 无效',
  40037: '模板编号无效',
  41030: '跳转页面不存在',
}

export const isPermanentError = (errcode: number): boolean => errcode in PERMANENT_ERRCODES

/**
 * Whether a failed send left the member's subscription unused, so it is given back: yes for any
 * error except 43101, where WeChat says there was no subscription to use.
 */
export const subscriptionUnused = (errcode: number): boolean => errcode !== 43101

/**
 * When to try again after `attempts` failed attempts: 1 min, 5 min, 30 min, 2 h, 12 h after `now`;
 * null once all retries are used (the message has failed).
 */
export function nextAttempt(attempts: number, now: Date): string | null {
  const delay = RETRY_DELAYS_MS[attempts - 1]
  return attempts >= 1 && delay !== undefined ? new Date(now.getTime() + delay).toISOString() : null
}

/** A pending message whose time has come. */
export function isDue(d: DeliveryState, now: Date): boolean {
  return (
    d.status === 'pending' &&
    (d.nextAttemptAt === null || Date.parse(d.nextAttemptAt) <= now.getTime())
  )
}

/** A claim older than the timeout: its sender died, and whether it sent is not known. */
export function isStuck(d: DeliveryState, now: Date): boolean {
  return (
    d.status === 'sending' &&
    d.claimedAt !== null &&
    Date.parse(d.claimedAt) + CLAIM_TIMEOUT_MS <= now.getTime()
  )
}

/** One sender takes the due message for an attempt (the next version: nobody else can). */
export function claim<T extends DeliveryState>(d: T, now: Date): T {
  return {
    ...d,
    status: 'sending',
    attempts: d.attempts + 1,
    claimedAt: now.toISOString(),
    version: d.version + 1,
  }
}

/** Nothing is sent: the member holds no subscription for the template, or cannot be reached. */
export function skip<T extends DeliveryState>(d: T, reason: string): T {
  return { ...d, status: 'skipped', lastError: reason, nextAttemptAt: null, version: d.version + 1 }
}

/** A message that cannot be sent at all (no template for its kind). */
export function fail<T extends DeliveryState>(d: T, reason: string): T {
  return { ...d, status: 'failed', lastError: reason, nextAttemptAt: null, version: d.version + 1 }
}

/** A stuck claim becomes `unknown`: maybe delivered, so never sent again. */
export function giveUpUnknown<T extends DeliveryState>(d: T, reason: string): T {
  return { ...d, status: 'unknown', lastError: reason, nextAttemptAt: null, version: d.version + 1 }
}

/**
 * A claimed attempt settled by WeChat's answer: `sent`; or, on a transient error, `pending` again
 * at the next time of the backoff; or `failed` on a permanent error or after the last attempt.
 */
export function settle<T extends DeliveryState>(claimed: T, outcome: SendOutcome, now: Date): T {
  const next = { ...claimed, claimedAt: null, version: claimed.version + 1 }
  if (outcome.ok) return { ...next, status: 'sent', sentAt: now.toISOString(), nextAttemptAt: null }
  const lastError = `wechat:${outcome.errcode}`
  const retryAt = outcome.permanent ? null : nextAttempt(claimed.attempts, now)
  return retryAt
    ? { ...next, status: 'pending', lastError, nextAttemptAt: retryAt }
    : { ...next, status: 'failed', lastError, nextAttemptAt: null }
}
