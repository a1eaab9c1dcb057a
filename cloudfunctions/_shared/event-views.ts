import type { Eligibility, EventView, MySignupView } from '../../src/contracts/events.contract'
import { isInClub, type ClubMembership } from '../../src/domain/club/club'
import type { Applicant } from '../../src/domain/event/eligibility'
import type { ClubEvent } from '../../src/domain/event/event'
import { noShowBlockUntil } from '../../src/domain/event/no-show'
import { cancellationDeadline, isActiveSignup, type Signup } from '../../src/domain/event/signup'
import { ok, type Result } from '../../src/domain/shared/result'
import { notSignedIn } from '../../src/domain/shared/common.errors'
import { memberAllowed, type Caller } from './caller'
import type { StarGrant } from '../../src/domain/star/star'
import type { Deps, MemberRecord, Repositories } from './ports'
import { standingFrom } from './star-views'

/** An event as members and staff see it. */
export function eventView(event: ClubEvent): EventView {
  const { createdBy: _by, noShowsMarked: _marked, signups: _signups, ...shown } = event
  return { ...shown, remaining: Math.max(0, event.capacity - event.confirmed) }
}

/** What eligibility means for the list: fine, or the reason in the member's words. */
export const eligibilityOf = (result: Result<true>): Eligibility =>
  result.ok ? { ok: true } : { ok: false, code: result.error.code, message: result.error.message }

/** The member's sign-up as they see it: status, waitlist place, whether they may still cancel. */
export async function mySignupView(
  repos: Repositories,
  event: ClubEvent,
  signup: Signup | null,
  now: Date,
): Promise<MySignupView | null> {
  if (!signup) return null
  const position =
    signup.status === 'waitlisted'
      ? (await repos.signups.countBefore(event.id, 'waitlisted', signup.seq)) + 1
      : null
  return signupView(event, signup, position, now)
}

/** The member's sign-up as they see it, its waitlist place (1 = next) already known. */
export function signupView(
  event: ClubEvent,
  signup: Signup,
  position: number | null,
  now: Date,
): MySignupView {
  const deadline = cancellationDeadline(event)
  return {
    status: signup.status,
    position,
    checkedInAt: signup.checkedInAt,
    noShow: signup.noShowAt !== null,
    cancellable: isActiveSignup(signup) && now.getTime() < deadline.getTime(),
    cancelDeadline: deadline.toISOString(),
  }
}

/** What eligibility needs to know about a member (status, star, club, any no-show block), from
 * their standing already read (a member scene). */
export function applicantFrom(
  deps: Pick<Deps, 'settings'>,
  scene: {
    member: MemberRecord
    stars: StarGrant[]
    club: ClubMembership | null
    signups: Signup[]
  },
  now: Date,
): Applicant {
  const { star, club } = standingFrom(scene.member.id, scene.stars, scene.club, now)
  const noShows = scene.signups.flatMap((s) => (s.noShowAt ? [s.noShowAt] : []))
  return {
    active: scene.member.status === 'active',
    star,
    inClub: isInClub(club),
    blockedUntil: noShowBlockUntil(noShows, now, deps.settings.noShowPolicy),
  }
}

/**
 * The calling member (requireMember's rules), their standing as an applicant at `now`, and their
 * sign-ups, newest first: one read (`store.memberScene`, one request on CloudBase).
 */
export async function memberApplicant(
  deps: Deps,
  caller: Caller,
  now: Date,
): Promise<Result<{ member: MemberRecord; applicant: Applicant; signups: Signup[] }>> {
  if (!caller.openid) return notSignedIn()
  const scene = await deps.store.memberScene(caller.openid)
  const member = memberAllowed(scene.member, scene.staff)
  if (!member.ok) return member
  const applicant = applicantFrom(deps, { ...scene, member: member.data }, now)
  return ok({ member: member.data, applicant, signups: scene.signups })
}
