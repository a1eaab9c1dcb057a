import type { Caller } from '../../cloudfunctions/_shared/caller'
import { eventsFunction } from '../../cloudfunctions/events/index'
import { jobsFunction } from '../../cloudfunctions/jobs/index'
import { eventsContract } from '@/contracts/events.contract'
import { aPublishedEvent, anEventDraft } from '../support/event-flow'
import { sendAsOutsiders, sendSpoiledPayloads } from '../support/hostile-payloads'
import { aMemberAtTheCounter } from '../support/points-flow'
import { callerOf } from '../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../support/test-deps'

type Who = 'member' | 'clerk' | 'reviewer' | 'admin' | 'guest'

describe('the events function', () => {
  let t: ReturnType<typeof testDeps>
  let callers: Record<Who, Caller>
  let valid: Record<string, Record<string, unknown>>
  beforeAll(async () => {
    t = testDeps('2026-05-10T02:00:00.000Z')
    const { member, memberCaller, clerkCaller } = await aMemberAtTheCounter(t.deps)
    const admin = await addStaff(t.deps, 'admin')
    const event = await aPublishedEvent(t.deps, {}, admin)
    callers = {
      member: memberCaller,
      clerk: clerkCaller,
      reviewer: callerOf((await addStaff(t.deps, 'reviewer')).openid),
      admin: callerOf(admin.openid),
      guest: callerOf('o_nobody'),
    }
    const { id: _id, ...draft } = anEventDraft(t.deps)
    valid = {
      list: { when: 'upcoming' },
      detail: { eventId: event.id },
      signUp: { eventId: event.id, acknowledged: true },
      cancelSignup: { eventId: event.id },
      save: draft,
      publish: { eventId: event.id },
      cancel: { eventId: event.id, reason: '天气原因' },
      roster: { eventId: event.id },
      select: { eventId: event.id, memberId: member.id },
      closeSelection: { eventId: event.id },
      exportAttendance: { eventId: event.id },
      checkIn: { eventId: event.id, code: 'RCC1.860000000017.1.1.abc' },
      adminList: {},
    }
  })
  afterAll(() => t.cleanup())

  it.each([
    ['signUp', 'member'],
    ['cancelSignup', 'member'],
    ['save', 'admin'],
    ['publish', 'admin'],
    ['cancel', 'admin'],
    ['select', 'reviewer'],
    ['checkIn', 'clerk'],
  ] as [string, Who][])(
    'refuses every spoiled %s payload field by field in Chinese, changing nothing',
    async (action, who) => {
      const before = t.snapshot()

      const sent = await sendSpoiledPayloads(
        eventsFunction,
        action,
        valid[action]!,
        eventsContract.actions[action as keyof typeof eventsContract.actions].input,
        callers[who],
        t.deps,
      )

      expect(sent).toBeGreaterThanOrEqual(12)
      expect(t.snapshot()).toEqual(before)
    },
  )

  it.each([
    ['list', ['clerk', 'reviewer', 'admin', 'guest']],
    ['detail', ['clerk', 'guest']],
    ['signUp', ['clerk', 'reviewer', 'admin', 'guest']],
    ['cancelSignup', ['clerk', 'admin', 'guest']],
    ['mySignups', ['clerk', 'guest']],
    ['adminList', ['member', 'clerk', 'reviewer', 'guest']],
    ['save', ['member', 'clerk', 'reviewer', 'guest']],
    ['publish', ['member', 'clerk', 'reviewer', 'guest']],
    ['cancel', ['member', 'clerk', 'reviewer', 'guest']],
    ['roster', ['member', 'guest']],
    ['select', ['member', 'clerk', 'guest']],
    ['closeSelection', ['member', 'clerk', 'guest']],
    ['exportAttendance', ['member', 'clerk', 'guest']],
    ['checkInEvents', ['member', 'guest']],
    ['checkIn', ['member', 'guest']],
  ] as [string, Who[]][])(
    'refuses %s to %j with an AUTH code, changing nothing',
    async (action, outsiders) => {
      const before = t.snapshot()

      await sendAsOutsiders(
        eventsFunction,
        action,
        valid[action] ?? {},
        outsiders.map((who) => callers[who]),
        t.deps,
      )

      expect(t.snapshot()).toEqual(before)
    },
  )

  it('lets only the timer or an admin record no-shows', async () => {
    for (const who of ['member', 'clerk', 'reviewer'] as const) {
      const envelope = await jobsFunction.handle(
        { action: 'markNoShows', payload: {}, requestId: newRequestId() },
        callers[who],
        t.deps,
      )

      expect(envelope).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    }
  })
})
