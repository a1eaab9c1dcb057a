import { byArrival, settleQueue, type QueuedSignup } from '@/domain/event/signup-queue'
import type { Signup } from '@/domain/event/signup'
import { anApplicant, anEvent, aSignup, DURING_SIGNUP, EVENT_TIMES } from './builders'

const at = (ms: number) => new Date(DURING_SIGNUP.getTime() + ms).toISOString()

/** Member `memberId`'s sign-up request, arrived `ms` after DURING_SIGNUP, eligible unless told. */
function aTicket(
  memberId: string,
  ms: number,
  overrides: Partial<QueuedSignup> = {},
): QueuedSignup {
  return {
    requestId: `req-${memberId}`,
    eventId: 'ev-1',
    memberId,
    acknowledged: true,
    applicant: anApplicant(),
    arrivedAt: at(ms),
    ...overrides,
  }
}

const none = new Map<string, Signup>()
const statusOf = (outcome: { result: { ok: boolean; data?: Signup; error?: { code: string } } }) =>
  outcome.result.ok ? outcome.result.data!.status : outcome.result.error!.code

describe('byArrival', () => {
  it('orders by the instant of arrival, then by request id within one millisecond', () => {
    const late = aTicket('m-1', 5)
    const early = aTicket('m-2', 1)
    const sameB = aTicket('m-3', 3, { requestId: 'b' })
    const sameA = aTicket('m-4', 3, { requestId: 'a' })

    expect([late, early, sameB, sameA].sort(byArrival).map((t) => t.memberId)).toEqual([
      'm-2',
      'm-4',
      'm-3',
      'm-1',
    ])
  })
})

describe('settleQueue', () => {
  it('gives the places in order of arrival, whatever order the batch was read in, then the waitlist', () => {
    const event = anEvent({ capacity: 2, confirmed: 0, signups: 0, version: 3 })
    const queued = [aTicket('m-3', 30), aTicket('m-1', 10), aTicket('m-4', 40), aTicket('m-2', 20)]

    const settled = settleQueue(event, queued, none)

    expect(settled.outcomes.map((o) => [o.requestId, statusOf(o)])).toEqual([
      ['req-m-1', 'confirmed'],
      ['req-m-2', 'confirmed'],
      ['req-m-3', 'waitlisted'],
      ['req-m-4', 'waitlisted'],
    ])
    expect(settled.signups.map((s) => [s.memberId, s.seq, s.createdAt])).toEqual([
      ['m-1', 1, at(10)],
      ['m-2', 2, at(20)],
      ['m-3', 3, at(30)],
      ['m-4', 4, at(40)],
    ])
    // One write of the event for the batch: one version step, the counters of all four.
    expect(settled.event).toMatchObject({ confirmed: 2, signups: 4, version: 4 })
  })

  it('refuses a second request of one member in the same batch, and one already signed up', () => {
    const event = anEvent({ capacity: 5 })
    const stored = new Map([['m-9', aSignup('confirmed', { memberId: 'm-9' })]])
    const queued = [
      aTicket('m-1', 1),
      aTicket('m-1', 2, { requestId: 'req-m-1-again' }),
      aTicket('m-9', 3),
    ]

    const settled = settleQueue(event, queued, stored)

    expect(settled.outcomes.map(statusOf)).toEqual([
      'confirmed',
      'EVENT.ALREADY_SIGNED_UP',
      'EVENT.ALREADY_SIGNED_UP',
    ])
    expect(settled.signups.map((s) => s.memberId)).toEqual(['m-1'])
  })

  it('decides eligibility at the instant each arrived, on the standing it arrived with', () => {
    const closesAt = new Date(EVENT_TIMES.signupClosesAt).getTime() - DURING_SIGNUP.getTime()
    const event = anEvent({ capacity: 5, clubOnly: true })
    const queued = [
      aTicket('m-1', closesAt - 1, { applicant: anApplicant({ inClub: true }) }),
      aTicket('m-2', closesAt, { applicant: anApplicant({ inClub: true }) }),
      aTicket('m-3', 5, { applicant: anApplicant({ inClub: false }) }),
    ]

    const settled = settleQueue(event, queued, none)

    expect(settled.outcomes.map((o) => [o.requestId, statusOf(o)])).toEqual([
      ['req-m-3', 'EVENT.CLUB_ONLY'],
      ['req-m-1', 'confirmed'],
      ['req-m-2', 'EVENT.SIGNUP_CLOSED'],
    ])
  })

  it('leaves the event untouched when nothing in the batch was accepted', () => {
    const event = anEvent({ acknowledgement: '自愿参加，风险自担。' })

    const settled = settleQueue(event, [aTicket('m-1', 1, { acknowledged: false })], none)

    expect(settled.outcomes.map(statusOf)).toEqual(['EVENT.ACK_REQUIRED'])
    expect(settled.event).toBe(event)
    expect(settled.signups).toEqual([])
  })
})
