import { signUpForEvent } from '../../../../cloudfunctions/_shared/use-cases/event-signup'
import { remindEvents } from '../../../../cloudfunctions/_shared/use-cases/remind-events'
import { aPublishedEvent } from '../../../support/event-flow'
import { TIMER } from '../../../support/notification-flow'
import { anActiveMember, callerOf } from '../../../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

const NOW = '2026-05-10T02:00:00.000Z'
const HOUR = 60 * 60 * 1000

describe('remindEvents', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps(NOW)))
  afterEach(() => t.cleanup())

  async function signedUp(eventId: string, count: number) {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const members = []
    for (let i = 0; i < count; i++) {
      const member = await anActiveMember(t.deps, reviewer)
      await signUpForEvent(
        t.deps,
        callerOf(member.openid),
        { eventId, acknowledged: false },
        newRequestId(),
      )
      members.push(member)
    }
    return members
  }
  const remindersOf = async (memberId: string) =>
    (await t.deps.store.read.outbox.forMember(memberId)).filter((m) => m.kind === 'event.reminder')

  it('reminds every confirmed member of an event starting within 24 hours, once however often it runs', async () => {
    const event = await aPublishedEvent(t.deps, { capacity: 2 })
    const [a, b, waitlisted] = await signedUp(event.id, 3)
    t.clock.set(new Date(Date.parse(event.startAt) - 20 * HOUR).toISOString())

    const first = await remindEvents(t.deps, TIMER)
    t.clock.set(new Date(Date.parse(event.startAt) - 19 * HOUR).toISOString())
    const second = await remindEvents(t.deps, TIMER)

    expect(first).toMatchObject({ ok: true, data: { processed: 1, totals: { reminders: 2 } } })
    expect(second).toMatchObject({ ok: true, data: { totals: { reminders: 0 } } })
    for (const member of [a!, b!]) {
      expect(await remindersOf(member.memberId)).toEqual([
        expect.objectContaining({
          id: `event-reminder:${event.id}:${member.memberId}`,
          payload: {
            eventId: event.id,
            title: event.title,
            startAt: event.startAt,
            place: event.place,
          },
        }),
      ])
    }
    expect(await remindersOf(waitlisted!.memberId)).toEqual([])
  })

  it('reminds nobody of an event more than 24 hours away, or one already started', async () => {
    const soon = await aPublishedEvent(t.deps)
    const [member] = await signedUp(soon.id, 1)

    t.clock.set(new Date(Date.parse(soon.startAt) - 24 * HOUR - 1).toISOString())
    const tooEarly = await remindEvents(t.deps, TIMER)
    t.clock.set(soon.startAt)
    const started = await remindEvents(t.deps, TIMER)

    expect([tooEarly, started]).toMatchObject([
      { ok: true, data: { processed: 0 } },
      { ok: true, data: { processed: 0 } },
    ])
    expect(await remindersOf(member!.memberId)).toEqual([])
  })

  it('is run by the scheduler or an admin only', async () => {
    const clerk = await addStaff(t.deps, 'clerk')

    const refused = await remindEvents(t.deps, callerOf(clerk.openid))

    expect(refused).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})
