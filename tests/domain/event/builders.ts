import type { Applicant } from '@/domain/event/eligibility'
import type { ClubEvent, EventDraft } from '@/domain/event/event'
import type { Signup, SignupStatus } from '@/domain/event/signup'

/**
 * The calendar the builders use: a Saturday-evening tasting, 19:30–21:30 Shanghai time on
 * 2026-05-16, sign-ups from 1 May 10:00 until midnight before the event day (Shanghai).
 */
export const EVENT_TIMES = {
  startAt: '2026-05-16T11:30:00.000Z',
  endAt: '2026-05-16T13:30:00.000Z',
  signupOpensAt: '2026-05-01T02:00:00.000Z',
  signupClosesAt: '2026-05-15T16:00:00.000Z',
} as const

/** While sign-ups are open, a week before the event. */
export const DURING_SIGNUP = new Date('2026-05-08T06:00:00.000Z')

/** A valid first-come-first-served tasting for 20 people, open to everyone, unless told otherwise. */
export function anEventDraft(overrides: Partial<EventDraft> = {}): EventDraft {
  return {
    kind: 'tasting',
    title: '春季新品品鉴会',
    description: '门店新品试饮，现场讲解。',
    coverImage: null,
    place: '南京西路旗舰店二楼',
    contact: '王经理 138****0000',
    ...EVENT_TIMES,
    capacity: 20,
    attendancePoints: 50,
    clubOnly: false,
    minStar: null,
    acknowledgement: null,
    mode: 'fcfs',
    ...overrides,
  }
}

/** The draft above as a published event nobody has signed up for yet, unless told otherwise. */
export function anEvent(overrides: Partial<ClubEvent> = {}): ClubEvent {
  return {
    ...anEventDraft(),
    id: 'ev-1',
    status: 'published',
    confirmed: 0,
    signups: 0,
    checkedIn: 0,
    noShowsMarked: false,
    cancelReason: null,
    createdBy: 'staff-admin',
    createdAt: '2026-04-20T02:00:00.000Z',
    updatedAt: '2026-04-21T02:00:00.000Z',
    publishedAt: '2026-04-21T02:00:00.000Z',
    version: 2,
    ...overrides,
  }
}

/** Member m-1's sign-up for ev-1 in `status`, first to arrive and not checked in, unless told otherwise. */
export function aSignup(
  status: SignupStatus = 'confirmed',
  overrides: Partial<Signup> = {},
): Signup {
  return {
    eventId: 'ev-1',
    memberId: 'm-1',
    status,
    seq: 1,
    acknowledged: false,
    createdAt: '2026-05-02T03:00:00.000Z',
    updatedAt: '2026-05-02T03:00:00.000Z',
    checkedInAt: null,
    checkedInBy: null,
    noShowAt: null,
    version: 1,
    ...overrides,
  }
}

/** An active 3★ club member with no no-show block, unless told otherwise. */
export function anApplicant(overrides: Partial<Applicant> = {}): Applicant {
  return { active: true, star: 3, inClub: true, blockedUntil: null, ...overrides }
}
