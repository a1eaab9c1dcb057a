import dayjs from 'dayjs'
import {
  ageOn,
  CLUB_TIME_ZONE,
  addWorkingDays,
  formatShanghaiDateTime,
  isCalendarDate,
  shanghaiDate,
  shanghaiDayRange,
  fromShanghaiWall,
  shanghaiWall,
  shanghaiWallClock,
  shanghaiYear,
} from '@/domain/shared/calendar'

describe('CLUB_TIME_ZONE', () => {
  it('is Asia/Shanghai for every calendar boundary of the club', () => {
    expect(CLUB_TIME_ZONE).toBe('Asia/Shanghai')
  })
})

describe('shanghaiDate', () => {
  it.each([
    ['2026-11-22T15:59:59.999Z', '2026-11-22'],
    ['2026-11-22T16:00:00.000Z', '2026-11-23'],
    ['2026-11-23T00:00:00.000Z', '2026-11-23'],
    ['2026-11-23T15:59:59.999Z', '2026-11-23'],
    ['2025-12-31T15:59:59.000Z', '2025-12-31'],
    ['2025-12-31T16:00:00.000Z', '2026-01-01'],
    ['2028-02-28T16:00:00.000Z', '2028-02-29'],
    ['2027-02-28T16:00:00.000Z', '2027-03-01'],
  ])('gives the Shanghai calendar day at %s as %s', (iso, expected) => {
    const now = new Date(iso)

    const day = shanghaiDate(now)

    expect(day).toBe(expected)
  })

  it('follows the historical Shanghai summer time (UTC+9 in July 1988)', () => {
    const now = new Date('1988-07-01T15:30:00.000Z')

    const day = shanghaiDate(now)

    expect(day).toBe('1988-07-02')
  })
})

describe('shanghaiYear', () => {
  it.each([
    ['2025-12-31T15:59:59.000Z', 2025],
    ['2025-12-31T15:59:59.999Z', 2025],
    ['2025-12-31T16:00:00.000Z', 2026],
    ['2026-01-01T00:00:00.000Z', 2026],
    ['2026-06-30T12:00:00.000Z', 2026],
    ['2026-12-31T15:59:59.999Z', 2026],
    ['2026-12-31T16:30:00.000Z', 2027],
  ])('counts %s as the Shanghai year %i', (iso, expected) => {
    const now = new Date(iso)

    const year = shanghaiYear(now)

    expect(year).toBe(expected)
  })
})

describe('isCalendarDate', () => {
  it.each(['1985-06-15', '2000-02-29', '2024-02-29', '2025-12-31', '2026-01-01', '1970-01-01'])(
    'accepts the real calendar date %s',
    (value) => {
      expect(isCalendarDate(value)).toBe(true)
    },
  )

  it.each(['1940-06-01', '1986-05-04', '1991-09-15'])(
    'accepts %s, a day on which Shanghai changed its clocks',
    (value) => {
      expect(isCalendarDate(value)).toBe(true)
    },
  )

  it.each([
    ['2025-02-29', 'no 29 February in a common year'],
    ['1900-02-29', 'no 29 February in a century year not divisible by 400'],
    ['2025-02-30', 'no 30 February'],
    ['2025-04-31', 'no 31 April'],
    ['2025-13-01', 'no 13th month'],
    ['2025-00-10', 'no month zero'],
    ['2025-01-00', 'no day zero'],
    ['2025-1-5', 'month and day need two digits'],
    ['85-06-15', 'the year needs four digits'],
    ['1985/06/15', 'only dashes separate the parts'],
    ['19850615', 'the parts must be separated'],
    ['1985-06-15T00:00', 'a time is not a date'],
    [' 1985-06-15', 'no surrounding spaces'],
    ['1985-06-15 ', 'no trailing spaces'],
    ['', 'an empty string is not a date'],
    ['not-a-date', 'text is not a date'],
  ])('refuses %p (%s)', (value) => {
    expect(isCalendarDate(value)).toBe(false)
  })
})

