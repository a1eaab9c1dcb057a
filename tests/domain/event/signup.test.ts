import type { ClubEvent } from '@/domain/event/event'
import {
  cancellationDeadline,
  cancelSignup,
  isActiveSignup,
  isCancellable,
  promote,
  rejectApplicant,
  selectApplicant,
  signUp,
  type Signup,
  type SignupStatus,
} from '@/domain/event/signup'
import { anEvent, aSignup, DURING_SIGNUP } from './builders'

const NOW = DURING_SIGNUP
const AT = NOW.toISOString()

const error = (code: string) => ({ ok: false, error: { code, message: expect.any(String) } })

/** Members m-1, m-2 … signing up one after the other, each seeing the event the last one left. */
function signUpInTurn(event: ClubEvent, count: number): { event: ClubEvent; signups: Signup[] } {
  const signups: Signup[] = []
  let current = event
  for (let i = 1; i <= count; i += 1) {
    const result = signUp(current, null, `m-${i}`, true, NOW)
    if (!result.ok) throw new Error(`sign-up ${i} refused: ${result.error.code}`)
    current = result.data.event
    signups.push(result.data.signup)
  }
  return { event: current, signups }
}

describe('isActiveSignup', () => {
  it.each<[SignupStatus, boolean]>([
    ['confirmed', true],
    ['waitlisted', true],
    ['applied', true],
    ['rejected', false],
    ['cancelled', false],
  ])('counts a %s sign-up as holding or waiting for a place: %p', (status, active) => {
    expect(isActiveSignup(aSignup(status))).toBe(active)
  })

  it('does not count a missing sign-up', () => {
    expect(isActiveSignup(null)).toBe(false)
  })
})

