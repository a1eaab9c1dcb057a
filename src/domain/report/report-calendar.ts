import dayjs from 'dayjs'
import {
  fromShanghaiWall,
  shanghaiWall,
  shanghaiWallClock,
  shanghaiYearStart,
} from '../shared/calendar'

/** A calendar month of the club's reports (报表月份), written YYYY-MM, Shanghai time. */
export type ReportMonth = string

/**
 * The instants a report year covers: `from <= at < to`, from Shanghai's 1 January 00:00 to the next
 * one's (2026 is [2025-12-31T16:00Z, 2026-12-31T16:00Z)).
 */
export function reportYearRange(year: number): { from: string; to: string } {
  return {
    from: shanghaiYearStart(year).toISOString(),
    to: shanghaiYearStart(year + 1).toISOString(),
  }
}

/** The twelve months of a year, January first: 2026-01 … 2026-12. */
export function monthsOf(year: number): ReportMonth[] {
  const yyyy = String(year).padStart(4, '0')
  return Array.from({ length: 12 }, (_, i) => `${yyyy}-${String(i + 1).padStart(2, '0')}`)
}

/**
 * The Shanghai month an instant falls in: 2026-01-31T16:00:00Z is already 2026-02 (midnight of
 * 1 February in Shanghai). Shanghai keeps UTC+8 all year (no daylight saving since 1991), which is
 * why the stores may bucket by a fixed +8 hours and agree with this.
 */
export function shanghaiMonth(iso: string): ReportMonth {
  return shanghaiWall(iso).format('YYYY-MM')
}

/**
 * The instants of a range of Shanghai calendar days, both days included: from the first day's
 * midnight to the midnight after the last day. Either end may be left open.
 */
export function shanghaiDaysRange(
  fromDate: string | undefined,
  toDate: string | undefined,
): { from?: string; to?: string } {
  const range: { from?: string; to?: string } = {}
  if (fromDate) range.from = shanghaiWallClock(fromDate).toISOString()
  if (toDate) {
    range.to = fromShanghaiWall(dayjs.utc(toDate).add(1, 'day')).toISOString()
  }
  return range
}
