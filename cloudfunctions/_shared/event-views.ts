import type { Eligibility, EventView, MySignupView } from '../../src/contracts/events.contract'
import { isInClub } from '../../src/domain/club/club'
import type { Applicant } from '../../src/domain/event/eligibility'
import type { ClubEvent } from '../../src/domain/event/event'
import { noShowBlockUntil } from '../../src/domain/event/no-show'
import { cancellationDeadline, isActiveSignup, type Signup } from '../../src/domain/event/signup'
import type { Result } from '../../src/domain/shared/result'
import type { Deps, MemberRecord, Repositories } from './ports'
import { standingOf } from './star-views'

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
  const deadline = cancellationDeadline(event)
  return {
    status: signup.status,
    position:
      signup.status === 'waitlisted'
        ? (await repos.signups.countBefore(event.id, 'waitlisted', signup.seq)) + 1
        : null,
    checkedInAt: signup.checkedInAt,
    noShow: signup.noShowAt !== null,
    cancellable: isActiveSignup(signup) && now.getTime() < deadline.getTime(),
    cancelDeadline: deadline.toISOString(),
  }
}

/** What eligibility needs to know about a member: status, star, club and any no-show block. */
export async function applicantOf(
  deps: Deps,
  repos: Repositories,
  member: MemberRecord,
  now: Date,
): Promise<Applicant> {
  const [{ star, club }, signups] = await Promise.all([
    standingOf(repos, member.id, now),
    repos.signups.forMember(member.id),
  ])
  const noShows = signups.flatMap((s) => (s.noShowAt ? [s.noShowAt] : []))
  return {
    active: member.status === 'active',
    star,
    inClub: isInClub(club),
    blockedUntil: noShowBlockUntil(noShows, now, deps.settings.noShowPolicy),
  }
}