describe('signUp', () => {
  it('gives a place while one remains, numbered after the earlier sign-ups', () => {
    const event = anEvent({ capacity: 20, confirmed: 7, signups: 9, version: 12 })

    const result = signUp(event, null, 'm-42', false, NOW)

    expect(result).toEqual({
      ok: true,
      data: {
        event: { ...event, confirmed: 8, signups: 10, updatedAt: AT, version: 13 },
        signup: {
          eventId: 'ev-1',
          memberId: 'm-42',
          status: 'confirmed',
          seq: 10,
          acknowledged: false,
          createdAt: AT,
          updatedAt: AT,
          checkedInAt: null,
          checkedInBy: null,
          noShowAt: null,
          version: 1,
        },
      },
    })
  })

  it.each([
    [20, 19, 'confirmed', 20],
    [20, 20, 'waitlisted', 20],
    [1, 0, 'confirmed', 1],
    [1, 1, 'waitlisted', 1],
  ])(
    'first come, first served: capacity %i with %i confirmed → %s, %i confirmed after',
    (capacity, confirmed, status, confirmedAfter) => {
      const event = anEvent({ capacity, confirmed, signups: confirmed })

      const result = signUp(event, null, 'm-42', false, NOW)

      expect(result).toMatchObject({
        ok: true,
        data: { event: { confirmed: confirmedAfter }, signup: { status } },
      })
    },
  )

  it('puts a member on the waitlist when the event is full, still counting the sign-up', () => {
    const event = anEvent({ capacity: 20, confirmed: 20, signups: 23, version: 30 })

    const result = signUp(event, null, 'm-42', false, NOW)

    expect(result).toMatchObject({
      ok: true,
      data: {
        event: { confirmed: 20, signups: 24, version: 31, updatedAt: AT },
        signup: { status: 'waitlisted', seq: 24 },
      },
    })
  })

  it('numbers sign-ups 1, 2, 3 … in order of arrival and never exceeds the capacity', () => {
    const event = anEvent({ capacity: 2 })

    const { event: after, signups } = signUpInTurn(event, 4)

    expect(signups.map((s) => [s.memberId, s.seq, s.status])).toEqual([
      ['m-1', 1, 'confirmed'],
      ['m-2', 2, 'confirmed'],
      ['m-3', 3, 'waitlisted'],
      ['m-4', 4, 'waitlisted'],
    ])
    expect(after).toMatchObject({ confirmed: 2, signups: 4, version: event.version + 4 })
  })

  it('takes an application in selection mode, even with places free', () => {
    const event = anEvent({ mode: 'selection', capacity: 10, confirmed: 0, signups: 3 })

    const result = signUp(event, null, 'm-42', false, NOW)

    expect(result).toMatchObject({
      ok: true,
      data: { event: { confirmed: 0, signups: 4 }, signup: { status: 'applied', seq: 4 } },
    })
  })

  it.each<SignupStatus>(['confirmed', 'waitlisted', 'applied'])(
    'refuses a second sign-up while the first is %s',
    (status) => {
      const existing = aSignup(status)

      const result = signUp(anEvent({ signups: 1 }), existing, 'm-1', true, NOW)

      expect(result).toEqual({
        ok: false,
        error: { code: 'EVENT.ALREADY_SIGNED_UP', message: '您已报名该活动' },
      })
    },
  )

  it('refuses a second sign-up of a member already checked in', () => {
    const existing = aSignup('confirmed', { checkedInAt: '2026-05-16T11:00:00.000Z' })

    const result = signUp(anEvent({ signups: 1 }), existing, 'm-1', true, NOW)

    expect(result).toMatchObject(error('EVENT.ALREADY_SIGNED_UP'))
  })

  it('requires the acknowledgement when the event has one', () => {
    const event = anEvent({ acknowledgement: '本活动含酒精饮品，未成年人及孕妇请勿参加。' })

    const result = signUp(event, null, 'm-42', false, NOW)

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'EVENT.ACK_REQUIRED',
        message: '请阅读并同意活动须知',
        fields: { acknowledged: '请阅读并同意活动须知' },
      },
    })
  })

  it('records an accepted acknowledgement on the sign-up', () => {
    const event = anEvent({ acknowledgement: '本活动含酒精饮品，未成年人及孕妇请勿参加。' })

    const result = signUp(event, null, 'm-42', true, NOW)

    expect(result).toMatchObject({ ok: true, data: { signup: { acknowledged: true } } })
  })

  it('needs no acknowledgement when the event has none', () => {
    const event = anEvent({ acknowledgement: null })

    const result = signUp(event, null, 'm-42', false, NOW)

    expect(result).toMatchObject({ ok: true, data: { signup: { acknowledged: false } } })
  })

  it('reports an active sign-up before a missing acknowledgement', () => {
    const event = anEvent({ acknowledgement: '请穿运动鞋', signups: 1 })

    const result = signUp(event, aSignup('confirmed'), 'm-1', false, NOW)

    expect(result).toMatchObject(error('EVENT.ALREADY_SIGNED_UP'))
  })

  it('lets a member who cancelled sign up again, at the back, version +1', () => {
    const event = anEvent({ capacity: 2, confirmed: 2, signups: 5 })
    const cancelled = aSignup('cancelled', {
      seq: 1,
      acknowledged: true,
      createdAt: '2026-05-01T02:00:00.000Z',
      updatedAt: '2026-05-03T02:00:00.000Z',
      version: 2,
    })

    const result = signUp(event, cancelled, 'm-1', false, NOW)

    expect(result).toEqual({
      ok: true,
      data: {
        event: { ...event, signups: 6, updatedAt: AT, version: event.version + 1 },
        signup: {
          eventId: 'ev-1',
          memberId: 'm-1',
          status: 'waitlisted',
          seq: 6,
          acknowledged: false,
          createdAt: '2026-05-01T02:00:00.000Z',
          updatedAt: AT,
          checkedInAt: null,
          checkedInBy: null,
          noShowAt: null,
          version: 3,
        },
      },
    })
  })

  it('gives a member who cancelled a free place again when one remains', () => {
    const event = anEvent({ capacity: 20, confirmed: 3, signups: 5 })

    const result = signUp(event, aSignup('cancelled', { seq: 2 }), 'm-1', false, NOW)

    expect(result).toMatchObject({
      ok: true,
      data: { event: { confirmed: 4 }, signup: { status: 'confirmed', seq: 6 } },
    })
  })
})

/** An end long after 16:00 on any of these event days, so only the 16:00 rule decides. */
const LATE_END = '2027-06-01T00:00:00.000Z'

describe('cancellationDeadline', () => {
  it.each([
    [
      'a morning event over at 11:00',
      '2026-05-16T01:00:00.000Z',
      '2026-05-16T03:00:00.000Z',
      '2026-05-16T03:00:00.000Z',
    ],
    [
      'an event over at 16:00 exactly',
      '2026-05-16T06:00:00.000Z',
      '2026-05-16T08:00:00.000Z',
      '2026-05-16T08:00:00.000Z',
    ],
    [
      'an afternoon event over at 17:00',
      '2026-05-16T06:00:00.000Z',
      '2026-05-16T09:00:00.000Z',
      '2026-05-16T08:00:00.000Z',
    ],
  ])('is the end of %s when that comes before 16:00', (_, startAt, endAt, deadline) => {
    const result = cancellationDeadline({ startAt, endAt })

    expect(result.toISOString()).toBe(deadline)
  })

  it.each([
    ['09:00', '2026-05-16T01:00:00.000Z', '2026-05-16T08:00:00.000Z'],
    ['19:30', '2026-05-16T11:30:00.000Z', '2026-05-16T08:00:00.000Z'],
    ['00:30, the previous UTC day,', '2026-05-15T16:30:00.000Z', '2026-05-16T08:00:00.000Z'],
    ['00:00', '2026-05-15T16:00:00.000Z', '2026-05-16T08:00:00.000Z'],
    ['23:59', '2026-05-16T15:59:00.000Z', '2026-05-16T08:00:00.000Z'],
    ['09:00 (written +08:00)', '2026-05-16T09:00:00+08:00', '2026-05-16T08:00:00.000Z'],
    ['09:00 on New Year’s Day', '2027-01-01T01:00:00.000Z', '2027-01-01T08:00:00.000Z'],
  ])(
    'is 16:00 Shanghai time on the day of an event starting at %s Shanghai time',
    (_, startAt, deadline) => {
      const result = cancellationDeadline({ startAt, endAt: LATE_END })

      expect(result.toISOString()).toBe(deadline)
    },
  )
})

