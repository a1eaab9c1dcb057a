import { Cron } from 'croner'
import { JOB_TIMERS } from '../../cloudfunctions/jobs/index'
import { isDueBetween, jobTimers, runTimer } from '../../server/local-timers'
import { CLUB_TIME_ZONE } from '@/domain/shared/calendar'
import { sqliteTestDeps } from '../support/test-deps'

describe('jobTimers', () => {
  it('runs every timer trigger of cloudbaserc.json, and every job timer has a trigger there', () => {
    const timers = jobTimers()

    expect(timers.map((t) => t.name).sort()).toEqual(Object.keys(JOB_TIMERS).sort())
    for (const timer of timers) {
      expect(timer.action).toBe(JOB_TIMERS[timer.name as keyof typeof JOB_TIMERS])
    }
  })

  it.each(jobTimers().map((t) => [t.name, t.cron]))(
    'reads %s (%s) as a 7-field cron expression: seconds first, year last',
    (_, expression) => {
      expect(() => new Cron(expression, { mode: '7-part', paused: true })).not.toThrow()
    },
  )

  it.each([
    ['outboxSender', '2026-11-23T02:00:30.000Z', '2026-11-23T02:01:00.000Z'],
    ['pointsExpiry', '2026-11-23T02:00:00.000Z', '2026-11-23T16:00:00.000Z'],
    ['pointsExpiry', '2026-11-23T18:00:00.000Z', '2026-11-23T18:01:00.000Z'],
    ['pointsExpiry', '2026-11-24T01:59:00.000Z', '2026-11-24T16:00:00.000Z'],
    ['starAdjustment', '2026-11-23T00:00:00.000Z', '2026-12-31T17:00:00.000Z'],
    ['starAdjustment', '2026-12-31T17:00:00.000Z', '2026-12-31T17:01:00.000Z'],
    ['starAdjustment', '2027-01-01T15:59:00.000Z', '2027-01-01T17:00:00.000Z'],
    ['starAdjustment', '2027-01-02T15:59:00.000Z', '2027-12-31T17:00:00.000Z'],
    ['noShows', '2026-11-23T02:00:00.000Z', '2026-11-23T02:20:00.000Z'],
  ])('schedules %s after %s at %s, in Shanghai time', (name, after, next) => {
    const timer = jobTimers().find((t) => t.name === name)!
    const cron = new Cron(timer.cron, { timezone: CLUB_TIME_ZONE, mode: '7-part', paused: true })

    const run = cron.nextRun(new Date(after))

    expect(run?.toISOString()).toBe(next)
  })
})

describe('isDueBetween', () => {
  const timer = (name: string) => jobTimers().find((t) => t.name === name)!

  it.each([
    ['noShows', '2026-11-23T02:00:00.000Z', '2026-11-23T03:00:00.000Z', true],
    ['noShows', '2026-11-23T02:21:00.000Z', '2026-11-23T03:19:59.000Z', false],
    ['noShows', '2026-11-23T02:00:00.000Z', '2026-11-23T02:20:00.000Z', true],
    ['pointsExpiry', '2026-11-23T02:00:00.000Z', '2026-11-23T03:00:00.000Z', false],
    ['pointsExpiry', '2026-11-23T02:00:00.000Z', '2026-11-24T02:00:00.000Z', true],
    ['starAdjustment', '2026-12-07T02:00:00.000Z', '2026-12-31T16:59:59.000Z', false],
    ['starAdjustment', '2026-12-07T02:00:00.000Z', '2026-12-31T17:00:00.000Z', true],
  ])('says whether %s fires after %s and by %s (Shanghai schedule): %s', (name, from, to, due) => {
    expect(isDueBetween(timer(name), new Date(from), new Date(to))).toBe(due)
  })
})

describe('runTimer', () => {
  let t: ReturnType<typeof sqliteTestDeps>
  beforeEach(() => (t = sqliteTestDeps()))
  afterEach(() => t.cleanup())

  it('runs the job as the system, as a CloudBase timer would', async () => {
    const ran = await runTimer(
      t.deps,
      { name: 'noShows', cron: '', action: 'markNoShows' },
      t.clock.now(),
    )

    expect(ran).toBe(true)
    expect(t.errors).toEqual([])
  })

  it('logs a refused run instead of throwing, so the next tick tries again', async () => {
    const ran = await runTimer(
      t.deps,
      { name: 'broken', cron: '', action: 'noSuchJob' },
      t.clock.now(),
    )

    expect(ran).toBe(false)
    expect(t.errors).toEqual([
      expect.objectContaining({ message: 'timer failed', timer: 'broken' }),
    ])
  })
})
