import type { MySignupView } from '../../../src/contracts/events.contract'
import { aCloudbaseSignupBurst } from '../../support/cloudbase/signup-burst'

const MEMBERS = 40
const CAPACITY = 10
/** Real time per request, so the sign-ups' transactions overlap as on the network. */
const WIRE_MS = 6

/**
 * SPEC §7 on the production adapter (real node-sdk over the database double) when the sign-ups'
 * transactions truly overlap: each request takes real time on the wire, so many meet a write
 * conflict on the event and are run again. Whatever the outcome for each member, the places are
 * never exceeded, the event's counters equal its rows, and every member told they signed up is
 * stored as told. (Under this overlap some members run out of attempts: docs/performance.md.)
 */
describe('a sign-up burst on CloudBase with overlapping transactions', () => {
  it('never confirms more than the places; counters equal rows; every answer is what is stored', async () => {
    const burst = await aCloudbaseSignupBurst(MEMBERS, CAPACITY, WIRE_MS)

    const { rows, event, replies, failures } = burst
    const confirmed = rows.filter((r) => r.status === 'confirmed')
    expect(burst.transactions.aborted).toBeGreaterThan(0)
    expect(confirmed.length).toBeLessThanOrEqual(CAPACITY)
    expect(event).toMatchObject({ confirmed: confirmed.length, signups: rows.length })
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1))
    expect(new Set(rows.map((r) => r.memberId)).size).toBe(rows.length)
    replies.forEach((reply, i) => {
      const row = rows.find((r) => r.memberId === burst.members[i]!.memberId)
      if (reply.ok) expect(row?.status).toBe((reply.data as MySignupView).status)
      else expect([reply.error.code, row]).toEqual(['SYS.INTERNAL', undefined])
    })
    // Every member left without a sign-up ran out of attempts on a write conflict, nothing else.
    expect(failures).toHaveLength(replies.filter((r) => !r.ok).length)
    expect(failures.every((f) => f.includes('TransactionConflict'))).toBe(true)
  }, 60_000)
})