describe('ageOn', () => {
  it('counts whole years of age', () => {
    const now = new Date('2026-11-23T02:00:00.000Z')

    const age = ageOn('1985-06-15', now)

    expect(age).toBe(41)
  })

  it.each([
    [
      '2026-11-22T15:59:59.999Z',
      17,
      'the day before the 18th birthday, one moment before Shanghai midnight',
    ],
    ['2026-11-22T16:00:00.000Z', 18, 'the 18th birthday, from Shanghai midnight'],
    ['2026-11-23T15:59:59.999Z', 18, 'the 18th birthday, its last moment in Shanghai'],
    ['2026-11-23T16:00:00.000Z', 18, 'the day after the 18th birthday'],
    ['2026-11-22T02:00:00.000Z', 17, 'the day before the 18th birthday, in the morning'],
  ])('for someone born 2008-11-23, at %s is %i (%s)', (iso, expected) => {
    const now = new Date(iso)

    const age = ageOn('2008-11-23', now)

    expect(age).toBe(expected)
  })

  it.each([
    ['2025-12-31T15:59:59.999Z', 17],
    ['2025-12-31T16:00:00.000Z', 18],
  ])('for someone born on New Year 2008, at %s (Shanghai) is %i', (iso, expected) => {
    const now = new Date(iso)

    const age = ageOn('2008-01-01', now)

    expect(age).toBe(expected)
  })

  it.each([
    ['2026-02-27T16:00:00.000Z', 17, '28 February of a common year: not yet'],
    ['2026-02-28T16:00:00.000Z', 18, '1 March of a common year: one year older'],
    ['2028-02-28T15:59:59.999Z', 19, 'the eve of 29 February of a leap year'],
    ['2028-02-28T16:00:00.000Z', 20, '29 February of a leap year'],
  ])('for someone born on 29 February 2008, at %s is %i (%s)', (iso, expected) => {
    const now = new Date(iso)

    const age = ageOn('2008-02-29', now)

    expect(age).toBe(expected)
  })

  it('is zero on the day of birth and negative before it', () => {
    const birthDay = new Date('2026-11-22T16:00:00.000Z')
    const dayBefore = new Date('2026-11-22T15:59:59.999Z')

    expect(ageOn('2026-11-23', birthDay)).toBe(0)
    expect(ageOn('2026-11-23', dayBefore)).toBe(-1)
  })
})

describe('formatShanghaiDateTime', () => {
  it.each([
    ['2026-11-23T16:51:00.000Z', '2026-11-24 00:51'],
    ['2026-12-31T15:59:00.000Z', '2026-12-31 23:59'],
    ['2026-06-01T00:00:00.000Z', '2026-06-01 08:00'],
  ])('shows %s as Shanghai wall-clock time %s', (iso, expected) => {
    expect(formatShanghaiDateTime(iso)).toBe(expected)
  })
})

describe('addWorkingDays', () => {
  it.each([
    ['2026-11-23', 2, '2026-11-25'], // Monday → Wednesday
    ['2026-11-27', 2, '2026-12-01'], // Friday → Tuesday
    ['2026-11-28', 2, '2026-12-01'], // Saturday → Tuesday
    ['2026-11-29', 1, '2026-11-30'], // Sunday → Monday
    ['2026-12-31', 2, '2027-01-04'], // across the new year
    ['2026-11-23', 0, '2026-11-23'],
  ])('counts Monday to Friday only: %s + %i working days = %s', (date, days, expected) => {
    expect(addWorkingDays(date, days)).toBe(expected)
  })
})

describe('shanghaiDayRange', () => {
  it.each([
    ['2026-03-01T15:59:59.999Z', '2026-02-28T16:00:00.000Z', '2026-03-01T16:00:00.000Z'],
    ['2026-03-01T16:00:00.000Z', '2026-03-01T16:00:00.000Z', '2026-03-02T16:00:00.000Z'],
    ['2026-12-31T16:30:00.000Z', '2026-12-31T16:00:00.000Z', '2027-01-01T16:00:00.000Z'],
  ])('the Shanghai day around %s runs from %s to %s (excluded)', (now, from, to) => {
    expect(shanghaiDayRange(new Date(now))).toEqual({ from, to })
  })
})

