import dayjs from 'dayjs'
import { shanghaiDate } from '../shared/calendar'
import { expireDueLots } from './lots'
import type { LotTake, PointsAccount } from './points'

/** Members are warned 30 days before their points expire (SPEC §5). */
export const EXPIRY_WARNING_DAYS = 30

export type ExpiryWarning = {
  /** The Shanghai date the points expire on; one warning per member and date, ever. */
  expiryDate: string
  points: number
}

export type ExpiryPlan = {
  account: PointsAccount
  /** Points expired now (0 when nothing was due) and the lots they came from. */
  expiredPoints: number
  takes: LotTake[]
  warnings: ExpiryWarning[]
}

/**
 * What the daily expiry job does to one account at `now`: removes what is left of every lot whose
 * expiry has come, and lists the points that will expire within the next 30 days, grouped by
 * Shanghai date, for the warnings. Running it again at the same moment finds nothing more to expire.
 */
export function planExpiry(account: PointsAccount, now: Date): ExpiryPlan {
  const expired = expireDueLots(account, now)
  const horizon = dayjs(now).add(EXPIRY_WARNING_DAYS, 'day').toISOString()
  const byDate = new Map<string, number>()
  for (const lot of expired.account.lots) {
    if (lot.expiresAt > horizon) continue
    const date = shanghaiDate(new Date(lot.expiresAt))
    byDate.set(date, (byDate.get(date) ?? 0) + lot.remaining)
  }
  return {
    account: expired.account,
    expiredPoints: expired.points,
    takes: expired.takes,
    warnings: [...byDate]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([expiryDate, points]) => ({ expiryDate, points })),
  }
}