describe('isCancellable', () => {
  describe.each([
    ['09:00', '2026-05-16T01:00:00.000Z'],
    ['19:30', '2026-05-16T11:30:00.000Z'],
    ['00:30 (the previous UTC day)', '2026-05-15T16:30:00.000Z'],
  ])('for an event starting at %s Shanghai time', (_, startAt) => {
    it.each([
      ['the day before at 16:00', '2026-05-15T08:00:00.000Z', true],
      ['at 00:00', '2026-05-15T16:00:00.000Z', true],
      ['at 15:59:59', '2026-05-16T07:59:59.000Z', true],
      ['at 15:59:59.999', '2026-05-16T07:59:59.999Z', true],
      ['at 16:00:00', '2026-05-16T08:00:00.000Z', false],
      ['at 16:00:01', '2026-05-16T08:00:01.000Z', false],
      ['at 23:59', '2026-05-16T15:59:00.000Z', false],
      ['the day after', '2026-05-17T02:00:00.000Z', false],
    ])('lets a member cancel on the event day (Shanghai) %s: %p', (__, now, allowed) => {
      const result = isCancellable({ startAt, endAt: LATE_END }, new Date(now))

      expect(result).toBe(allowed)
    })
  })
})

describe('cancelSignup', () => {
  const BEFORE = new Date('2026-05-16T07:59:59.000Z')
  const TOO_LATE = new Date('2026-05-16T08:00:00.000Z')

  it('gives a confirmed place back and marks the sign-up cancelled, both version +1', () => {
    const event = anEvent({ capacity: 20, confirmed: 20, signups: 22, version: 40 })
    const signup = aSignup('confirmed', { version: 1 })

    const result = cancelSignup(event, signup, BEFORE)

    expect(result).toEqual({
      ok: true,
      data: {
        event: { ...event, confirmed: 19, updatedAt: BEFORE.toISOString(), version: 41 },
        signup: { ...signup, status: 'cancelled', updatedAt: BEFORE.toISOString(), version: 2 },
      },
    })
  })

  it.each<SignupStatus>(['waitlisted', 'applied'])(
    'frees no place when the sign-up was %s',
    (status) => {
      const event = anEvent({ capacity: 20, confirmed: 20, signups: 25 })

      const result = cancelSignup(event, aSignup(status), BEFORE)

      expect(result).toMatchObject({
        ok: true,
        data: { event: { confirmed: 20 }, signup: { status: 'cancelled' } },
      })
    },
  )

  it('refuses to cancel from 16:00 Shanghai time on the event day', () => {
    const event = anEvent({ confirmed: 5 })

    const result = cancelSignup(event, aSignup('confirmed'), TOO_LATE)

    expect(result).toEqual({
      ok: false,
      error: { code: 'EVENT.CANCEL_TOO_LATE', message: '活动当天16:00后不能取消报名' },
    })
  })

  it.each<[string, Signup | null]>([
    ['never signed up', null],
    ['already cancelled', aSignup('cancelled')],
    ['was not selected', aSignup('rejected')],
  ])('refuses a member who %s', (_, signup) => {
    const result = cancelSignup(anEvent({ confirmed: 5 }), signup, BEFORE)

    expect(result).toEqual({
      ok: false,
      error: { code: 'EVENT.NOT_SIGNED_UP', message: '您没有报名该活动' },
    })
  })

  it('says "not signed up" rather than "too late" when both are true', () => {
    const result = cancelSignup(anEvent(), null, TOO_LATE)

    expect(result).toMatchObject(error('EVENT.NOT_SIGNED_UP'))
  })
})

