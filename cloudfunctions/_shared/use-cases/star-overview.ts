import type { StarOverview } from '../../../src/contracts/star-club'
import { shanghaiYearStart } from '../../../src/domain/shared/calendar'
import { ok, type Result } from '../../../src/domain/shared/result'
import { qualifyingPoints } from '../../../src/domain/star/qualifying-points'
import { starProgress, thresholdsForYear } from '../../../src/domain/star/thresholds'
import { requireMember, type Caller } from '../caller'
import type { Deps } from '../ports'
import { clubViewOf, historyOf, standingOf } from '../star-views'

/**
 * The member's star page (SPEC §3, §4): the star held this year and the history by year, this
 * year's qualifying points against this year's thresholds (what the next adjustment will give),
 * and the club standing with what comes next.
 */
export async function starOverview(deps: Deps, caller: Caller): Promise<Result<StarOverview>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  const now = deps.clock.now()
  const { year, star, grants, club } = await standingOf(deps.store.read, member.data.id, now)
  const [rules, entries] = await Promise.all([
    deps.store.read.starRules.all(),
    deps.store.read.points.entriesBetween(
      [member.data.id],
      shanghaiYearStart(year).toISOString(),
      shanghaiYearStart(year + 1).toISOString(),
    ),
  ])
  const thresholds = thresholdsForYear(rules, year)
  return ok({
    year,
    star,
    history: historyOf(grants),
    progress: starProgress(qualifyingPoints(entries), thresholds),
    thresholds,
    club: clubViewOf(club, star, now),
  })
}
