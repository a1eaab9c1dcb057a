import type { Deps } from '../../../../cloudfunctions/_shared/ports'
import {
  cancelEventSignup,
  signUpForEvent,
} from '../../../../cloudfunctions/_shared/use-cases/event-signup'
import { eventDetail, listEvents } from '../../../../cloudfunctions/_shared/use-cases/list-events'
import {
  QUEUE_STALE_MS,
  settleSignupQueues,
} from '../../../../cloudfunctions/_shared/use-cases/settle-signup-queues'
import { TIMER } from '../../../support/notification-flow'
import { aPublishedEvent } from '../../../support/event-flow'
import { anActiveMember, callerOf } from '../../../support/registration-flow'
import { inClubState } from '../../../support/star-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

describe('event sign-up', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-05-10T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  async function members(n: number) {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const list = []
    for (let i = 0; i < n; i++) list.push(await anActiveMember(t.deps, reviewer))
    return list
  }
  const signUp = (deps: Deps, openid: string, eventId: string, acknowledged = false) =>
    signUpForEvent(deps, callerOf(openid), { eventId, acknowledged }, newRequestId())

  it('confirms members while places remain, then puts the rest on the waitlist with their place', async () => {
    const event = await aPublishedEvent(t.deps, { capacity: 2 })
    const [a, b, c, d] = await members(4)

    const results = []
    for (const m of [a!, b!, c!, d!]) results.push(await signUp(t.deps, m.openid, event.id))

    expect(results.map((r) => (r.ok ? [r.data.status, r.data.position] : r.error.code))).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ])
    expect((await t.deps.store.read.events.byId(event.id))?.confirmed).toBe(2)
  })

  it('never confirms more than the capacity, whatever the number of simultaneous sign-ups', async () => {
    const event = await aPublishedEvent(t.deps, { capacity: 5 })
    const many = await members(40)

    const results = await Promise.all(many.map((m) => signUp(t.deps, m.openid, event.id)))

    const statuses = results.map((r) => (r.ok ? r.data.status : r.error.code))
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(5)
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(35)
    const page = await t.deps.store.read.signups.forEvent(event.id, null, 0, 100)
    expect(page.items.map((s) => s.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    expect(page.items.slice(0, 5).every((s) => s.status === 'confirmed')).toBe(true)
  })

  it('takes one sign-up per member: a second is refused, a retried request returns the first', async () => {
    const event = await aPublishedEvent(t.deps)
    const [m] = await members(1)
    const requestId = newRequestId()
    const first = await signUpForEvent(
      t.deps,
      callerOf(m!.openid),
      { eventId: event.id, acknowledged: false },
      requestId,
    )

    const retried = await signUpForEvent(
      t.deps,
      callerOf(m!.openid),
      { eventId: event.id, acknowledged: false },
      requestId,
    )
    const again = await signUp(t.deps, m!.openid, event.id)

    expect(retried).toEqual(first)
    expect(again).toMatchObject({ ok: false, error: { code: 'EVENT.ALREADY_SIGNED_UP' } })
    expect((await t.deps.store.read.events.byId(event.id))?.confirmed).toBe(1)
  })

  it('asks for the acknowledgement when the event has one, and changes nothing without it', async () => {
    const event = await aPublishedEvent(t.deps, {
      acknowledgement: '本人身体健康，自愿参加湖边跑。',
    })
    const [m] = await members(1)
    const before = t.snapshot()

    const refused = await signUp(t.deps, m!.openid, event.id, false)
    const snapshot = t.snapshot()
    const accepted = await signUp(t.deps, m!.openid, event.id, true)

    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'EVENT.ACK_REQUIRED', fields: { acknowledged: expect.any(String) } },
    })
    expect(snapshot).toEqual(before)
    expect(accepted).toMatchObject({ ok: true, data: { status: 'confirmed' } })
  })

  it('explains in the list why a member may not sign up: 仅限俱乐部会员, 需三星及以上', async () => {
    const admin = await addStaff(t.deps, 'admin')
    const clubOnly = await aPublishedEvent(t.deps, { title: '总经理见面会', clubOnly: true }, admin)
    const threeStar = await aPublishedEvent(t.deps, { title: '高端品鉴', minStar: 3 }, admin)
    const [m] = await members(1)

    const page = await listEvents(t.deps, callerOf(m!.openid), {
      when: 'upcoming',
      offset: 0,
      limit: 20,
    })
    const signed = await signUp(t.deps, m!.openid, clubOnly.id)

    expect(page.ok && page.data.items.map((e) => [e.title, e.eligibility])).toEqual(
      expect.arrayContaining([
        ['总经理见面会', { ok: false, code: 'EVENT.CLUB_ONLY', message: '仅限俱乐部会员' }],
        ['高端品鉴', { ok: false, code: 'EVENT.STAR_TOO_LOW', message: '需三星及以上' }],
      ]),
    )
    expect(signed).toMatchObject({ ok: false, error: { code: 'EVENT.CLUB_ONLY' } })
    expect(threeStar.minStar).toBe(3)
  })

  it('lets a club member sign up for a club-only event', async () => {
    const event = await aPublishedEvent(t.deps, { clubOnly: true })
    const [m] = await members(1)
    await inClubState(t.deps, m!.memberId, 'grace', 2026)

    const result = await signUp(t.deps, m!.openid, event.id)

    expect(result).toMatchObject({ ok: true, data: { status: 'confirmed' } })
  })

  it.each([
    ['at the moment it opens', 0, 'confirmed'],
    ['a millisecond before it opens', -1, 'EVENT.SIGNUP_NOT_OPEN'],
  ])('honours the sign-up window %s', async (_when, offsetMs, expected) => {
    const opensAt = new Date(t.deps.clock.now().getTime() + 60_000).toISOString()
    const event = await aPublishedEvent(t.deps, { signupOpensAt: opensAt })
    const [m] = await members(1)
    t.clock.set(new Date(Date.parse(opensAt) + offsetMs).toISOString())

    const result = await signUp(t.deps, m!.openid, event.id)

    expect(result.ok ? result.data.status : result.error.code).toBe(expected)
  })

  it('closes sign-up at the closing instant', async () => {
    const event = await aPublishedEvent(t.deps)
    const [m] = await members(1)
    t.clock.set(event.signupClosesAt)

    const result = await signUp(t.deps, m!.openid, event.id)

    expect(result).toMatchObject({ ok: false, error: { code: 'EVENT.SIGNUP_CLOSED' } })
  })

  describe('a call that stops after its sign-up queued', () => {
    /** The call is killed once its sign-up is in the queue, before it settles anything. */
    const killedAfterQueueing = (deps: Deps): Deps => ({
      ...deps,
      store: {
        ...deps.store,
        signupQueue: {
          ...deps.store.signupQueue,
          settleAlone: async () => {
            throw new Error('function killed')
          },
          answer: async () => {
            throw new Error('function killed')
          },
        },
      },
    })

    it('keeps its turn: the next sign-up settles it first, and its retry gets the place', async () => {
      const event = await aPublishedEvent(t.deps, { capacity: 1 })
      const [first, second] = await members(2)
      const requestId = newRequestId()
      const call = { eventId: event.id, acknowledged: false }

      await expect(
        signUpForEvent(killedAfterQueueing(t.deps), callerOf(first!.openid), call, requestId),
      ).rejects.toThrow('function killed')
      t.clock.set(new Date(t.deps.clock.now().getTime() + 1000).toISOString())
      const later = await signUp(t.deps, second!.openid, event.id)
      const retried = await signUpForEvent(t.deps, callerOf(first!.openid), call, requestId)

      expect(later).toMatchObject({ ok: true, data: { status: 'waitlisted', position: 1 } })
      expect(retried).toMatchObject({ ok: true, data: { status: 'confirmed' } })
      expect(await t.deps.store.read.events.byId(event.id)).toMatchObject({
        confirmed: 1,
        signups: 2,
      })
    })

    it('is settled by the minute timer once no call can be waiting for it, and only then', async () => {
      const event = await aPublishedEvent(t.deps, { capacity: 1 })
      const [m] = await members(1)
      const requestId = newRequestId()
      const call = { eventId: event.id, acknowledged: false }
      await expect(
        signUpForEvent(killedAfterQueueing(t.deps), callerOf(m!.openid), call, requestId),
      ).rejects.toThrow('function killed')
      const queuedAt = t.deps.clock.now().getTime()

      t.clock.set(new Date(queuedAt + QUEUE_STALE_MS - 1).toISOString())
      const tooSoon = await settleSignupQueues(t.deps, TIMER)
      t.clock.set(new Date(queuedAt + QUEUE_STALE_MS + 1).toISOString())
      const run = await settleSignupQueues(t.deps, TIMER)
      const again = await settleSignupQueues(t.deps, TIMER)

      expect(tooSoon).toMatchObject({ ok: true, data: { totals: { settled: 0 } } })
      expect(run).toMatchObject({ ok: true, data: { processed: 1, totals: { settled: 1 } } })
      expect(again).toMatchObject({ ok: true, data: { processed: 0, totals: { settled: 0 } } })
      expect((await t.deps.store.read.signups.get(event.id, m!.memberId))?.status).toBe('confirmed')
      expect(await signUpForEvent(t.deps, callerOf(m!.openid), call, requestId)).toMatchObject({
        ok: true,
        data: { status: 'confirmed' },
      })
    })

    it('answers a refusal settled while its call was gone once, then forgets it: sent again, it is decided anew', async () => {
      const event = await aPublishedEvent(t.deps, { capacity: 2 })
      const [m] = await members(1)
      const call = { eventId: event.id, acknowledged: false }
      const [kept, refused] = [newRequestId(), newRequestId()]
      for (const requestId of [kept, refused]) {
        await expect(
          signUpForEvent(killedAfterQueueing(t.deps), callerOf(m!.openid), call, requestId),
        ).rejects.toThrow('function killed')
      }
      t.clock.set(new Date(t.deps.clock.now().getTime() + QUEUE_STALE_MS + 1).toISOString())
      await settleSignupQueues(t.deps, TIMER) // the first takes a place, the second is refused
      await cancelEventSignup(t.deps, callerOf(m!.openid), { eventId: event.id }, newRequestId())

      const first = await signUpForEvent(t.deps, callerOf(m!.openid), call, refused)
      const again = await signUpForEvent(t.deps, callerOf(m!.openid), call, refused)

      expect(first).toMatchObject({ ok: false, error: { code: 'EVENT.ALREADY_SIGNED_UP' } })
      expect(again).toMatchObject({ ok: true, data: { status: 'confirmed' } })
    })
  })

  describe('cancellation', () => {
    /** An event on 20 May 2026 at 19:00 Shanghai (11:00Z); cancelling closes at 16:00 (08:00Z). */
    const EVENING = { startAt: '2026-05-20T11:00:00.000Z', endAt: '2026-05-20T13:00:00.000Z' }

    it.each([
      ['15:59:59', '2026-05-20T07:59:59.000Z', 'cancelled'],
      ['16:00:00', '2026-05-20T08:00:00.000Z', 'EVENT.CANCEL_TOO_LATE'],
    ])('on the event day at %s Shanghai time → %s', async (_time, iso, expected) => {
      const event = await aPublishedEvent(t.deps, EVENING)
      const [m] = await members(1)
      await signUp(t.deps, m!.openid, event.id)
      t.clock.set(iso)

      const result = await cancelEventSignup(
        t.deps,
        callerOf(m!.openid),
        { eventId: event.id },
        newRequestId(),
      )

      expect(result.ok ? result.data.status : result.error.code).toBe(expected)
    })

    it('gives the freed place to the first on the waitlist at once, and tells them', async () => {
      const event = await aPublishedEvent(t.deps, { capacity: 1 })
      const [first, second, third] = await members(3)
      for (const m of [first!, second!, third!]) await signUp(t.deps, m.openid, event.id)

      await cancelEventSignup(
        t.deps,
        callerOf(first!.openid),
        { eventId: event.id },
        newRequestId(),
      )

      const detail = await eventDetail(t.deps, callerOf(second!.openid), { eventId: event.id })
      const stillWaiting = await eventDetail(t.deps, callerOf(third!.openid), { eventId: event.id })
      expect(detail).toMatchObject({
        ok: true,
        data: { confirmed: 1, mine: { status: 'confirmed' } },
      })
      expect(stillWaiting).toMatchObject({
        ok: true,
        data: { mine: { status: 'waitlisted', position: 1 } },
      })
      const notices = await t.deps.store.read.outbox.forMember(second!.memberId)
      expect(notices.map((n) => n.kind).filter((k) => k.startsWith('event.'))).toEqual([
        'event.promoted',
      ])
    })

    it('promotes nobody when a waitlisted member cancels', async () => {
      const event = await aPublishedEvent(t.deps, { capacity: 1 })
      const [first, second, third] = await members(3)
      for (const m of [first!, second!, third!]) await signUp(t.deps, m.openid, event.id)

      await cancelEventSignup(
        t.deps,
        callerOf(second!.openid),
        { eventId: event.id },
        newRequestId(),
      )

      const third_ = await eventDetail(t.deps, callerOf(third!.openid), { eventId: event.id })
      expect(third_).toMatchObject({
        ok: true,
        data: { confirmed: 1, mine: { status: 'waitlisted', position: 1 } },
      })
    })

    it('lets a member who cancelled sign up again, at the back', async () => {
      const event = await aPublishedEvent(t.deps, { capacity: 1 })
      const [first, second] = await members(2)
      await signUp(t.deps, first!.openid, event.id)
      await signUp(t.deps, second!.openid, event.id)
      await cancelEventSignup(
        t.deps,
        callerOf(first!.openid),
        { eventId: event.id },
        newRequestId(),
      )

      const again = await signUp(t.deps, first!.openid, event.id)

      expect(again).toMatchObject({ ok: true, data: { status: 'waitlisted', position: 1 } })
    })
  })
})