describe('promote', () => {
  it('gives the first waitlisted member a free place, both version +1', () => {
    const event = anEvent({ capacity: 20, confirmed: 19, signups: 24, version: 41 })
    const waitlisted = aSignup('waitlisted', { seq: 21, version: 1 })

    const result = promote(event, waitlisted, NOW)

    expect(result).toEqual({
      ok: true,
      data: {
        event: { ...event, confirmed: 20, updatedAt: AT, version: 42 },
        signup: { ...waitlisted, status: 'confirmed', updatedAt: AT, version: 2 },
      },
    })
  })

  it.each([
    [20, 20],
    [20, 21],
  ])('refuses when the event is full: capacity %i, %i confirmed', (capacity, confirmed) => {
    const event = anEvent({ capacity, confirmed })

    const result = promote(event, aSignup('waitlisted'), NOW)

    expect(result).toEqual({ ok: false, error: { code: 'EVENT.FULL', message: '名额已满' } })
  })

  it('fills the place a cancellation gave back, keeping the event at capacity', () => {
    const { event, signups } = signUpInTurn(anEvent({ capacity: 2 }), 3)
    const [first, , third] = signups as [Signup, Signup, Signup]
    const cancelled = cancelSignup(event, first, NOW)

    const promoted = cancelled.ok && promote(cancelled.data.event, third, NOW)

    expect(promoted).toMatchObject({
      ok: true,
      data: {
        event: { capacity: 2, confirmed: 2 },
        signup: { memberId: 'm-3', status: 'confirmed' },
      },
    })
  })
})

describe('selectApplicant', () => {
  const selection = (overrides: Partial<ClubEvent> = {}) =>
    anEvent({ mode: 'selection', capacity: 2, ...overrides })

  it('confirms an applicant, taking one place, both version +1', () => {
    const event = selection({ confirmed: 0, signups: 5, version: 9 })
    const applicant = aSignup('applied', { seq: 4, version: 1 })

    const result = selectApplicant(event, applicant, NOW)

    expect(result).toEqual({
      ok: true,
      data: {
        event: { ...event, confirmed: 1, updatedAt: AT, version: 10 },
        signup: { ...applicant, status: 'confirmed', updatedAt: AT, version: 2 },
      },
    })
  })

  it('selects up to the capacity and refuses the next one as full', () => {
    let event = selection({ capacity: 2, signups: 3 })
    const outcomes: string[] = []

    for (const memberId of ['m-1', 'm-2', 'm-3']) {
      const result = selectApplicant(event, aSignup('applied', { memberId }), NOW)
      outcomes.push(result.ok ? result.data.signup.status : result.error.code)
      if (result.ok) event = result.data.event
    }

    expect(outcomes).toEqual(['confirmed', 'confirmed', 'EVENT.FULL'])
    expect(event.confirmed).toBe(2)
  })

  it('refuses on a first-come-first-served event', () => {
    const event = anEvent({ mode: 'fcfs' })

    const result = selectApplicant(event, aSignup('applied'), NOW)

    expect(result).toEqual({
      ok: false,
      error: { code: 'EVENT.NOT_SELECTION', message: '该活动不是遴选制' },
    })
  })

  it.each<[string, Signup | null]>([
    ['no sign-up', null],
    ['a confirmed one', aSignup('confirmed')],
    ['a rejected one', aSignup('rejected')],
    ['a cancelled one', aSignup('cancelled')],
  ])('refuses %s, which is not an application', (_, signup) => {
    const result = selectApplicant(selection(), signup, NOW)

    expect(result).toMatchObject(error('EVENT.NOT_SIGNED_UP'))
  })

  it('checks the mode before the applicant and the applicant before the capacity', () => {
    const full = selection({ capacity: 2, confirmed: 2 })

    const wrongMode = selectApplicant(anEvent({ mode: 'fcfs', confirmed: 20 }), null, NOW)
    const notApplied = selectApplicant(full, aSignup('confirmed'), NOW)

    expect(wrongMode).toMatchObject(error('EVENT.NOT_SELECTION'))
    expect(notApplied).toMatchObject(error('EVENT.NOT_SIGNED_UP'))
  })
})

describe('rejectApplicant', () => {
  it('marks an applicant not selected, version +1', () => {
    const applicant = aSignup('applied', { version: 1 })

    const result = rejectApplicant(applicant, NOW)

    expect(result).toEqual({ ...applicant, status: 'rejected', updatedAt: AT, version: 2 })
  })

  it.each<SignupStatus>(['confirmed', 'waitlisted', 'rejected', 'cancelled'])(
    'leaves a %s sign-up as it is',
    (status) => {
      const signup = aSignup(status)

      const result = rejectApplicant(signup, NOW)

      expect(result).toBe(signup)
    },
  )
})
