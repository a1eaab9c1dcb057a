/** A caller's count under one rate rule, as both stores keep it. */
export type RateCount = { window: number; count: number; recent: string[] }

/** Request ids remembered per window: more than any rule allows, so a retry is always known. */
const RECENT_REQUESTS = 64

/**
 * The count after one more call, and the count the call is judged by: a new window starts from
 * zero; a request already allowed in this window (a client retrying it) adds nothing and is judged
 * by 0. Only allowed requests are remembered, so retrying a refused one is refused again.
 */
export function nextRateCount(
  current: RateCount | null | undefined,
  window: number,
  points: number,
  call: { requestId: string | null; limit: number },
): { stored: RateCount; judged: number } {
  const same = current?.window === window ? current : null
  const { requestId, limit } = call
  if (same && requestId && same.recent.includes(requestId)) return { stored: same, judged: 0 }
  const count = (same?.count ?? 0) + points
  const recent = same?.recent ?? []
  const remember = requestId !== null && count <= limit
  return {
    stored: {
      window,
      count,
      recent: remember ? [...recent, requestId].slice(-RECENT_REQUESTS) : recent,
    },
    judged: count,
  }
}
