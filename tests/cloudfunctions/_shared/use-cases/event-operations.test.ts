import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import type { Deps } from '../../../../cloudfunctions/_shared/ports'
import { getMyCard } from '../../../../cloudfunctions/_shared/use-cases/card-use-cases'
import {
  checkInEvents,
  checkInMember,
} from '../../../../cloudfunctions/_shared/use-cases/event-check-in'
import {
  closeSelection,
  eventRoster,
  exportAttendance,
  selectForEvent,
} from '../../../../cloudfunctions/_shared/use-cases/event-roster'
import { signUpForEvent } from '../../../../cloudfunctions/_shared/use-cases/event-signup'
import { listEvents } from '../../../../cloudfunctions/_shared/use-cases/list-events'
import { cancelEvent, saveEvent } from '../../../../cloudfunctions/_shared/use-cases/manage-events'
import { markNoShows } from '../../../../cloudfunctions/_shared/use-cases/mark-no-shows'
import { cardCode, timeStep } from '@/domain/card/card-code'
import { aPublishedEvent, anEventDraft, editOf } from '../../../support/event-flow'
import { anActiveMember, callerOf } from '../../../support/registration-flow'
import { TIMER } from '../../../support/star-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

const HOUR = 60 * 60 * 1000

describe('running events', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-05-10T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  async function members(n: number) {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const list = []
    for (let i = 0; i < n; i++) list.push(await anActiveMember(t.deps, reviewer))
    return list
  }
  const signUp = (deps: Deps, openid: string, eventId: string) =>
    signUpForEvent(deps, callerOf(openid), { eventId, acknowledged: false }, newRequestId())

  /** The code the member's phone shows now (the clock moves on a step so each code is fresh). */
  async function shownCode(openid: string) {
    t.clock.set(new Date(t.deps.clock.now().getTime() + 30_000).toISOString())
    const card = await getMyCard(t.deps, callerOf(openid))
    if (!card.ok) throw new Error(card.error.code)
    const secret = new Uint8Array(Buffer.from(card.data.secret, 'base64'))
    return cardCode(secret, card.data, timeStep(t.deps.clock.now()))
  }

  describe('check-in', () => {
    it('records attendance and credits the points once: a second scan says 已签到', async () => {
      const clerk = await addStaff(t.deps, 'clerk')
      const event = await aPublishedEvent(t.deps, { attendancePoints: 80 })
      const [m] = await members(1)
      await signUp(t.deps, m!.openid, event.id)
      t.clock.set(event.startAt)

      const first = await checkInMember(
        t.deps,
        callerOf(clerk.openid),
        { eventId: event.id, code: await shownCode(m!.openid) },
        newRequestId(),
      )
      const second = await checkInMember(
        t.deps,
        callerOf(clerk.openid),
        { eventId: event.id, code: await shownCode(m!.openid) },
        newRequestId(),
      )

      expect(first).toMatchObject({ ok: true, data: { points: 80, balance: 80, checkedIn: 1 } })
      expect(second).toMatchObject({
        ok: false,
        error: {
          code: 'EVENT.ALREADY_CHECKED_IN',
          message: expect.stringMatching(/^已签到（\d{2}:\d{2}）$/),
        },
      })
      expect((await t.deps.store.read.points.account(m!.memberId))?.balance).toBe(80)
      expect(await t.deps.store.read.points.ledgerSum(m!.memberId)).toBe(80)
    })

    it('answers the same screen scanned twice at the door with 已签到 and the time, not "code used"', async () => {
      const clerk = await addStaff(t.deps, 'clerk')
      const event = await aPublishedEvent(t.deps, { attendancePoints: 80 })
      const [m] = await members(1)
      await signUp(t.deps, m!.openid, event.id)
      t.clock.set(event.startAt)
      const code = await shownCode(m!.openid)
      const checkInWith = () =>
        checkInMember(t.deps, callerOf(clerk.openid), { eventId: event.id, code }, newRequestId())
      await checkInWith()

      const again = await checkInWith()

      const signup = await t.deps.store.read.signups.get(event.id, m!.memberId)
      expect(again).toEqual({
        ok: false,
        error: {
          code: 'EVENT.ALREADY_CHECKED_IN',
          message: `已签到（${formatShanghaiDateTime(signup!.checkedInAt!).slice(11)}）`,
        },
      })
      expect((await t.deps.store.read.points.account(m!.memberId))?.balance).toBe(80)
    })

    it('checks in only confirmed sign-ups: a waitlisted member is refused', async () => {
      const clerk = await addStaff(t.deps, 'clerk')
      const event = await aPublishedEvent(t.deps, { capacity: 1 })
      const [a, b] = await members(2)
      await signUp(t.deps, a!.openid, event.id)
      await signUp(t.deps, b!.openid, event.id)
      t.clock.set(event.startAt)

      const result = await checkInMember(
        t.deps,
        callerOf(clerk.openid),
        { eventId: event.id, code: await shownCode(b!.openid) },
        newRequestId(),
      )

      expect(result).toMatchObject({ ok: false, error: { code: 'EVENT.NOT_CONFIRMED' } })
      expect((await t.deps.store.read.points.account(b!.memberId))?.balance ?? 0).toBe(0)
    })

    it('lists the events open for check-in now, from 2 hours before the start', async () => {
      const clerk = await addStaff(t.deps, 'clerk')
      const event = await aPublishedEvent(t.deps)

      t.clock.set(new Date(Date.parse(event.startAt) - 2 * HOUR - 1000).toISOString())
      const early = await checkInEvents(t.deps, callerOf(clerk.openid))
      t.clock.set(new Date(Date.parse(event.startAt) - 2 * HOUR).toISOString())
      const open = await checkInEvents(t.deps, callerOf(clerk.openid))

      expect(early).toEqual({ ok: true, data: [] })
      expect(open).toMatchObject({ ok: true, data: [{ id: event.id }] })
    })

    it('is for clerks: a member cannot check anyone in', async () => {
      const event = await aPublishedEvent(t.deps)
      const [m] = await members(1)

      const result = await checkInMember(
        t.deps,
        callerOf(m!.openid),
        { eventId: event.id, code: await shownCode(m!.openid) },
        newRequestId(),
      )

      expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    })
  })

  describe('no-shows', () => {
    it('marks confirmed members who did not check in once the event has ended, once', async () => {
      const clerk = await addStaff(t.deps, 'clerk')
      const event = await aPublishedEvent(t.deps)
      const [came, missed] = await members(2)
      await signUp(t.deps, came!.openid, event.id)
      await signUp(t.deps, missed!.openid, event.id)
      t.clock.set(event.startAt)
      await checkInMember(
        t.deps,
        callerOf(clerk.openid),
        { eventId: event.id, code: await shownCode(came!.openid) },
        newRequestId(),
      )
      t.clock.set(event.endAt)

      const run = await markNoShows(t.deps, TIMER)
      const before = t.snapshot()
      const again = await markNoShows(t.deps, TIMER)

      expect(run).toMatchObject({ ok: true, data: { processed: 1, totals: { noShows: 1 } } })
      expect(again).toMatchObject({ ok: true, data: { processed: 0 } })
      expect(t.snapshot()).toEqual(before)
      expect((await t.deps.store.read.signups.get(event.id, missed!.memberId))?.noShowAt).toBe(
        event.endAt,
      )
      expect((await t.deps.store.read.signups.get(event.id, came!.memberId))?.noShowAt).toBeNull()
    })

    it('blocks sign-ups for 90 days after the third no-show within 12 months, and says until when', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const [m] = await members(1)
      for (let i = 0; i < 3; i++) {
        const event = await aPublishedEvent(t.deps, { title: `活动${i}` }, admin)
        await signUp(t.deps, m!.openid, event.id)
        t.clock.set(event.endAt)
        await markNoShows(t.deps, TIMER)
      }
      const next = await aPublishedEvent(t.deps, { title: '第四场' }, admin)

      const refused = await signUp(t.deps, m!.openid, next.id)
      const list = await listEvents(t.deps, callerOf(m!.openid), {
        when: 'upcoming',
        offset: 0,
        limit: 20,
      })

      expect(refused).toMatchObject({ ok: false, error: { code: 'EVENT.BLOCKED' } })
      expect(list).toMatchObject({ ok: true, data: { blockedUntil: expect.any(String) } })
      t.clock.set(new Date(Date.parse(list.ok ? list.data.blockedUntil! : '') + 1000).toISOString())
      const later = await aPublishedEvent(t.deps, { title: '三个月后' }, admin)
      expect(await signUp(t.deps, m!.openid, later.id)).toMatchObject({ ok: true })
    })
  })

  describe('selection', () => {
    it('takes applications, lets staff select up to capacity, and tells the rest', async () => {
      const reviewer = await addStaff(t.deps, 'reviewer')
      const event = await aPublishedEvent(t.deps, {
        mode: 'selection',
        capacity: 1,
        title: '高端品鉴',
      })
      const [a, b] = await members(2)
      const applied = await signUp(t.deps, a!.openid, event.id)
      await signUp(t.deps, b!.openid, event.id)

      const chosen = await selectForEvent(
        t.deps,
        callerOf(reviewer.openid),
        { eventId: event.id, memberId: a!.memberId },
        newRequestId(),
      )
      const overCapacity = await selectForEvent(
        t.deps,
        callerOf(reviewer.openid),
        { eventId: event.id, memberId: b!.memberId },
        newRequestId(),
      )
      const closed = await closeSelection(t.deps, callerOf(reviewer.openid), { eventId: event.id })

      expect(applied).toMatchObject({ ok: true, data: { status: 'applied' } })
      expect(chosen).toMatchObject({ ok: true, data: { confirmed: 1 } })
      expect(overCapacity).toMatchObject({ ok: false, error: { code: 'EVENT.FULL' } })
      expect(closed).toEqual({ ok: true, data: { rejected: 1, done: true } })
      expect((await t.deps.store.read.signups.get(event.id, b!.memberId))?.status).toBe('rejected')
      const [notice] = await t.deps.store.read.outbox.forMember(b!.memberId)
      expect(notice).toMatchObject({ kind: 'event.selected', payload: { selected: false } })
    })

    it('shows staff each applicant with star and attendance, and the live counts', async () => {
      const clerk = await addStaff(t.deps, 'clerk')
      const event = await aPublishedEvent(t.deps, { capacity: 1 })
      const [a, b] = await members(2)
      await signUp(t.deps, a!.openid, event.id)
      await signUp(t.deps, b!.openid, event.id)

      const roster = await eventRoster(t.deps, callerOf(clerk.openid), {
        eventId: event.id,
        offset: 0,
        limit: 20,
      })

      expect(roster).toMatchObject({
        ok: true,
        data: {
          total: 2,
          counts: { confirmed: 1, waitlisted: 1, checkedIn: 0 },
          items: [
            { memberId: a!.memberId, status: 'confirmed', star: 1, attended: 0, noShows: 0 },
            { memberId: b!.memberId, status: 'waitlisted', seq: 2 },
          ],
        },
      })
    })
  })

  describe('administration', () => {
    it('refuses an event whose sign-up closes after it starts, field by field, saving nothing', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const draft = anEventDraft(t.deps)
      const before = t.snapshot()

      const result = await saveEvent(
        t.deps,
        callerOf(admin.openid),
        { ...draft, signupClosesAt: new Date(Date.parse(draft.startAt) + 1000).toISOString() },
        newRequestId(),
      )

      expect(result).toMatchObject({
        ok: false,
        error: {
          code: 'EVENT.DRAFT_INVALID',
          fields: { signupClosesAt: '报名截止不能晚于活动开始' },
        },
      })
      expect(t.snapshot()).toEqual(before)
    })

    it('gives new places to the waitlist first when an admin raises the capacity', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const event = await aPublishedEvent(t.deps, { capacity: 1 }, admin)
      const [a, b, c] = await members(3)
      for (const m of [a!, b!, c!]) await signUp(t.deps, m.openid, event.id)

      const edited = await saveEvent(
        t.deps,
        callerOf(admin.openid),
        {
          ...editOf(event),
          version: (await t.deps.store.read.events.byId(event.id))!.version,
          capacity: 2,
        },
        newRequestId(),
      )

      expect(edited).toMatchObject({ ok: true, data: { capacity: 2, confirmed: 2 } })
      expect((await t.deps.store.read.signups.get(event.id, b!.memberId))?.status).toBe('confirmed')
      expect((await t.deps.store.read.signups.get(event.id, c!.memberId))?.status).toBe(
        'waitlisted',
      )
    })

    it('refuses fewer places than members already confirmed', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const event = await aPublishedEvent(t.deps, { capacity: 2 }, admin)
      const [a, b] = await members(2)
      for (const m of [a!, b!]) await signUp(t.deps, m.openid, event.id)

      const result = await saveEvent(
        t.deps,
        callerOf(admin.openid),
        {
          ...editOf(event),
          capacity: 1,
        },
        newRequestId(),
      )

      expect(result).toMatchObject({ ok: false, error: { code: 'EVENT.CAPACITY_BELOW_CONFIRMED' } })
    })

    it('notifies every member signed up when an event is cancelled, audited', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const event = await aPublishedEvent(t.deps, { capacity: 1 }, admin)
      const [a, b] = await members(2)
      for (const m of [a!, b!]) await signUp(t.deps, m.openid, event.id)

      const result = await cancelEvent(
        t.deps,
        callerOf(admin.openid),
        { eventId: event.id, reason: '天气原因' },
        newRequestId(),
      )

      expect(result).toMatchObject({
        ok: true,
        data: { status: 'cancelled', cancelReason: '天气原因' },
      })
      for (const m of [a!, b!]) {
        const notices = await t.deps.store.read.outbox.forMember(m.memberId)
        expect(notices.filter((n) => n.kind.startsWith('event.'))).toEqual([
          expect.objectContaining({ kind: 'event.cancelled' }),
        ])
      }
      const audit = await t.deps.store.read.audit.forTarget('event', event.id)
      // Rows written in the same millisecond have no defined order among themselves.
      expect(audit.map((r) => r.action).sort()).toEqual([
        'event.cancel',
        'event.create',
        'event.publish',
      ])
    })

    it('exports the attendance list as CSV with masked mobiles, and audits the export', async () => {
      const reviewer = await addStaff(t.deps, 'reviewer')
      const event = await aPublishedEvent(t.deps)
      const [m] = await members(1)
      await signUp(t.deps, m!.openid, event.id)

      const result = await exportAttendance(
        t.deps,
        callerOf(reviewer.openid),
        { eventId: event.id },
        newRequestId(),
      )

      expect(result.ok).toBe(true)
      if (!result.ok) return
      const lines = result.data.csv.replace('\uFEFF', '').split('\r\n')
      expect(lines[0]).toBe('序号,姓名,手机号,会员卡号,报名状态,签到时间,未到场')
      expect(lines[1]).toMatch(/^1,王建国,1\d{2}\*{4}\d{4},\d{12},已确认,,$/)
      expect(result.data.csv).not.toContain(m!.form.mobile)
      const audit = await t.deps.store.read.audit.forTarget('event', event.id)
      expect(audit.at(-1)).toMatchObject({
        action: 'event.export',
        actorId: reviewer.id,
        after: { rows: 1 },
      })
    })
  })
})
