import { justAfterTodaysCutoff, nextNewYearMorning } from '@/domain/shared/demo-clock-targets'

describe('justAfterTodaysCutoff', () => {
  it.each([
    ['early morning in Shanghai', '2026-12-06T17:00:00.000Z', '2026-12-07T08:01:00.000Z'],
    ['10:00 in Shanghai', '2026-12-07T02:00:00.000Z', '2026-12-07T08:01:00.000Z'],
    ['15:59 in Shanghai', '2026-12-07T07:59:00.000Z', '2026-12-07T08:01:00.000Z'],
  ])('at %s, is one minute past 16:00 of that Shanghai day', (_, now, target) => {
    expect(justAfterTodaysCutoff(new Date(now))?.toISOString()).toBe(target)
  })

  it.each([
    ['16:01 in Shanghai', '2026-12-07T08:01:00.000Z'],
    ['23:59 in Shanghai', '2026-12-07T15:59:00.000Z'],
  ])('at %s, is none: the clock never goes back', (_, now) => {
    expect(justAfterTodaysCutoff(new Date(now))).toBeNull()
  })
})

describe('nextNewYearMorning', () => {
  it.each([
    ['in December', '2026-12-07T02:00:00.000Z', '2027-01-01T01:00:00.000Z'],
    ['on 31 December at 23:00 in Shanghai', '2026-12-31T15:00:00.000Z', '2027-01-01T01:00:00.000Z'],
    [
      'on 1 January at 00:30 in Shanghai (31 December in UTC)',
      '2026-12-31T16:30:00.000Z',
      '2028-01-01T01:00:00.000Z',
    ],
  ])('%s, is 1 January of the next Shanghai year at 09:00', (_, now, target) => {
    expect(nextNewYearMorning(new Date(now)).toISOString()).toBe(target)
  })
})
