import { ok, type Result } from '../shared/result'
import { CLUB_MIN_STAR, type StarValue } from '../star/star'
import {
  alreadyApplied,
  alreadyInClub,
  clubNotAllowed,
  notApplied,
  notInClub,
  starTooLow,
} from './club.errors'

/**
 * Club (俱乐部) states of SPEC §4: `none → applied → active | rejected`, `active → grace → active |
 * exited`, and `suspended`, `cancelled`, `withdrawn` by discipline or the member's choice.
 */
export type ClubState =
  | 'none'
  | 'applied'
  | 'active'
  | 'rejected'
  | 'grace'
  | 'exited'
  | 'suspended'
  | 'cancelled'
  | 'withdrawn'

export type ClubMembership = {
  memberId: string
  state: ClubState
  /** When the current state began. */
  since: string
  appliedAt: string | null
  joinedAt: string | null
  /** The year a grace (宽限期) runs through; the adjustment at its end decides. */
  graceYear: number | null
  /** Who decided the last application, and why it was rejected or why the member left. */
  decidedBy: string | null
  reason: string | null
  /** The state a suspension interrupted, restored when it ends. */
  resumeState: ClubState | null
  version: number
}

/** What an annual adjustment did to a club membership, for the job's summary and the outbox. */
export type ClubChange = 'entered-grace' | 'exited' | 'reactivated' | null

export const FORCED_EXIT_REASON = '宽限期满仍低于三星'

/** Someone who never applied. */
export function noClub(memberId: string, now: Date): ClubMembership {
  return {
    memberId,
    state: 'none',
    since: now.toISOString(),
    appliedAt: null,
    joinedAt: null,
    graceYear: null,
    decidedBy: null,
    reason: null,
    resumeState: null,
    version: 0,
  }
}

/** Club-only events and the suggestion box are open to `active` and `grace` members (SPEC §4). */
export function isInClub(club: ClubMembership | null): boolean {
  return club?.state === 'active' || club?.state === 'grace'
}

const moved = (
  club: ClubMembership,
  state: ClubState,
  now: Date,
  changes: Partial<ClubMembership> = {},
): ClubMembership => ({
  ...club,
  ...changes,
  state,
  since: now.toISOString(),
  version: club.version + 1,
})

/** States from which a member may apply: never applied, rejected, forced out or left by choice. */
const MAY_APPLY: readonly ClubState[] = ['none', 'rejected', 'exited', 'withdrawn']

/**
 * A member applies to the club (SPEC §4): only with ≥ 3★ for the current year; not twice, not
 * while in the club, not while suspended or after cancellation. An exited member may apply again.
 */
export function applyForClub(
  club: ClubMembership,
  star: StarValue | null,
  now: Date,
): Result<ClubMembership> {
  if (club.state === 'applied') return alreadyApplied()
  if (isInClub(club)) return alreadyInClub()
  if (!MAY_APPLY.includes(club.state)) return clubNotAllowed()
  if ((star ?? 0) < CLUB_MIN_STAR) return starTooLow()
  return ok(
    moved(club, 'applied', now, { appliedAt: now.toISOString(), decidedBy: null, reason: null }),
  )
}

/** A reviewer admits an applicant, who must still hold ≥ 3★ (an adjustment may have lowered it). */
export function approveClubApplication(
  club: ClubMembership,
  star: StarValue | null,
  reviewerId: string,
  now: Date,
): Result<ClubMembership> {
  if (club.state !== 'applied') return notApplied()
  if ((star ?? 0) < CLUB_MIN_STAR) return starTooLow()
  return ok(
    moved(club, 'active', now, {
      joinedAt: now.toISOString(),
      graceYear: null,
      decidedBy: reviewerId,
      reason: null,
    }),
  )
}

/** A reviewer turns an application down with a reason the member sees. */
export function rejectClubApplication(
  club: ClubMembership,
  reviewerId: string,
  reason: string,
  now: Date,
): Result<ClubMembership> {
  if (club.state !== 'applied') return notApplied()
  return ok(moved(club, 'rejected', now, { decidedBy: reviewerId, reason }))
}

/**
 * The club at the annual adjustment that gives `star` for `year` (SPEC §4): an active member below
 * 3★ enters a grace year; a member in grace whose grace has run out is forced out if still below
 * 3★ and back to active otherwise. A suspended membership stays suspended, but the state it will
 * resume moves the same way — a suspension neither shields from grace nor adds a year. Everyone
 * else is untouched. Applying it again for the same year changes nothing: a grace that began with
 * `year` has not run out.
 */
export function clubAtAdjustment(
  club: ClubMembership,
  star: StarValue,
  year: number,
  now: Date,
): { club: ClubMembership; change: ClubChange } {
  if (club.state === 'suspended' && club.resumeState) {
    const resumed = clubAtAdjustment({ ...club, state: club.resumeState }, star, year, now)
    if (!resumed.change) return { club, change: null }
    const { state, since: _since, ...rest } = resumed.club
    return {
      club: { ...rest, state: 'suspended', since: club.since, resumeState: state },
      change: resumed.change,
    }
  }
  const below = star < CLUB_MIN_STAR
  if (club.state === 'active' && below) {
    return { club: moved(club, 'grace', now, { graceYear: year }), change: 'entered-grace' }
  }
  if (club.state === 'grace' && (club.graceYear ?? year) < year) {
    return below
      ? {
          club: moved(club, 'exited', now, { graceYear: null, reason: FORCED_EXIT_REASON }),
          change: 'exited',
        }
      : { club: moved(club, 'active', now, { graceYear: null }), change: 'reactivated' }
  }
  return { club, change: null }
}

/** A member leaves the club by choice; platform membership and points are untouched. */
export function leaveClub(club: ClubMembership, now: Date): Result<ClubMembership> {
  if (!isInClub(club)) return notInClub()
  return ok(moved(club, 'withdrawn', now, { graceYear: null, reason: null }))
}

/** Discipline suspends club membership with the platform account, remembering where it was. */
export function suspendClub(club: ClubMembership, now: Date): ClubMembership {
  if (club.state === 'suspended' || club.state === 'cancelled') return club
  return moved(club, 'suspended', now, { resumeState: club.state })
}

/** The end of a suspension puts the membership back where it was. */
export function endClubSuspension(club: ClubMembership, now: Date): ClubMembership {
  if (club.state !== 'suspended') return club
  return moved(club, club.resumeState ?? 'none', now, { resumeState: null })
}

/** Cancellation of the platform account ends club membership for good. */
export function cancelClub(club: ClubMembership, now: Date): ClubMembership {
  if (club.state === 'cancelled') return club
  return moved(club, 'cancelled', now, { resumeState: null, graceYear: null })
}

/** The last day of a grace year, when the next adjustment decides (YYYY-12-31); null otherwise. */
export function graceEndsOn(club: ClubMembership | null): string | null {
  return club?.state === 'grace' && club.graceYear !== null ? `${club.graceYear}-12-31` : null
}
