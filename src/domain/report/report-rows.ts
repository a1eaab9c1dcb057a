import type { MemberStatus } from '../member/member'
import { ENTRY_LABELS, ENTRY_TYPES, type EntryLabel, type EntryType } from '../points/points'
import { STAR_VALUES, type StarValue } from '../star/star'
import type { EventKind } from '../event/event'
import { monthsOf, type ReportMonth } from './report-calendar'

/**
 * The admin reports (管理报表) of SPEC §11: what the stores count, and the rows the reports show.
 * Every function here is pure: the stores count, these functions fill the gaps (a month without
 * sign-ups is a 0, not a missing bar) and compute the rates.
 */

/** Every platform status, in the order the report lists them; the Record makes the list complete. */
const STATUS_ORDER: Record<MemberStatus, number> = {
  pending: 0,
  active: 1,
  suspended: 2,
  rejected: 3,
  cancelled: 4,
  withdrawn: 5,
}
export const REPORT_MEMBER_STATUSES = (Object.keys(STATUS_ORDER) as MemberStatus[]).sort(
  (a, b) => STATUS_ORDER[a] - STATUS_ORDER[b],
)

export type StatusCount = { status: MemberStatus; count: number }
export type StarCount = { star: StarValue; count: number }
export type MonthCount = { month: ReportMonth; count: number }

/** Ledger entries of one Shanghai month, type and label: their signed sum and how many there were. */
export type PointsBucket = {
  month: ReportMonth
  type: EntryType
  label: EntryLabel
  points: number
  entries: number
}

/** One event as the store counts it: its counters and the no-shows recorded for it. */
export type EventTally = {
  eventId: string
  title: string
  kind: EventKind
  startAt: string
  endAt: string
  capacity: number
  confirmed: number
  checkedIn: number
  /** No-shows recorded by the no-show job (SPEC §7). */
  noShows: number
  /** Whether the no-show job has settled the event yet. */
  noShowsMarked: boolean
}

/**
 * A share in percent with one decimal (87.5), or null when there is nothing to divide by: a rate
 * of an event nobody signed up for is not 0 %, it does not exist.
 */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null
  return Math.round((part / whole) * 1000) / 10
}

/** Members per status, every status listed (0 where there are none), and their total. */
export function membersByStatus(counts: readonly StatusCount[]): {
  rows: StatusCount[]
  total: number
} {
  const rows = REPORT_MEMBER_STATUSES.map((status) => ({
    status,
    count: sumWhere(counts, (c) => c.status === status),
  }))
  return { rows, total: rows.reduce((n, r) => n + r.count, 0) }
}

/** Members per star (1★–5★) of the year, every star listed, and their total. */
export function membersByStar(counts: readonly StarCount[]): { rows: StarCount[]; total: number } {
  const rows = STAR_VALUES.map((star) => ({
    star,
    count: sumWhere(counts, (c) => c.star === star),
  }))
  return { rows, total: rows.reduce((n, r) => n + r.count, 0) }
}

/** A count for each of the year's twelve months, January first; months the store left out are 0. */
export function perMonth(year: number, counts: readonly MonthCount[]): MonthCount[] {
  return monthsOf(year).map((month) => ({
    month,
    count: sumWhere(counts, (c) => c.month === month),
  }))
}

/**
 * Points of one month (积分发放/兑换/过期): issued = earned, redeemed and expired as positive
 * amounts taken out, adjusted and reversed as the signed net of those corrections.
 */
export type MonthlyPoints = {
  month: ReportMonth
  issued: number
  redeemed: number
  expired: number
  adjusted: number
  reversed: number
}

const monthlyOf = (month: ReportMonth, buckets: readonly PointsBucket[]): MonthlyPoints => {
  const net = (type: EntryType) => buckets.reduce((n, b) => (b.type === type ? n + b.points : n), 0)
  return {
    month,
    issued: net('earn'),
    // Spending and expiry are stored negative; the report shows the amount taken out. `0 - x`
    // keeps a month without any as 0 rather than -0.
    redeemed: 0 - net('redeem'),
    expired: 0 - net('expire'),
    adjusted: net('adjust'),
    reversed: net('reverse'),
  }
}

