import { counterRoundTrips } from '../../../support/cloudbase/round-trips'

/**
 * Database round trips of the counter's busiest actions on CloudBase, counted on the wire the real
 * node-sdk sends to (the database double under it), as a counter does them: the requests, and
 * the round trips they cost — requests sent together wait once. Each pins today's count as a
 * ceiling, so an action that grows fails here; a ceiling is lowered with the change that lowers
 * the count. The goals of issue 17 (verify ≤ 3, earn ≤ 4, sign-up ≤ 4 round trips) are met: earn
 * by its scene and three writes, no transaction (cloudbase-purchase-credits.ts); verify by the
 * clerk's rate count sent alongside its scene, then two writes; a sign-up whose event has no queue
 * by its scene, its ticket, the event's counters, then its sign-up and answer together
 * (cloudbase-signup-queue.ts `settleAlone`; a burst still queues: docs/performance.md).
 */
const CEILINGS: Record<string, { requests: number; roundTrips: number }> = {
  'card.verify': { requests: 4, roundTrips: 3 },
  'points.earnPurchase': { requests: 4, roundTrips: 4 },
  'events.signUp': { requests: 5, roundTrips: 4 },
}

describe('round trips at the counter on CloudBase', () => {
  let trips: Awaited<ReturnType<typeof counterRoundTrips>>
  beforeAll(async () => {
    trips = await counterRoundTrips()
  })

  it.each(Object.entries(CEILINGS))(
    '%s stays within its wire requests and round trips',
    (action, ceiling) => {
      expect(trips[action]?.count).toBeLessThanOrEqual(ceiling.requests)
      expect(trips[action]?.roundTrips).toBeLessThanOrEqual(ceiling.roundTrips)
    },
  )

  it("sends a verify's rate count and its scene's read together, then its two writes", () => {
    const [first, second, ...writes] = trips['card.verify']!.actions
    expect([first, second].map((a) => a!.replace('∥ ', '')).sort()).toEqual([
      'aggregateDocuments staff',
      'modifyDocument rate_counts',
    ])
    expect(second).toMatch(/^∥ /)
    expect(writes).toEqual(['insertDocument audit_log', 'modifyDocument cards'])
  })
})
