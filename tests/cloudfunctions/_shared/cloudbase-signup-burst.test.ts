import type { MySignupView } from '../../../src/contracts/events.contract'
import { aCloudbaseSignupBurst } from '../../support/cloudbase/signup-burst'

const MEMBERS = 40
const CAPACITY = 10
/** Real time per request, so the sign-ups' transactions overlap as on the network. */
const WIRE_MS = 6
/** The second wave is sent this long after the first (whose tickets are all in by then). */
const GAP_MS = 60

/**
 * SPEC §7 (first come, first served) on the production adapter — real node-sdk over the database
 * double — when the sign-ups truly overlap: each request takes real time on the wire, so the
 * transactions settling the event's queue meet write conflicts. CAPACITY members sign up at once,
 * then the rest at once a moment later. Before the queue, whoever's transaction got through
 * first took a place, and most of a burst ran out of attempts (docs/performance.md).
 */
describe('a sign-up burst on CloudBase with overlapping transactions', () => {
  let burst: Awaited<ReturnType<typeof aCloudbaseSignupBurst>>
  beforeAll(async () => {
    burst = await aCloudbaseSignupBurst(MEMBERS, CAPACITY, WIRE_MS, {
      first: CAPACITY,
      gapMs: GAP_MS,
    })
  }, 60_000)

  const statusOf = (i: number) => {
    const reply = burst.replies[i]!
    return reply.ok ? (reply.data as MySignupView).status : reply.error.code
  }

  it('answers every member, and the transactions did meet each other', () => {
    expect(burst.replies.filter((r) => !r.ok)).toEqual([])
    expect(burst.failures).toEqual([])
    expect(burst.transactions.aborted).toBeGreaterThan(0)
  })

  it('gives the places to those who came first, and queues the rest in the order they came', () => {
    const first = burst.members.slice(0, CAPACITY).map((_, i) => statusOf(i))
    const rest = burst.members.slice(CAPACITY).map((_, i) => statusOf(CAPACITY + i))
    expect(first).toEqual(Array(CAPACITY).fill('confirmed'))
    expect(rest).toEqual(Array(MEMBERS - CAPACITY).fill('waitlisted'))

    // Arrival numbers follow the instants of arrival (a sign-up's createdAt), and each member's
    // waitlist place is the one their arrival number gives.
    const bySeq = [...burst.rows].sort((a, b) => a.seq - b.seq)
    const arrivals = bySeq.map((r) => r.createdAt)
    expect(arrivals).toEqual([...arrivals].sort())
    burst.members.slice(CAPACITY).forEach((m, i) => {
      const row = burst.rows.find((r) => r.memberId === m.memberId)!
      const view = burst.replies[CAPACITY + i]!
      expect(view).toMatchObject({ ok: true, data: { position: row.seq - CAPACITY } })
    })
  })

  it('never confirms more than the places; counters equal rows; every answer is what is stored', () => {
    const { rows, event, replies } = burst
    const confirmed = rows.filter((r) => r.status === 'confirmed')
    expect(confirmed).toHaveLength(CAPACITY)
    expect(event).toMatchObject({ confirmed: CAPACITY, signups: MEMBERS })
    expect(rows.map((r) => r.seq).sort((a, b) => a - b)).toEqual(rows.map((_, i) => i + 1))
    expect(new Set(rows.map((r) => r.memberId)).size).toBe(MEMBERS)
    replies.forEach((reply, i) => {
      const row = rows.find((r) => r.memberId === burst.members[i]!.memberId)
      expect(row?.status).toBe((reply as { data: MySignupView }).data.status)
    })
  })
})
