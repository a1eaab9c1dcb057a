import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import customParseFormat from 'dayjs/plugin/customParseFormat'

dayjs.extend(utc)
dayjs.extend(timezone)
dayjs.extend(customParseFormat)

/** Every calendar boundary of the club (year, day, 16:00, birthdays) is Asia/Shanghai (SPEC intro). */
export const CLUB_TIME_ZONE = 'Asia/Shanghai'

/**
 * Asia/Shanghai's offset from UTC: +08:00 all year since 1992 (its last daylight saving ended on
 * 1991-09-15). So from then on Shanghai's wall clock is arithmetic, where dayjs's `tz()` asks Intl
 * each call — a third of a sign-up burst's CPU (docs/performance.md). Earlier instants still go
 * through the time-zone database. tests/domain/shared/calendar.test.ts checks the two agree.
 */
export const SHANGHAI_UTC_OFFSET_MINUTES = 480
const FIXED_OFFSET_SINCE = Date.UTC(1991, 11, 31, 16)

/** An instant as Shanghai's wall clock shows it (day, month, year, hour in Shanghai). */
export function inShanghai(instant: Date | string | number) {
  const at = dayjs(instant)
  return at.valueOf() >= FIXED_OFFSET_SINCE
    ? at.utcOffset(SHANGHAI_UTC_OFFSET_MINUTES)
    : at.tz(CLUB_TIME_ZONE)
}

/** A Shanghai wall-clock time written `YYYY-MM-DD` (or with ` HH:mm`, or in `format`). */
export function shanghaiWallClock(text: string, format?: string) {
  const wall = format ? dayjs.utc(text, format, true) : dayjs.utc(text)
  if (wall.valueOf() - SHANGHAI_UTC_OFFSET_MINUTES * 60_000 < FIXED_OFFSET_SINCE) {
    return format ? dayjs.tz(text, format, CLUB_TIME_ZONE) : dayjs.tz(text, CLUB_TIME_ZONE)
  }
  return wall.utcOffset(SHANGHAI_UTC_OFFSET_MINUTES, true)
}

/** The calendar date (YYYY-MM-DD) in Shanghai at the instant `now`. */
export function shanghaiDate(now: Date): string {
  return inShanghai(now).format('YYYY-MM-DD')
}

/** The natural year in Shanghai at the instant `now`; 2025-12-31T16:00Z is already 2026. */
export function shanghaiYear(now: Date): number {
  return inShanghai(now).year()
}

/** True when `value` is a real calendar date written YYYY-MM-DD (no 2025-02-30). */
export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && dayjs(value, 'YYYY-MM-DD', true).isValid()
}

/**
 * Whole years of age on Shanghai's calendar day of `now` for someone born on `birthday` (YYYY-MM-DD).
 * A person born on 29 February turns a year older on 1 March in non-leap years.
 */
export function ageOn(birthday: string, now: Date): number {
  const [by, bm, bd] = birthday.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = shanghaiDate(now).split('-').map(Number) as [number, number, number]
  const hadBirthday = tm > bm || (tm === bm && td >= bd)
  return ty - by - (hadBirthday ? 0 : 1)
}

/** An instant as people in the club read it: Shanghai wall-clock time, `YYYY-MM-DD HH:mm`. */
export function formatShanghaiDateTime(iso: string): string {
  return inShanghai(iso).format('YYYY-MM-DD HH:mm')
}

/** The Shanghai calendar date `days` working days (Monday–Friday) after `date` (YYYY-MM-DD). */
export function addWorkingDays(date: string, days: number): string {
  let day = shanghaiWallClock(date)
  let left = days
  while (left > 0) {
    day = day.add(1, 'day')
    if (day.day() !== 0 && day.day() !== 6) left -= 1
  }
  return day.format('YYYY-MM-DD')
}

/**
 * The Shanghai calendar day around `now` as ISO instants, `[start, end)`: what "today" means for
 * a counter's tallies. 2026-03-01T15:59Z is still 1 March in Shanghai; 16:00Z is already 2 March.
 */
export function shanghaiDayRange(now: Date): { from: string; to: string } {
  const start = inShanghai(now).startOf('day')
  return { from: start.toISOString(), to: start.add(1, 'day').toISOString() }
}

/**
 * The first instant of a natural year in Shanghai (YYYY-01-01 00:00 +08:00). A year runs from its
 * start to the next year's start, excluded: 2026 is [2025-12-31T16:00Z, 2026-12-31T16:00Z).
 */
export function shanghaiYearStart(year: number): Date {
  return shanghaiWallClock(`${String(year).padStart(4, '0')}-01-01`).toDate()
}