describe('Shanghai as a fixed UTC+8 (shanghaiWall, fromShanghaiWall, shanghaiWallClock) agrees with the time-zone database', () => {
  /**
   * Instants from 1993 to 2100 (12 months back from each stays after 1991's summer time), 97 hours
   * apart (every hour of the day and day of the week comes round), and every New Year.
   */
  const instants = [
    ...Array.from(
      { length: Math.floor((Date.UTC(2100, 0, 1) - Date.UTC(1993, 0, 1)) / (97 * 3_600_000)) },
      (_, i) => Date.UTC(1993, 0, 1) + i * 97 * 3_600_000 + (i % 60) * 60_000,
    ),
    ...Array.from({ length: 107 }, (_, i) => Date.UTC(1993 + i, 11, 31, 16, 0, 0)),
    ...Array.from({ length: 107 }, (_, i) => Date.UTC(1993 + i, 11, 31, 15, 59, 59, 999)),
  ]

  /** Shanghai's wall clock as Intl (the time-zone database itself) writes it. */
  const intl = new Intl.DateTimeFormat('en-CA', {
    timeZone: CLUB_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'short',
  })
  const intlWall = (t: number) => {
    const p = Object.fromEntries(intl.formatToParts(t).map((part) => [part.type, part.value]))
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${p.weekday}`
  }

  it('shows every instant on the wall clock of the time-zone database, and back', () => {
    const differ = instants.filter((t) => {
      const wall = shanghaiWall(t)
      return (
        wall.format('YYYY-MM-DD HH:mm:ss ddd') !== intlWall(t) ||
        fromShanghaiWall(wall).getTime() !== t
      )
    })

    expect(instants.length).toBeGreaterThan(9_000)
    expect(differ.map((t) => new Date(t).toISOString())).toEqual([])
  })

  // dayjs's own tz() gets a midnight or a month wrong near the process's summer-time changes (run
  // with TZ=America/New_York to see it): compared where the process has none, as in CI.
  const processHasSummerTime =
    new Date(Date.UTC(2021, 0, 1)).getTimezoneOffset() !==
    new Date(Date.UTC(2021, 6, 1)).getTimezoneOffset()
  ;(processHasSummerTime ? it.skip : it)(
    'finds the same midnight and the same instant 12 months on and back as dayjs tz()',
    () => {
      const differ = instants.filter((t) => {
        const wall = shanghaiWall(t)
        const zoned = dayjs(t).tz(CLUB_TIME_ZONE)
        return (
          fromShanghaiWall(wall.startOf('day')).getTime() !== zoned.startOf('day').valueOf() ||
          fromShanghaiWall(wall.add(12, 'month')).getTime() !== zoned.add(12, 'month').valueOf() ||
          fromShanghaiWall(wall.subtract(12, 'month')).getTime() !==
            zoned.subtract(12, 'month').valueOf()
        )
      })

      expect(differ.map((t) => new Date(t).toISOString())).toEqual([])
    },
  )

  it('reads a Shanghai date or wall-clock time as the same instant', () => {
    const days = instants.map((t) => dayjs(t).tz(CLUB_TIME_ZONE).format('YYYY-MM-DD'))
    const differ = days.filter(
      (day) => shanghaiWallClock(day).getTime() !== dayjs.tz(day, CLUB_TIME_ZONE).valueOf(),
    )

    expect(differ).toEqual([])
    expect(shanghaiWallClock('2027-01-01 09:00').toISOString()).toBe('2027-01-01T01:00:00.000Z')
  })

  it('goes through the time-zone database before 1992: summer time in July 1988 was UTC+9', () => {
    const wall = shanghaiWall('1988-07-01T15:30:00.000Z')

    expect(wall.format('YYYY-MM-DD HH:mm')).toBe('1988-07-02 00:30')
    expect(fromShanghaiWall(wall).toISOString()).toBe('1988-07-01T15:30:00.000Z')
  })
})
