import { clubAtAdjustment, type ClubChange, type ClubMembership } from '../club/club'
import type { StarGrant, StarSource, StarValue } from './star'
import { evaluateStar, type StarThresholds } from './thresholds'

export type MemberAdjustmentInput = {
  memberId: string
  /** The year whose earnings are judged; the new star is for the year after. */
  evaluatedYear: number
  qualifyingPoints: number
  /** The star an admin imported for the new year, if any. */
  importedStar: StarValue | null
  /** What the member already holds for the new year (a first-approval 1★ or an override). */
  existing: StarGrant | null
  club: ClubMembership | null
  thresholds: StarThresholds
  now: Date
}

/** A message for the notification outbox; the id makes it go once per member and year. */
export type AdjustmentNotice = { id: string; kind: string; payload: Record<string, unknown> }

export type MemberAdjustment = {
  star: StarValue
  source: StarSource
  /** The grant to store; null when an override for the new year already stands. */
  grant: StarGrant | null
  /** The club after the adjustment; null when it did not change (or the member never applied). */
  club: ClubMembership | null
  clubChange: ClubChange
  notices: AdjustmentNotice[]
}

/**
 * One member's annual adjustment (SPEC §3, §4): the star for `evaluatedYear + 1` is the imported
 * value where one exists, else the rule's verdict on the year's qualifying points; an admin's
 * override already set for the new year stands. Then the club moves (grace, forced exit,
 * re-activation) on that star. Notices: the new star, and the grace warning or the forced exit.
 */
export function adjustMember(input: MemberAdjustmentInput): MemberAdjustment {
  const year = input.evaluatedYear + 1
  const overridden = input.existing?.source === 'override' ? input.existing : null
  const star =
    overridden?.star ?? input.importedStar ?? evaluateStar(input.qualifyingPoints, input.thresholds)
  const source: StarSource = overridden ? 'override' : input.importedStar ? 'import' : 'rule'
  const grant: StarGrant | null = overridden
    ? null
    : {
        memberId: input.memberId,
        year,
        star,
        source,
        reason: null,
        grantedAt: input.now.toISOString(),
      }

  const moved = input.club ? clubAtAdjustment(input.club, star, year, input.now) : null
  const clubChange = moved?.change ?? null
  const notices: AdjustmentNotice[] = [
    {
      id: `star-new:${input.memberId}:${year}`,
      kind: 'star.new',
      payload: { year, star, qualifyingPoints: input.qualifyingPoints },
    },
  ]
  if (clubChange === 'entered-grace') {
    notices.push({
      id: `club-grace:${input.memberId}:${year}`,
      kind: 'club.grace',
      payload: { year, star, graceEndsOn: `${year}-12-31` },
    })
  }
  if (clubChange === 'exited') {
    notices.push({
      id: `club-exited:${input.memberId}:${year}`,
      kind: 'club.exited',
      payload: { year, star },
    })
  }
  return { star, source, grant, club: clubChange ? moved!.club : null, clubChange, notices }
}

/** Counts the adjustment reports at the end: members per star, and club moves. */
export function tallyAdjustment(
  totals: Record<string, number>,
  adjustment: Pick<MemberAdjustment, 'star' | 'clubChange'>,
): Record<string, number> {
  const next = { ...totals }
  const starKey = `star${adjustment.star}`
  next[starKey] = (next[starKey] ?? 0) + 1
  if (adjustment.clubChange) next[adjustment.clubChange] = (next[adjustment.clubChange] ?? 0) + 1
  return next
}
