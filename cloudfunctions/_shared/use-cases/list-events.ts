import type { MemberEventPage, MemberEventView } from '../../../src/contracts/events.contract'
import { checkEligibility } from '../../../src/domain/event/eligibility'
import type { EventKind } from '../../../src/domain/event/event'
import { eventNotFound } from '../../../src/domain/event/event.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import type { Signup } from '../../../src/domain/event/signup'
import type { Caller } from '../caller'
import { eligibilityOf, eventView, memberApplicant, mySignupView } from '../event-views'
import type { Deps } from '../ports'

/** The member's sign-up for an event, among their sign-ups read with their standing. */
const signupFor = (signups: Signup[], eventId: string) =>
  signups.find((s) => s.eventId === eventId) ?? null

/**
 * The member's event list (SPEC §7): published events, upcoming (soonest first) or past, optionally
 * one kind; each with whether the member may sign up — and if not, why ("仅限俱乐部会员",
 * "需三星及以上") — and the member's own sign-up. Cancelled events stay listed as cancelled.
 */
export async function listEvents(
  deps: Deps,
  caller: Caller,
  input: { kind?: EventKind; when: 'upcoming' | 'past'; offset: number; limit: number },
): Promise<Result<MemberEventPage>> {
  const now = deps.clock.now()
  const standing = await memberApplicant(deps, caller, now)
  if (!standing.ok) return standing
  const { applicant, signups } = standing.data
  const repos = deps.store.read
  const page = await repos.events.list(
    {
      statuses: ['published', 'cancelled'],
      kind: input.kind,
      when: { upcoming: input.when === 'upcoming', now: now.toISOString() },
    },
    input.offset,
    input.limit,
  )
  const items = await Promise.all(
    page.items.map(async (event): Promise<MemberEventView> => ({
      ...eventView(event),
      eligibility: eligibilityOf(checkEligibility(event, applicant, now)),
      mine: await mySignupView(repos, event, signupFor(signups, event.id), now),
    })),
  )
  return ok({ items, total: page.total, blockedUntil: applicant.blockedUntil })
}

/** One event with the member's eligibility and sign-up. Drafts are not shown to members. */
export async function eventDetail(
  deps: Deps,
  caller: Caller,
  input: { eventId: string },
): Promise<Result<MemberEventView>> {
  const now = deps.clock.now()
  const standing = await memberApplicant(deps, caller, now)
  if (!standing.ok) return standing
  const { applicant, signups } = standing.data
  const repos = deps.store.read
  const event = await repos.events.byId(input.eventId)
  if (!event || event.status === 'draft') return eventNotFound()
  return ok({
    ...eventView(event),
    eligibility: eligibilityOf(checkEligibility(event, applicant, now)),
    mine: await mySignupView(repos, event, signupFor(signups, event.id), now),
  })
}

/** 我的报名: the member's sign-ups with their events, newest first. */
export async function mySignups(deps: Deps, caller: Caller): Promise<Result<MemberEventView[]>> {
  const now = deps.clock.now()
  const standing = await memberApplicant(deps, caller, now)
  if (!standing.ok) return standing
  const { applicant, signups } = standing.data
  const repos = deps.store.read
  const views = await Promise.all(
    signups.map(async (signup) => {
      const event = await repos.events.byId(signup.eventId)
      if (!event) return null
      return {
        ...eventView(event),
        eligibility: eligibilityOf(checkEligibility(event, applicant, now)),
        mine: await mySignupView(repos, event, signup, now),
      }
    }),
  )
  return ok(views.filter((v): v is MemberEventView => v !== null))
}
