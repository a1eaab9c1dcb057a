import dayjs from 'dayjs'
import { CLUB_TIME_ZONE } from './calendar'

/**
 * Where the demo clock (演示时钟, local host only) can be moved to try a deadline, in Shanghai time.
 * One minute past 16:00 today: the last moment to cancel an event sign-up on the event day
 * (SPEC §7) has just gone. Null once today's 16:00 has passed (the clock never goes back).
 */
export function justAfterTodaysCutoff(now: Date): Date | null {
  const target = dayjs(now).tz(CLUB_TIME_ZONE).startOf('day').add(16, 'hour').add(1, 'minute')
  return target.valueOf() > now.getTime() ? target.toDate() : null
}

/**
 * 1 January of next year at 09:00: the annual star adjustment (SPEC §3) runs on its timer from
 * 01:00 to 08:59 that morning, so by 09:00 it has run.
 */
export function nextNewYearMorning(now: Date): Date {
  const year = dayjs(now).tz(CLUB_TIME_ZONE).year() + 1
  return dayjs.tz(`${year}-01-01 09:00`, CLUB_TIME_ZONE).toDate()
}
