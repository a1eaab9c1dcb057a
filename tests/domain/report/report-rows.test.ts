import {
  eventRates,
  hoursOverdue,
  membersByStar,
  membersByStatus,
  noShowsOf,
  percent,
  perMonth,
  pointsPerLabel,
  pointsPerMonth,
  REPORT_MEMBER_STATUSES,
  type EventTally,
  type PointsBucket,
} from '@/domain/report/report-rows'

const aTally = (overrides: Partial<EventTally> = {}): EventTally => ({
  eventId: 'e-1',
  title: '新品品鉴会',
  kind: 'tasting',
  startAt: '2026-05-10T06:00:00.000Z',
  endAt: '2026-05-10T09:00:00.000Z',
  capacity: 20,
  confirmed: 16,
  checkedIn: 12,
  noShows: 4,
  noShowsMarked: true,
  ...overrides,
})

const aBucket = (overrides: Partial<PointsBucket> = {}): PointsBucket => ({
  month: '2026-03',
  type: 'earn',
  label: 'purchase',
  points: 100,
  entries: 1,
  ...overrides,
})

describe('percent', () => {
  it.each([
    [12, 16, 75],
    [1, 3, 33.3],
    [2, 3, 66.7],
    [0, 5, 0],
    [5, 5, 100],
  ])('gives %d of %d as %d % with one decimal', (part, whole, expected) => {
    expect(percent(part, whole)).toBe(expected)
  })

  it('gives no rate, not a division by zero, when there is nothing to divide by', () => {
    expect(percent(0, 0)).toBeNull()
    expect(percent(3, 0)).toBeNull()
  })
})

describe('membersByStatus', () => {
  it('lists every status, including suspended, cancelled and withdrawn, with 0 where none', () => {
    const report = membersByStatus([
      { status: 'active', count: 40 },
      { status: 'withdrawn', count: 2 },
    ])

    expect(report.rows.map((r) => r.status)).toEqual(REPORT_MEMBER_STATUSES)
    expect(REPORT_MEMBER_STATUSES).toEqual(
      expect.arrayContaining(['suspended', 'cancelled', 'withdrawn']),
    )
    expect(report.rows.find((r) => r.status === 'active')?.count).toBe(40)
    expect(report.rows.find((r) => r.status === 'cancelled')?.count).toBe(0)
    expect(report.total).toBe(42)
  })
})

describe('membersByStar', () => {
  it('lists 1★ to 5★ with 0 where none, and their total', () => {
    const report = membersByStar([
      { star: 3, count: 7 },
      { star: 1, count: 30 },
    ])

    expect(report.rows).toEqual([
      { star: 1, count: 30 },
      { star: 2, count: 0 },
      { star: 3, count: 7 },
      { star: 4, count: 0 },
      { star: 5, count: 0 },
    ])
    expect(report.total).toBe(37)
  })
})

describe('perMonth', () => {
  it('gives all twelve months, 0 for those without, and ignores months of other years', () => {
    const months = perMonth(2026, [
      { month: '2026-02', count: 5 },
      { month: '2026-12', count: 1 },
      { month: '2025-12', count: 9 },
    ])

    expect(months).toHaveLength(12)
    expect(months[0]).toEqual({ month: '2026-01', count: 0 })
    expect(months[1]).toEqual({ month: '2026-02', count: 5 })
    expect(months[11]).toEqual({ month: '2026-12', count: 1 })
    expect(months.reduce((n, m) => n + m.count, 0)).toBe(6)
  })
})

describe('pointsPerMonth', () => {
  it('shows earned as issued, redeemed and expired as amounts taken out, corrections as net', () => {
    const { months, totals } = pointsPerMonth(2026, [
      aBucket({ type: 'earn', label: 'purchase', points: 1200, entries: 3 }),
      aBucket({ type: 'earn', label: 'event', points: 50, entries: 1 }),
      aBucket({ type: 'redeem', label: 'reward', points: -1500, entries: 1 }),
      aBucket({ type: 'expire', label: 'expiry', points: -30, entries: 1 }),
      aBucket({ type: 'adjust', label: 'correction', points: -20, entries: 1 }),
      aBucket({ type: 'reverse', label: 'purchase', points: -100, entries: 1 }),
      aBucket({ month: '2026-04', type: 'earn', points: 10 }),
    ])

    expect(months[2]).toEqual({
      month: '2026-03',
      issued: 1250,
      redeemed: 1500,
      expired: 30,
      adjusted: -20,
      reversed: -100,
    })
    expect(months[0]).toEqual({
      month: '2026-01',
      issued: 0,
      redeemed: 0,
      expired: 0,
      adjusted: 0,
      reversed: 0,
    })
    expect(Object.is(months[0]!.redeemed, 0)).toBe(true)
    expect(totals).toEqual({
      issued: 1260,
      redeemed: 1500,
      expired: 30,
      adjusted: -20,
      reversed: -100,
    })
  })
})

