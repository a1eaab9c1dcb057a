import {
  CHECK_IN_CLOSES_AFTER_MS,
  CHECK_IN_OPENS_BEFORE_MS,
  checkIn,
} from '@/domain/event/check-in'
import type { Signup, SignupStatus } from '@/domain/event/signup'
import { anEvent, aSignup, EVENT_TIMES } from './builders'

/** During the event (19:30–21:30 Shanghai), at 19:40. */
const NOW = new Date('2026-05-16T11:40:00.000Z')
const AT = NOW.toISOString()
const ms = (iso: string, delta: number) => new Date(Date.parse(iso) + delta)
const HOUR = 3600 * 1000

describe('CHECK_IN_OPENS_BEFORE_MS / CHECK_IN_CLOSES_AFTER_MS', () => {
  it('open check-in 2 hours before the start and close it 1 hour after the end', () => {
    expect([CHECK_IN_OPENS_BEFORE_MS, CHECK_IN_CLOSES_AFTER_MS]).toEqual([2 * HOUR, HOUR])
  })
})

describe('checkIn', () => {
  it('records the attendance of a confirmed member, by whom and when, both version +1', () => {
    const event = anEvent({ confirmed: 18, signups: 21, checkedIn: 4, version: 30 })
    const signup = aSignup('confirmed', { version: 2 })

    const result = checkIn(event, signup, 'clerk-7', NOW)

    expect(result).toEqual({
      ok: true,
      data: {
        event: { ...event, checkedIn: 5, updatedAt: AT, version: 31 },
        signup: {
          ...signup,
          checkedInAt: AT,
          checkedInBy: 'clerk-7',
          updatedAt: AT,
          version: 3,
        },
      },
    })
  })

  it.each<SignupStatus>(['waitlisted', 'applied', 'rejected', 'cancelled'])(
    'refuses a member whose sign-up is %s',
    (status) => {
      const result = checkIn(anEvent(), aSignup(status), 'clerk-7', NOW)

      expect(result).toEqual({
        ok: false,
        error: { code: 'EVENT.NOT_CONFIRMED', message: '该会员没有确认的报名，不能签到' },
      })
    },
  )

  it('refuses a member who never signed up', () => {
    const result = checkIn(anEvent(), null, 'clerk-7', NOW)

    expect(result).toMatchObject({ ok: false, error: { code: 'EVENT.NOT_CONFIRMED' } })
  })

  it('checks a member in once: a second scan is refused as 已签到, with the time of the first', () => {
    const first = checkIn(anEvent({ confirmed: 1 }), aSignup('confirmed'), 'clerk-7', NOW)

    const second =
      first.ok &&
      checkIn(first.data.event, first.data.signup, 'clerk-8', new Date('2026-05-16T11:41:00.000Z'))

    expect(second).toEqual({
      ok: false,
      error: { code: 'EVENT.ALREADY_CHECKED_IN', message: '已签到（19:40）' },
    })
  })

  it.each([
    ['1 ms before 2 hours before the start', EVENT_TIMES.startAt, -2 * HOUR - 1, false],
    ['exactly 2 hours before the start', EVENT_TIMES.startAt, -2 * HOUR, true],
    ['at the start', EVENT_TIMES.startAt, 0, true],
    ['at the end', EVENT_TIMES.endAt, 0, true],
    ['exactly 1 hour after the end', EVENT_TIMES.endAt, HOUR, true],
    ['1 ms after 1 hour after the end', EVENT_TIMES.endAt, HOUR + 1, false],
    ['the next day', EVENT_TIMES.endAt, 24 * HOUR, false],
  ])('checking in %s: %p', (_, edge, delta, allowed) => {
    const now = ms(edge, delta)

    const result = checkIn(anEvent({ confirmed: 1 }), aSignup('confirmed'), 'clerk-7', now)

    expect(result).toMatchObject(
      allowed ? { ok: true } : { ok: false, error: { code: 'EVENT.CHECK_IN_CLOSED' } },
    )
  })

  it('explains the check-in window when it is closed', () => {
    const result = checkIn(
      anEvent(),
      aSignup('confirmed'),
      'clerk-7',
      ms(EVENT_TIMES.endAt, 2 * HOUR),
    )

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'EVENT.CHECK_IN_CLOSED',
        message: '不在签到时间内（活动开始前2小时至结束后1小时）',
      },
    })
  })

  it('refuses check-in at a cancelled event', () => {
    const event = anEvent({ status: 'cancelled', cancelReason: '天气原因' })

    const result = checkIn(event, aSignup('confirmed'), 'clerk-7', NOW)

    expect(result).toEqual({ ok: false, error: { code: 'EVENT.CANCELLED', message: '活动已取消' } })
  })

  it.each<[string, Signup | null, string]>([
    ['cancelled event before 已签到', aSignup('confirmed', { checkedInAt: AT }), 'EVENT.CANCELLED'],
    ['cancelled event before not confirmed', null, 'EVENT.CANCELLED'],
  ])('checks the %s', (_, signup, code) => {
    const result = checkIn(anEvent({ status: 'cancelled' }), signup, 'clerk-7', NOW)

    expect(result).toMatchObject({ ok: false, error: { code } })
  })

  it('says 已签到 before the window: a scan after check-in closed still reads 已签到', () => {
    const signup = aSignup('confirmed', { checkedInAt: '2026-05-16T11:35:00.000Z' })

    const result = checkIn(anEvent(), signup, 'clerk-7', ms(EVENT_TIMES.endAt, 3 * HOUR))

    expect(result).toMatchObject({ ok: false, error: { code: 'EVENT.ALREADY_CHECKED_IN' } })
  })

  it('says "not confirmed" before the window', () => {
    const result = checkIn(
      anEvent(),
      aSignup('waitlisted'),
      'clerk-7',
      ms(EVENT_TIMES.endAt, 3 * HOUR),
    )

    expect(result).toMatchObject({ ok: false, error: { code: 'EVENT.NOT_CONFIRMED' } })
  })
})
