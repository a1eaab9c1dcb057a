import type { EntryLabel } from '@/domain/points/points'
import { shanghaiYear, shanghaiYearStart } from '@/domain/shared/calendar'
import { qualifyingPoints, type StarLedgerEntry } from '@/domain/star/qualifying-points'
import { DEFAULT_THRESHOLDS, evaluateStar } from '@/domain/star/thresholds'

const earned = (points: number, at: string, label: EntryLabel = 'purchase'): StarLedgerEntry => ({
  type: 'earn',
  label,
  points,
  at,
})

/** The entries of a Shanghai year the way the adjustment job reads them: from ≤ at < to. */
function pointsOfYear(entries: readonly StarLedgerEntry[], year: number): number {
  const from = shanghaiYearStart(year).toISOString()
  const to = shanghaiYearStart(year + 1).toISOString()
  return qualifyingPoints(entries.filter((entry) => from <= entry.at && entry.at < to))
}

describe('shanghaiYearStart', () => {
  it.each([
    [2025, '2024-12-31T16:00:00.000Z'],
    [2026, '2025-12-31T16:00:00.000Z'],
    [2027, '2026-12-31T16:00:00.000Z'],
    [2028, '2027-12-31T16:00:00.000Z'],
    [2029, '2028-12-31T16:00:00.000Z'],
  ])('starts %i at midnight of 1 January in Shanghai, %s', (year, iso) => {
    const start = shanghaiYearStart(year)

    expect(start.toISOString()).toBe(iso)
  })

  it('begins the year it names: its first millisecond is already in that Shanghai year', () => {
    const start = shanghaiYearStart(2026)

    expect(shanghaiYear(start)).toBe(2026)
  })

  it('ends the year before: the millisecond before it is still in the previous Shanghai year', () => {
    const start = shanghaiYearStart(2026)

    expect(shanghaiYear(new Date(start.getTime() - 1))).toBe(2025)
  })

  it('spans a whole leap year of 366 days, and a common year of 365', () => {
    const day = 24 * 60 * 60 * 1000

    const leap = shanghaiYearStart(2029).getTime() - shanghaiYearStart(2028).getTime()
    const common = shanghaiYearStart(2027).getTime() - shanghaiYearStart(2026).getTime()

    expect(leap).toBe(366 * day)
    expect(common).toBe(365 * day)
  })
})

describe('qualifying points of a Shanghai year', () => {
  it('counts an entry at the last millisecond of 2025 in Shanghai for 2025', () => {
    const entries = [earned(1000, '2025-12-31T15:59:59.999Z')]

    expect(pointsOfYear(entries, 2025)).toBe(1000)
    expect(pointsOfYear(entries, 2026)).toBe(0)
  })

  it('counts an entry at the first millisecond of 2026 in Shanghai for 2026', () => {
    const entries = [earned(1000, '2025-12-31T16:00:00.000Z')]

    expect(pointsOfYear(entries, 2025)).toBe(0)
    expect(pointsOfYear(entries, 2026)).toBe(1000)
  })

  it('counts the first millisecond of 2025 in Shanghai for 2025, not 2024', () => {
    const entries = [earned(700, '2024-12-31T16:00:00.000Z')]

    expect(pointsOfYear(entries, 2024)).toBe(0)
    expect(pointsOfYear(entries, 2025)).toBe(700)
  })

  it('splits a New Year’s Eve of purchases at Shanghai midnight, not UTC midnight', () => {
    const entries = [
      earned(1500, '2025-12-31T10:00:00.000Z'),
      earned(1499, '2025-12-31T15:59:59.999Z'),
      earned(1, '2025-12-31T16:00:00.000Z'),
      earned(4000, '2026-01-01T00:00:00.000Z'),
    ]

    const points2025 = pointsOfYear(entries, 2025)
    const points2026 = pointsOfYear(entries, 2026)

    expect(points2025).toBe(2999)
    expect(points2026).toBe(4001)
    expect(evaluateStar(points2025, DEFAULT_THRESHOLDS)).toBe(2)
    expect(evaluateStar(points2026, DEFAULT_THRESHOLDS)).toBe(3)
  })

  it('lets the last millisecond of the year decide between 2★ and 3★', () => {
    const entries = [
      earned(2999, '2025-06-01T02:00:00.000Z'),
      earned(1, '2025-12-31T15:59:59.999Z', 'event'),
    ]

    const points = pointsOfYear(entries, 2025)

    expect(points).toBe(3000)
    expect(evaluateStar(points, DEFAULT_THRESHOLDS)).toBe(3)
  })

  it('takes a reversal made in the first millisecond of 2026 from 2026, not from 2025', () => {
    const entries: StarLedgerEntry[] = [
      earned(3000, '2025-11-01T02:00:00.000Z'),
      earned(500, '2026-01-02T02:00:00.000Z'),
      { type: 'reverse', label: 'purchase', points: -200, at: '2025-12-31T16:00:00.000Z' },
    ]

    expect(pointsOfYear(entries, 2025)).toBe(3000)
    expect(pointsOfYear(entries, 2026)).toBe(300)
  })
})
