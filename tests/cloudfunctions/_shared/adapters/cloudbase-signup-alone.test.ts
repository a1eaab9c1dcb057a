import { COLLECTIONS } from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-schema'
import { signUpForEvent } from '../../../../cloudfunctions/_shared/use-cases/event-signup'
import { eventDetail } from '../../../../cloudfunctions/_shared/use-cases/list-events'
import {
  QUEUE_STALE_MS,
  settleSignupQueues,
} from '../../../../cloudfunctions/_shared/use-cases/settle-signup-queues'
import { aCountedCloudbase, roundTripsOf } from '../../../support/cloudbase/round-trips'
import { stopTheFunctionAt } from '../../../support/cloudbase/stop-the-function'
import { aPublishedEvent } from '../../../support/event-flow'
import { TIMER } from '../../../support/notification-flow'
import { anActiveMember, callerOf } from '../../../support/registration-flow'
import { addStaff, newRequestId } from '../../../support/test-deps'

type Doc = Record<string, unknown>

/**
 * A sign-up alone (its event's queue empty) is settled without a transaction on CloudBase
 * (cloudbase-signup-queue.ts): its ticket, then the event's counters by one conditional update
 * that keeps the settlement on the event (`placing`), then its sign-up and its answer together.
 * A function can stop between any of them; these show that the place is neither lost nor given
 * twice — the retry, the next sign-up or the minute timer finishes it — and that the settlement
 * kept on the event never shows in what members and staff read.
 */
describe('a sign-up settled alone on CloudBase', () => {
  async function anEventOnCloudbase(capacity: number) {
    const counted = aCountedCloudbase('2026-05-10T02:00:00.000Z')
    const { deps, double, clock } = counted
    const reviewer = await addStaff(deps, 'reviewer')
    const event = await aPublishedEvent(deps, { capacity })
    const first = await anActiveMember(deps, reviewer)
    const second = await anActiveMember(deps, reviewer)
    const signUp = (openid: string, requestId = newRequestId()) =>
      signUpForEvent(deps, callerOf(openid), { eventId: event.id, acknowledged: false }, requestId)
    const eventDoc = () => double.documents(COLLECTIONS.events).find((d) => d._id === event.id)!
    const signupsOf = () =>
      double.documents(COLLECTIONS.eventSignups).filter((d: Doc) => d.eventId === event.id)
    /** Every confirmed place on the event's counter is a confirmed sign-up, and no more. */
    const expectCountersEqualRows = () => {
      const rows = signupsOf()
      expect(eventDoc().confirmed).toBe(rows.filter((r) => r.status === 'confirmed').length)
      expect(eventDoc().signups).toBe(rows.length)
    }
    return {
      ...counted,
      event,
      first,
      second,
      signUp,
      eventDoc,
      signupsOf,
      expectCountersEqualRows,
      later: (ms: number) => clock.set(new Date(clock.now().getTime() + ms).toISOString()),
    }
  }

  it('takes its place in four round trips, and the settlement it keeps on the event never shows', async () => {
    const t = await anEventOnCloudbase(1)
    try {
      const { value, trips } = await roundTripsOf(t.double, () => t.signUp(t.first.openid))

      expect(value).toMatchObject({ ok: true, data: { status: 'confirmed' } })
      expect(trips.roundTrips).toBe(4)
      expect(t.eventDoc().placing).toMatchObject({ signup: { memberId: t.first.memberId } })
      expect(await t.deps.store.read.events.byId(t.event.id)).not.toHaveProperty('placing')
      const seen = await eventDetail(t.deps, callerOf(t.second.openid), { eventId: t.event.id })
      expect(seen.ok).toBe(true)
      expect(JSON.stringify(seen)).not.toContain(t.first.memberId)
      t.expectCountersEqualRows()
    } finally {
      await t.cleanup()
    }
  })

  describe('stopped after counting its place, before its sign-up and answer', () => {
    async function aSignupCutShort() {
      const t = await anEventOnCloudbase(1)
      const requestId = newRequestId()
      const resume = stopTheFunctionAt(
        t.double,
        { action: 'insertDocument', collection: COLLECTIONS.eventSignups },
        { gone: true },
      )
      await expect(t.signUp(t.first.openid, requestId)).rejects.toThrow('the function stopped')
      resume()
      // The place is counted on the event, with the settlement kept beside it; no sign-up yet.
      expect(t.eventDoc()).toMatchObject({ confirmed: 1, placing: { requestId } })
      expect(t.signupsOf()).toHaveLength(0)
      return { ...t, requestId }
    }

    it("finishes on the member's retry, which gets the place", async () => {
      const t = await aSignupCutShort()
      try {
        const retry = await t.signUp(t.first.openid, t.requestId)

        expect(retry).toMatchObject({ ok: true, data: { status: 'confirmed' } })
        expect(t.signupsOf()).toMatchObject([{ memberId: t.first.memberId, status: 'confirmed' }])
        expect(t.eventDoc()).not.toHaveProperty('placing')
        t.expectCountersEqualRows()
      } finally {
        await t.cleanup()
      }
    })

    it('is finished first by the next sign-up, which waits behind it', async () => {
      const t = await aSignupCutShort()
      try {
        const next = await t.signUp(t.second.openid)

        expect(next).toMatchObject({ ok: true, data: { status: 'waitlisted', position: 1 } })
        expect(await t.signUp(t.first.openid, t.requestId)).toMatchObject({
          ok: true,
          data: { status: 'confirmed' },
        })
        t.expectCountersEqualRows()
      } finally {
        await t.cleanup()
      }
    })

    it('is finished by the minute timer once no call can be waiting for it', async () => {
      const u = await aSignupCutShort()
      try {
        u.later(QUEUE_STALE_MS + 1000)
        const run = await settleSignupQueues(u.deps, TIMER)

        expect(run).toMatchObject({ ok: true })
        expect(u.signupsOf()).toMatchObject([{ memberId: u.first.memberId, status: 'confirmed' }])
        expect(u.eventDoc()).not.toHaveProperty('placing')
        u.expectCountersEqualRows()
        expect(await u.signUp(u.first.openid, u.requestId)).toMatchObject({
          ok: true,
          data: { status: 'confirmed' },
        })
      } finally {
        await u.cleanup()
      }
    })
  })

  it('answered but with its sign-up write failed: the next sign-up writes it before its own', async () => {
    const t = await anEventOnCloudbase(1)
    try {
      const requestId = newRequestId()
      stopTheFunctionAt(t.double, {
        action: 'insertDocument',
        collection: COLLECTIONS.eventSignups,
      })
      await expect(t.signUp(t.first.openid, requestId)).rejects.toThrow('the function stopped')
      expect(t.signupsOf()).toHaveLength(0)

      const next = await t.signUp(t.second.openid)

      expect(next).toMatchObject({ ok: true, data: { status: 'waitlisted', position: 1 } })
      expect(t.signupsOf().map((s) => [s.memberId, s.status])).toEqual(
        expect.arrayContaining([
          [t.first.memberId, 'confirmed'],
          [t.second.memberId, 'waitlisted'],
        ]),
      )
      t.expectCountersEqualRows()
      expect(await t.signUp(t.first.openid, requestId)).toMatchObject({
        ok: true,
        data: { status: 'confirmed' },
      })
    } finally {
      await t.cleanup()
    }
  })
})
