import { shanghaiYear } from '../shared/calendar'

/** A star level (星级), 1★ to 5★, held for one natural year (SPEC §3). */
export type StarValue = 1 | 2 | 3 | 4 | 5
export const STAR_VALUES: readonly StarValue[] = [1, 2, 3, 4, 5]

/** The lowest star that may join the club (SPEC §4). */
export const CLUB_MIN_STAR: StarValue = 3

/** Where a year's star came from: first approval, the yearly rule, an import, or an admin override. */
export type StarSource = 'initial' | 'rule' | 'import' | 'override'

export type StarGrant = {
  memberId: string
  year: number
  star: StarValue
  source: StarSource
  reason: string | null
  grantedAt: string
}

export const isStarValue = (value: unknown): value is StarValue =>
  STAR_VALUES.includes(value as StarValue)

/** A newly approved member holds 1★ for the current (Shanghai) year (SPEC §2). */
export function initialStar(memberId: string, now: Date): StarGrant {
  return {
    memberId,
    year: shanghaiYear(now),
    star: 1,
    source: 'initial',
    reason: null,
    grantedAt: now.toISOString(),
  }
}

/**
 * The star a member holds in `year`: that year's grant, or — between New Year and the yearly
 * adjustment reaching them — the latest earlier one, which stays in force until replaced. Null for
 * someone who never held a star.
 */
export function starForYear(grants: readonly StarGrant[], year: number): StarValue | null {
  let held: StarGrant | null = null
  for (const grant of grants) {
    if (grant.year > year) continue
    if (!held || grant.year > held.year) held = grant
  }
  return held?.star ?? null
}

/**
 * True when a member holds a higher star this year than last (升星): the moment the app marks.
 * Nothing to mark for a member without last year's star (approved this year at 1★) or one who
 * stayed or went down.
 */
export function starRose(previous: StarValue | null, current: StarValue | null): boolean {
  return previous !== null && current !== null && current > previous
}

/** An admin's override of a member's star for a year (SPEC §3): any value, with a reason. */
export function overrideStar(
  memberId: string,
  year: number,
  star: StarValue,
  reason: string,
  now: Date,
): StarGrant {
  return { memberId, year, star, source: 'override', reason, grantedAt: now.toISOString() }
}