/** Points issued, redeemed, expired, adjusted and reversed in each month of the year, and in all. */
export function pointsPerMonth(
  year: number,
  buckets: readonly PointsBucket[],
): { months: MonthlyPoints[]; totals: Omit<MonthlyPoints, 'month'> } {
  const months = monthsOf(year).map((month) =>
    monthlyOf(
      month,
      buckets.filter((b) => b.month === month),
    ),
  )
  const total = (pick: (m: MonthlyPoints) => number) => months.reduce((n, m) => n + pick(m), 0)
  return {
    months,
    totals: {
      issued: total((m) => m.issued),
      redeemed: total((m) => m.redeemed),
      expired: total((m) => m.expired),
      adjusted: total((m) => m.adjusted),
      reversed: total((m) => m.reversed),
    },
  }
}

/** The year's points per type and label (积分按标签), signed sums, in type then label order. */
export type LabelPoints = { type: EntryType; label: EntryLabel; points: number; entries: number }

export function pointsPerLabel(buckets: readonly PointsBucket[]): LabelPoints[] {
  const rows: LabelPoints[] = []
  for (const type of ENTRY_TYPES) {
    for (const label of ENTRY_LABELS) {
      const matching = buckets.filter((b) => b.type === type && b.label === label)
      if (matching.length === 0) continue
      rows.push({
        type,
        label,
        points: matching.reduce((n, b) => n + b.points, 0),
        entries: matching.reduce((n, b) => n + b.entries, 0),
      })
    }
  }
  return rows
}

/** An event's sign-up, attendance and no-show figures (报名率、到场率、爽约率). */
export type EventRateRow = EventTally & {
  /** Confirmed places over capacity. */
  fillRate: number | null
  /** Checked in over confirmed. */
  attendanceRate: number | null
  /** No-shows over confirmed. */
  noShowRate: number | null
}

export type EventTotals = {
  events: number
  capacity: number
  confirmed: number
  checkedIn: number
  noShows: number
  fillRate: number | null
  attendanceRate: number | null
  noShowRate: number | null
}

/**
 * The no-shows of an ended event: those recorded once the no-show job has settled it, and until
 * then the confirmed members who have not checked in — exactly whom the job will record.
 */
export function noShowsOf(tally: EventTally): number {
  if (tally.noShowsMarked) return tally.noShows
  return Math.max(0, tally.confirmed - tally.checkedIn)
}

/**
 * Rates per event and over all of them: fill = confirmed / capacity, attendance = checked in /
 * confirmed, no-shows = no-shows / confirmed. Totals add the counts first, then divide, so a small
 * event weighs as little as it is. Nothing confirmed gives no rate (null), never a division by 0.
 */
export function eventRates(tallies: readonly EventTally[]): {
  events: EventRateRow[]
  totals: EventTotals
} {
  const events = tallies.map((t) => {
    const noShows = noShowsOf(t)
    return {
      ...t,
      noShows,
      fillRate: percent(t.confirmed, t.capacity),
      attendanceRate: percent(t.checkedIn, t.confirmed),
      noShowRate: percent(noShows, t.confirmed),
    }
  })
  const sum = (pick: (e: EventRateRow) => number) => events.reduce((n, e) => n + pick(e), 0)
  const capacity = sum((e) => e.capacity)
  const confirmed = sum((e) => e.confirmed)
  const checkedIn = sum((e) => e.checkedIn)
  const noShows = sum((e) => e.noShows)
  return {
    events,
    totals: {
      events: events.length,
      capacity,
      confirmed,
      checkedIn,
      noShows,
      fillRate: percent(confirmed, capacity),
      attendanceRate: percent(checkedIn, confirmed),
      noShowRate: percent(noShows, confirmed),
    },
  }
}

/** Whole hours past a reply target (48 h for complaints, SPEC §8); 0 while it has not passed. */
export function hoursOverdue(dueAt: string, now: Date): number {
  const late = now.getTime() - Date.parse(dueAt)
  return late > 0 ? Math.floor(late / 3_600_000) : 0
}

function sumWhere<T extends { count: number }>(rows: readonly T[], pick: (row: T) => boolean) {
  return rows.reduce((n, row) => (pick(row) ? n + row.count : n), 0)
}
