import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import customParseFormat from 'dayjs/plugin/customParseFormat'

dayjs.extend(utc)
dayjs.extend(timezone)
dayjs.extend(customParseFormat)

/** Every calendar boundary of the club (year, day, 16:00, birthdays) is Asia/Shanghai (SPEC intro). */
export const CLUB_TIME_ZONE = 'Asia/Shanghai'

/**
 * Asia/Shanghai's offset from UTC: +08:00 all year since 1992 (its last summer time ended on
 * 1991-09-15). So from then on Shanghai's wall clock is arithmetic, where dayjs's `tz()` asks Intl
 * each call — a third of a sign-up burst's CPU (docs/performance.md). Earlier instants still go
 * through the time-zone database. tests/domain/shared/calendar.test.ts checks the two agree, under
 * several process time zones.
 */
const SHANGHAI_UTC_OFFSET_MINUTES = 480
const OFFSET_MS = SHANGHAI_UTC_OFFSET_MINUTES * 60_000
const FIXED_OFFSET_SINCE = Date.UTC(1991, 11, 31, 16)

/**
 * Shanghai's wall clock at an instant, as a dayjs in UTC mode whose fields (year, month, date,
 * hour, weekday) are Shanghai's: its own arithmetic (startOf, add a month) is then wall-clock
 * arithmetic that no process time zone can disturb. `fromShanghaiWall` turns it back into the
 * instant.
 */
export function shanghaiWall(instant: Date | string | number): Dayjs {
  const at = dayjs(instant).valueOf()
  const offsetMs =
    at >= FIXED_OFFSET_SINCE ? OFFSET_MS : dayjs(at).tz(CLUB_TIME_ZONE).utcOffset() * 60_000
  return dayjs.utc(at + offsetMs)
}

/** The instant of a Shanghai wall-clock time (a UTC-mode dayjs, as `shanghaiWall` gives). */
export function fromShanghaiWall(wall: Dayjs): Date {
  const at = wall.valueOf() - OFFSET_MS
  if (at >= FIXED_OFFSET_SINCE) return new Date(at)
  return dayjs.tz(wall.format('YYYY-MM-DDTHH:mm:ss.SSS'), CLUB_TIME_ZONE).toDate()
}

/** The instant a Shanghai date (`YYYY-MM-DD`) or wall-clock time (`YYYY-MM-DD HH:mm`) names. */
export const shanghaiWallClock = (text: string): Date => fromShanghaiWall(dayjs.utc(text))

/** The calendar date (YYYY-MM-DD) in Shanghai at the instant `now`. */
export function shanghaiDate(now: Date): string {
  return shanghaiWall(now).format('YYYY-MM-DD')
}

/** The natural year in Shanghai at the instant `now`; 2025-12-31T16:00Z is already 2026. */
export function shanghaiYear(now: Date): number {
  return shanghaiWall(now).year()
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
  return shanghaiWall(iso).format('YYYY-MM-DD HH:mm')
}

/** The Shanghai calendar date `days` working days (Monday–Friday) after `date` (YYYY-MM-DD). */
export function addWorkingDays(date: string, days: number): string {
  let day = dayjs.utc(date)
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
  const start = shanghaiWall(now).startOf('day')
  return {
    from: fromShanghaiWall(start).toISOString(),
    to: fromShanghaiWall(start.add(1, 'day')).toISOString(),
  }
}

/**
 * The first instant of a natural year in Shanghai (YYYY-01-01 00:00 +08:00). A year runs from its
 * start to the next year's start, excluded: 2026 is [2025-12-31T16:00Z, 2026-12-31T16:00Z).
 */
export function shanghaiYearStart(year: number): Date {
  return shanghaiWallClock(`${String(year).padStart(4, '0')}-01-01`)
}
