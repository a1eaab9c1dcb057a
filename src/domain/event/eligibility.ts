import { formatShanghaiDateTime } from '../shared/calendar'
import { ok, type Result } from '../shared/result'
import type { StarValue } from '../star/star'
import type { ClubEvent } from './event'
import {
  blocked,
  clubOnly,
  eventCancelled,
  eventNotPublished,
  memberNotActive,
  signupClosed,
  signupNotOpen,
  starTooLowFor,
} from './event.errors'

/** Who is asking to sign up, as far as eligibility goes. */
export type Applicant = {
  active: boolean
  star: StarValue | null
  inClub: boolean
  /** The end of a no-show block, if one is running. */
  blockedUntil: string | null
}

/**
 * Whether a member may sign up now (SPEC §7): the event is published and not cancelled, the
 * sign-up window is open (opens ≤ now < closes), the member is active, in the club for a club-only
 * event, holds the minimum star, and is not blocked for no-shows. The failure says why, in the
 * words the event list shows ("仅限俱乐部会员", "需三星及以上").
 */
export function checkEligibility(event: ClubEvent, who: Applicant, now: Date): Result<true> {
  if (event.status === 'cancelled') return eventCancelled()
  if (event.status !== 'published') return eventNotPublished()
  if (!who.active) return memberNotActive()
  if (event.clubOnly && !who.inClub) return clubOnly()
  if (event.minStar !== null && (who.star ?? 0) < event.minStar) return starTooLowFor(event.minStar)
  if (who.blockedUntil && Date.parse(who.blockedUntil) > now.getTime()) {
    return blocked(formatShanghaiDateTime(who.blockedUntil).slice(0, 10))
  }
  if (now.getTime() < Date.parse(event.signupOpensAt)) {
    return signupNotOpen(formatShanghaiDateTime(event.signupOpensAt))
  }
  if (now.getTime() >= Date.parse(event.signupClosesAt)) return signupClosed()
  return ok(true)
}
