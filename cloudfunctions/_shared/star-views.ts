import type { ClubView, StarHistoryItem } from '../../src/contracts/star-club'
import { applyForClub, graceEndsOn, noClub, type ClubMembership } from '../../src/domain/club/club'
import { shanghaiYear } from '../../src/domain/shared/calendar'
import { starForYear, type StarGrant, type StarValue } from '../../src/domain/star/star'
import type { Repositories } from './ports'

/** A member's stars and club membership, read together, with the star held this year. */
export async function standingOf(
  repos: Repositories,
  memberId: string,
  now: Date,
): Promise<{ year: number; star: StarValue | null; grants: StarGrant[]; club: ClubMembership }> {
  const [grants, club] = await Promise.all([
    repos.stars.forMember(memberId),
    repos.clubs.byMember(memberId),
  ])
  return standingFrom(memberId, grants, club, now)
}

/** `standingOf` from stars and a club membership already read. */
export function standingFrom(
  memberId: string,
  grants: StarGrant[],
  club: ClubMembership | null,
  now: Date,
): { year: number; star: StarValue | null; grants: StarGrant[]; club: ClubMembership } {
  const year = shanghaiYear(now)
  return { year, star: starForYear(grants, year), grants, club: club ?? noClub(memberId, now) }
}

/** Star history, newest year first. */
export const historyOf = (grants: readonly StarGrant[]): StarHistoryItem[] =>
  [...grants]
    .sort((a, b) => b.year - a.year)
    .map(({ year, star, source, reason }) => ({ year, star, source, reason }))

export function clubViewOf(club: ClubMembership, star: StarValue | null, now: Date): ClubView {
  return {
    state: club.state,
    since: club.version > 0 ? club.since : null,
    graceEndsOn: graceEndsOn(club),
    reason: club.reason,
    canApply: applyForClub(club, star, now).ok,
  }
}