describe('pointsPerLabel', () => {
  it('sums each type and label over the months, in type then label order', () => {
    const rows = pointsPerLabel([
      aBucket({ month: '2026-01', type: 'redeem', label: 'reward', points: -1500, entries: 1 }),
      aBucket({ month: '2026-01', type: 'earn', label: 'event', points: 50, entries: 1 }),
      aBucket({ month: '2026-02', type: 'earn', label: 'purchase', points: 300, entries: 2 }),
      aBucket({ month: '2026-01', type: 'earn', label: 'purchase', points: 200, entries: 1 }),
    ])

    expect(rows).toEqual([
      { type: 'earn', label: 'purchase', points: 500, entries: 3 },
      { type: 'earn', label: 'event', points: 50, entries: 1 },
      { type: 'redeem', label: 'reward', points: -1500, entries: 1 },
    ])
  })
})

describe('noShowsOf', () => {
  it('counts the recorded no-shows once the event is settled', () => {
    expect(noShowsOf(aTally({ confirmed: 16, checkedIn: 12, noShows: 3 }))).toBe(3)
  })

  it('counts confirmed members not checked in before the no-show job has run', () => {
    expect(
      noShowsOf(aTally({ noShowsMarked: false, confirmed: 16, checkedIn: 12, noShows: 0 })),
    ).toBe(4)
  })

  it('never counts below zero', () => {
    expect(noShowsOf(aTally({ noShowsMarked: false, confirmed: 0, checkedIn: 0 }))).toBe(0)
  })
})

describe('eventRates', () => {
  it('gives fill = confirmed / capacity, attendance = checked in / confirmed, no-shows / confirmed', () => {
    const { events } = eventRates([aTally()])

    expect(events[0]).toMatchObject({ fillRate: 80, attendanceRate: 75, noShowRate: 25 })
  })

  it('gives an event nobody confirmed for no attendance or no-show rate, without dividing by zero', () => {
    const { events, totals } = eventRates([
      aTally({ confirmed: 0, checkedIn: 0, noShows: 0, capacity: 10 }),
    ])

    expect(events[0]).toMatchObject({ fillRate: 0, attendanceRate: null, noShowRate: null })
    expect(totals).toMatchObject({ confirmed: 0, attendanceRate: null, noShowRate: null })
  })

  it('adds the counts of all events before dividing, so each event weighs by its size', () => {
    const { totals } = eventRates([
      aTally({ eventId: 'big', capacity: 100, confirmed: 100, checkedIn: 90, noShows: 10 }),
      aTally({ eventId: 'small', capacity: 10, confirmed: 10, checkedIn: 0, noShows: 10 }),
    ])

    expect(totals).toEqual({
      events: 2,
      capacity: 110,
      confirmed: 110,
      checkedIn: 90,
      noShows: 20,
      fillRate: 100,
      attendanceRate: 81.8,
      noShowRate: 18.2,
    })
  })

  it('gives no totals rates for a year without events', () => {
    const { events, totals } = eventRates([])

    expect(events).toEqual([])
    expect(totals).toEqual({
      events: 0,
      capacity: 0,
      confirmed: 0,
      checkedIn: 0,
      noShows: 0,
      fillRate: null,
      attendanceRate: null,
      noShowRate: null,
    })
  })
})

describe('hoursOverdue', () => {
  const due = '2026-05-10T02:00:00.000Z'

  it('counts whole hours past the reply target', () => {
    expect(hoursOverdue(due, new Date('2026-05-11T04:59:00.000Z'))).toBe(26)
  })

  it('is 0 before and at the target', () => {
    expect(hoursOverdue(due, new Date('2026-05-10T01:00:00.000Z'))).toBe(0)
    expect(hoursOverdue(due, new Date(due))).toBe(0)
  })
})
