import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Deps } from '../../cloudfunctions/_shared/ports'
import { eventsFunction } from '../../cloudfunctions/events/index'
import type { ClockMovedView } from '@/contracts/demo.contract'
import type { Envelope } from '@/contracts/error-codes'
import { createDemoClock, type DemoClock } from '../../server/demo-clock'
import { demoFunction } from '../../server/demo-function'
import { aPublishedEvent } from '../support/event-flow'
import { anActiveMember, callerOf } from '../support/registration-flow'
import { addStaff, newRequestId, sqliteTestDeps } from '../support/test-deps'

const HOUR = 3_600_000
const DAY = 24 * HOUR

describe('the demo function (local host only)', () => {
  let t: ReturnType<typeof sqliteTestDeps>
  let dir: string
  let clock: DemoClock
  let deps: Deps
  let demo: ReturnType<typeof demoFunction>
  let adminOpenid: string

  // 2026-11-23 10:00 in Shanghai; the real clock stands still, so only moves change the time.
  beforeEach(async () => {
    t = sqliteTestDeps('2026-11-23T02:00:00.000Z')
    dir = mkdtempSync(join(tmpdir(), 'club-demo-fn-'))
    clock = createDemoClock({ file: join(dir, 'demo-clock.json'), realNow: t.clock.now })
    deps = { ...t.deps, clock }
    demo = demoFunction(clock)
    adminOpenid = (await addStaff(deps, 'admin')).openid
  })
  afterEach(async () => {
    await t.cleanup()
    rmSync(dir, { recursive: true, force: true })
  })

  const call = (
    openid: string,
    action: string,
    payload: unknown = {},
    requestId = newRequestId(),
  ) => demo.handle({ action, payload, requestId }, callerOf(openid), deps)
  const asAdmin = (action: string, payload: unknown = {}, requestId?: string) =>
    call(adminOpenid, action, payload, requestId)
  const jobsRanMoving = async (payload: unknown) => {
    const answer = (await asAdmin('moveClock', payload)) as Envelope<ClockMovedView>
    if (!answer.ok) throw new Error(`move refused: ${JSON.stringify(answer.error)}`)
    return answer.data.jobs
  }

  it('tells anyone, a guest too, the time it runs by and how far it is moved', async () => {
    const answer = await call('', 'clock')

    expect(answer).toEqual({
      ok: true,
      data: { now: '2026-11-23T02:00:00.000Z', movedByMs: 0 },
    })
  })

  it.each([
    ['a clerk', async () => (await addStaff(deps, 'clerk')).openid, 'AUTH.FORBIDDEN'],
    ['a reviewer', async () => (await addStaff(deps, 'reviewer')).openid, 'AUTH.FORBIDDEN'],
    [
      'a member',
      async () => (await anActiveMember(deps, await addStaff(deps, 'reviewer'))).openid,
      'AUTH.FORBIDDEN',
    ],
    ['a signed-in guest', async () => 'o_guest_demo', 'AUTH.FORBIDDEN'],
    ['nobody signed in', async () => '', 'AUTH.NOT_SIGNED_IN'],
  ])('lets only an admin move or reset the clock: %s is refused', async (_, who, code) => {
    const openid = await who()
    const before = t.snapshot()

    const moved = await call(openid, 'moveClock', { days: 1 })
    const reset = await call(openid, 'resetClock')

    expect(moved).toMatchObject({ ok: false, error: { code } })
    expect(reset).toMatchObject({ ok: false, error: { code } })
    expect(clock.movedByMs).toBe(0)
    expect(t.snapshot()).toEqual(before)
  })

  it.each([
    ['nothing to move by', {}, { _: '请选择拨快多少或拨到何时' }],
    ['zero hours', { hours: 0 }, { hours: '至少拨快1小时' }],
    ['half a day', { days: 1.5 }, { days: '天数必须是整数' }],
    ['days as text', { days: '7' }, { days: '天数必须是数字' }],
    ['more than 400 days', { days: 401 }, { days: '一次最多拨快400天' }],
    ['a time that is no time', { to: '明天下午' }, { to: '目标时间格式不正确' }],
    [
      'both a length and a time',
      { hours: 1, to: '2026-11-24T02:00:00.000Z' },
      { to: '拨快时长与目标时间只能选一个' },
    ],
    [
      'a time in the past',
      { to: '2026-11-23T01:59:59.000Z' },
      { to: '只能向后拨：目标时间须晚于当前演示时间' },
    ],
    [
      'a time equal to now',
      { to: '2026-11-23T10:00:00+08:00' },
      { to: '只能向后拨：目标时间须晚于当前演示时间' },
    ],
  ])(
    'refuses a move by %s with a message for the field, and changes nothing',
    async (_, payload, fields) => {
      const before = t.snapshot()

      const answer = await asAdmin('moveClock', payload)

      expect(answer).toEqual({
        ok: false,
        error: { code: 'INPUT.INVALID', message: expect.any(String), fields },
      })
      expect(clock.movedByMs).toBe(0)
      expect(t.snapshot()).toEqual(before)
    },
  )

  it('moves forward by hours and days together, and answers the new time', async () => {
    const answer = await asAdmin('moveClock', { days: 1, hours: 2 })

    expect(answer).toMatchObject({
      ok: true,
      data: { now: '2026-11-24T04:00:00.000Z', movedByMs: DAY + 2 * HOUR },
    })
    expect(deps.clock.now().toISOString()).toBe('2026-11-24T04:00:00.000Z')
  })

  it('moves by exactly the length asked for, while the real clock runs on', async () => {
    let real = Date.parse('2026-11-23T02:00:00.000Z')
    const running = createDemoClock({
      file: join(dir, 'running-clock.json'),
      realNow: () => new Date((real += 7)),
    })

    await demoFunction(running).handle(
      { action: 'moveClock', payload: { days: 1 }, requestId: newRequestId() },
      callerOf(adminOpenid),
      { ...deps, clock: running },
    )

    expect(running.movedByMs).toBe(DAY)
  })

  it('writes an audit record of each move and reset: who, when, the clock before and after', async () => {
    const moveId = newRequestId()
    const resetId = newRequestId()

    await asAdmin('moveClock', { days: 1 }, moveId)
    await asAdmin('resetClock', {}, resetId)

    const records = await deps.store.read.audit.forTarget('demo_clock', 'local')
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'clock.move',
          actorRole: 'admin',
          at: '2026-11-23T02:00:00.000Z',
          before: { now: '2026-11-23T02:00:00.000Z', movedByMs: 0 },
          after: { now: '2026-11-24T02:00:00.000Z', movedByMs: DAY },
          requestId: moveId,
        }),
        expect.objectContaining({
          action: 'clock.reset',
          at: '2026-11-24T02:00:00.000Z',
          before: { now: '2026-11-24T02:00:00.000Z', movedByMs: DAY },
          after: { now: '2026-11-23T02:00:00.000Z', movedByMs: 0 },
          requestId: resetId,
        }),
      ]),
    )
    expect(records).toHaveLength(2)
  })

  it('runs once each job timer whose schedule fell within the skipped hour, and says so', async () => {
    const jobs = await jobsRanMoving({ hours: 1 })

    expect(jobs).toEqual(
      expect.arrayContaining([
        { timer: 'noShows', action: 'markNoShows', ok: true },
        { timer: 'suspensionEnd', action: 'endSuspensions', ok: true },
        { timer: 'outboxSender', action: 'sendNotifications', ok: true },
        { timer: 'eventReminders', action: 'remindEvents', ok: true },
        { timer: 'signupQueues', action: 'settleSignupQueues', ok: true },
        { timer: 'purchaseCredits', action: 'settlePurchaseCredits', ok: true },
      ]),
    )
    const ran = jobs.map((j) => j.timer)
    expect(ran).toHaveLength(6)
    expect(ran).not.toContain('pointsExpiry')
    expect(ran).not.toContain('starAdjustment')
    expect(t.errors).toEqual([])
  })

  it('moved across 1 January in the morning, runs the annual star adjustment too', async () => {
    const jobs = await jobsRanMoving({ to: '2027-01-01T09:00:00+08:00' })

    expect(jobs).toContainEqual({
      timer: 'starAdjustment',
      action: 'adjustStars',
      ok: true,
    })
  })

  it('with the host’s timers off, moves and runs no job', async () => {
    const quiet = demoFunction(clock, [])

    const answer = await quiet.handle(
      { action: 'moveClock', payload: { days: 1 }, requestId: newRequestId() },
      callerOf(adminOpenid),
      deps,
    )

    expect(answer).toMatchObject({ ok: true, data: { movedByMs: DAY, jobs: [] } })
  })

  it('moves only once for a retried request', async () => {
    const requestId = newRequestId()

    await asAdmin('moveClock', { days: 1 }, requestId)
    const retried = await asAdmin('moveClock', { days: 1 }, requestId)

    expect(clock.movedByMs).toBe(DAY)
    expect(retried).toMatchObject({ ok: true, data: { movedByMs: DAY } })
  })

  it('reset, runs by the real time again', async () => {
    await asAdmin('moveClock', { days: 30 })

    const answer = await asAdmin('resetClock')

    expect(answer).toEqual({
      ok: true,
      data: { now: '2026-11-23T02:00:00.000Z', movedByMs: 0 },
    })
    expect(deps.clock.now().toISOString()).toBe('2026-11-23T02:00:00.000Z')
  })

  describe('deadlines take effect at the moved time', () => {
    // The event starts 8 days from now (1 December, 10:00–13:00 Shanghai); the member is signed up.
    let event: Awaited<ReturnType<typeof aPublishedEvent>>
    let member: Awaited<ReturnType<typeof anActiveMember>>
    beforeEach(async () => {
      event = await aPublishedEvent(deps)
      member = await anActiveMember(deps, await addStaff(deps, 'reviewer'))
      const signed = await eventsFunction.handle(
        {
          action: 'signUp',
          payload: { eventId: event.id, acknowledged: false },
          requestId: newRequestId(),
        },
        callerOf(member.openid),
        deps,
      )
      expect(signed).toMatchObject({ ok: true, data: { status: 'confirmed' } })
    })

    it('past 16:00 on the event day, a member may no longer cancel the sign-up', async () => {
      await asAdmin('moveClock', { to: '2026-12-01T16:01:00+08:00' })

      const cancel = await eventsFunction.handle(
        { action: 'cancelSignup', payload: { eventId: event.id }, requestId: newRequestId() },
        callerOf(member.openid),
        deps,
      )

      expect(cancel).toMatchObject({ ok: false, error: { code: 'EVENT.CANCEL_TOO_LATE' } })
    })

    it('past the event’s end, the no-show job has already marked who did not come', async () => {
      const jobs = await jobsRanMoving({ to: '2026-12-01T14:30:00+08:00' })

      expect(jobs).toContainEqual({
        timer: 'noShows',
        action: 'markNoShows',
        ok: true,
      })
      const signup = await deps.store.read.signups.get(event.id, member.memberId)
      expect(signup?.noShowAt).toBe(event.endAt)
    })
  })
})
