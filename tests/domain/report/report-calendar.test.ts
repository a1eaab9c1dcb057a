import {
  monthsOf,
  reportYearRange,
  shanghaiDaysRange,
  shanghaiMonth,
} from '@/domain/report/report-calendar'

describe('shanghaiMonth', () => {
  it.each([
    ['2026-01-31T15:59:59.999Z', '2026-01'],
    ['2026-01-31T16:00:00.000Z', '2026-02'],
    ['2025-12-31T15:59:59.999Z', '2025-12'],
    ['2025-12-31T16:00:00.000Z', '2026-01'],
    ['2026-06-30T16:00:00.000Z', '2026-07'],
    ['2026-12-31T15:59:59.999Z', '2026-12'],
  ])('puts %s in the Shanghai month %s (midnight there is 16:00 UTC)', (iso, month) => {
    const bucket = shanghaiMonth(iso)

    expect(bucket).toBe(month)
  })
})

describe('monthsOf', () => {
  it('lists the twelve months of the year, January first', () => {
    const months = monthsOf(2026)

    expect(months).toHaveLength(12)
    expect(months[0]).toBe('2026-01')
    expect(months[11]).toBe('2026-12')
  })
})

describe('reportYearRange', () => {
  it('runs from Shanghai 1 January to the next, the end excluded', () => {
    const range = reportYearRange(2026)

    expect(range).toEqual({ from: '2025-12-31T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' })
  })
})

describe('shanghaiDaysRange', () => {
  it('covers both days from the first midnight to the midnight after the last', () => {
    const range = shanghaiDaysRange('2026-03-01', '2026-03-31')

    expect(range).toEqual({ from: '2026-02-28T16:00:00.000Z', to: '2026-03-31T16:00:00.000Z' })
  })

  it('leaves an end open when its day is not given', () => {
    expect(shanghaiDaysRange('2026-03-01', undefined)).toEqual({ from: '2026-02-28T16:00:00.000Z' })
    expect(shanghaiDaysRange(undefined, '2026-03-01')).toEqual({ to: '2026-03-01T16:00:00.000Z' })
    expect(shanghaiDaysRange(undefined, undefined)).toEqual({})
  })
})
