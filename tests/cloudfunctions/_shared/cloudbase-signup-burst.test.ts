import { createDeps } from '../../../cloudfunctions/_shared/deps'
import { eventsFunction } from '../../../cloudfunctions/events/index'
import type { MySignupView } from '../../../src/contracts/events.contract'
import { activeMembers } from '../../support/bulk-members'
import { aDoubleBackedStore } from '../../support/cloudbase/double-store'
import { aPublishedEvent } from '../../support/event-flow'
import { callerOf } from '../../support/registration-flow'
import { fixedClock, TEST_DATA_KEY } from '../../support/test-deps'

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
    const { store, double, cleanup } = aDoubleBackedStore()
    try {
      const clock = fixedClock('2026-05-10T02:00:00.000Z')
      const failures: string[] = []
      const logger = {
        error: (_message: string, details?: Record<string, unknown>) =>
          void failures.push(String(details?.error ?? '')),
      }
      const deps = createDeps(store, { CLUB_DATA_KEY: TEST_DATA_KEY }, { clock, logger })
      const members = await activeMembers(deps, MEMBERS)
      const event = await aPublishedEvent(deps, { capacity: CAPACITY })
      double.options.wireDelayMs = WIRE_MS
      const aborted = double.endedTransactions.filter((t) => t.state === 'aborted').length

      const replies = await Promise.all(
        members.map((m, i) =>
          eventsFunction.handle(
            { action: 'signUp', payload: { eventId: event.id }, requestId: `overlap-${i}-0000` },
            callerOf(m.openid),
            deps,
          ),
        ),
      )
      double.options.wireDelayMs = 0

      const rows = (await deps.store.read.signups.forEvent(event.id, null, 0, 1000)).items
      const stored = await deps.store.read.events.byId(event.id)
      const confirmed = rows.filter((r) => r.status === 'confirmed')
      expect(double.endedTransactions.filter((t) => t.state === 'aborted').length).toBeGreaterThan(
        aborted,
      )
      expect(confirmed.length).toBeLessThanOrEqual(CAPACITY)
      expect(stored).toMatchObject({ confirmed: confirmed.length, signups: rows.length })
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1))
      expect(new Set(rows.map((r) => r.memberId)).size).toBe(rows.length)
      const memberOf = new Map(members.map((m, i) => [i, m.memberId]))
      replies.forEach((reply, i) => {
        const row = rows.find((r) => r.memberId === memberOf.get(i))
        if (reply.ok) expect(row?.status).toBe((reply.data as MySignupView).status)
        else expect([reply.error.code, row]).toEqual(['SYS.INTERNAL', undefined])
      })
      // Every member left without a sign-up ran out of attempts on a write conflict, nothing else.
      expect(failures).toHaveLength(replies.filter((r) => !r.ok).length)
      expect(failures.every((f) => f.includes('TransactionConflict'))).toBe(true)
    } finally {
      await cleanup()
    }
  }, 60_000)
})
