import {
  checkThresholds,
  DEFAULT_THRESHOLDS,
  evaluateStar,
  MAX_THRESHOLD,
  starProgress,
  thresholdsForYear,
  type StarRule,
  type StarThresholds,
} from '@/domain/star/thresholds'

const CUSTOM: StarThresholds = [500, 2000, 8000, 20_000]

const rule = (effectiveYear: number, thresholds: StarThresholds): StarRule => ({
  effectiveYear,
  thresholds,
  setBy: 'staff-admin',
  setAt: `${effectiveYear - 1}-11-20T02:00:00.000Z`,
})

describe('DEFAULT_THRESHOLDS', () => {
  it('are SPEC §3’s default rule: 1000 → 2★, 3000 → 3★, 5000 → 4★, 10000 → 5★', () => {
    expect(DEFAULT_THRESHOLDS).toEqual([1000, 3000, 5000, 10000])
  })
})

describe('evaluateStar', () => {
  it.each([
    [0, 1],
    [1, 1],
    [999, 1],
    [1000, 2],
    [1001, 2],
    [2999, 2],
    [3000, 3],
    [4999, 3],
    [5000, 4],
    [9999, 4],
    [10_000, 5],
    [10_001, 5],
    [1_000_000_000, 5],
    [Number.MAX_SAFE_INTEGER, 5],
  ])('gives %i qualifying points %i★ with the default thresholds', (points, star) => {
    const result = evaluateStar(points, DEFAULT_THRESHOLDS)

    expect(result).toBe(star)
  })

  it.each([
    [0, 1],
    [499, 1],
    [500, 2],
    [1999, 2],
    [2000, 3],
    [7999, 3],
    [8000, 4],
    [19_999, 4],
    [20_000, 5],
    [10_000_000, 5],
  ])('gives %i qualifying points %i★ with thresholds 500/2000/8000/20000', (points, star) => {
    const result = evaluateStar(points, CUSTOM)

    expect(result).toBe(star)
  })

  it('gives 10000 points only 4★ when an admin raised 5★ to 20000', () => {
    const result = evaluateStar(10_000, CUSTOM)

    expect(result).toBe(4)
  })

  it('gives 1★ to negative points, which cannot reach any threshold', () => {
    const result = evaluateStar(-50, DEFAULT_THRESHOLDS)

    expect(result).toBe(1)
  })
})

describe('thresholdsForYear', () => {
  it('uses the defaults when no rule was ever set', () => {
    const thresholds = thresholdsForYear([], 2026)

    expect(thresholds).toEqual(DEFAULT_THRESHOLDS)
  })

  it('uses a rule effective in the judged year itself', () => {
    const thresholds = thresholdsForYear([rule(2026, CUSTOM)], 2026)

    expect(thresholds).toEqual(CUSTOM)
  })

  it('keeps using a rule from an earlier year until another one takes effect', () => {
    const thresholds = thresholdsForYear([rule(2023, CUSTOM)], 2026)

    expect(thresholds).toEqual(CUSTOM)
  })

  it('takes the rule with the latest effective year not after the judged year, in any order', () => {
    const newer: StarThresholds = [1500, 3500, 6000, 12_000]
    const rules = [rule(2024, CUSTOM), rule(2026, newer), rule(2025, [900, 2900, 4900, 9900])]

    const thresholds = thresholdsForYear(rules, 2026)

    expect(thresholds).toEqual(newer)
  })

  it('does not apply a rule set for a later year to this year’s earnings', () => {
    const rules = [rule(2025, CUSTOM), rule(2027, [2000, 4000, 6000, 12_000])]

    const thresholds = thresholdsForYear(rules, 2026)

    expect(thresholds).toEqual(CUSTOM)
  })

  it('falls back to the defaults when every rule is for a later year', () => {
    const thresholds = thresholdsForYear([rule(2027, CUSTOM)], 2026)

    expect(thresholds).toEqual(DEFAULT_THRESHOLDS)
  })
})

describe('starProgress', () => {
  it('shows the star these points give and how many more the next star needs', () => {
    const progress = starProgress(2400, DEFAULT_THRESHOLDS)

    expect(progress).toEqual({
      points: 2400,
      star: 2,
      next: { star: 3, threshold: 3000, missing: 600 },
    })
  })

  it.each([
    [0, 1, 2, 1000, 1000],
    [999, 1, 2, 1000, 1],
    [1000, 2, 3, 3000, 2000],
    [2999, 2, 3, 3000, 1],
    [3000, 3, 4, 5000, 2000],
    [4999, 3, 4, 5000, 1],
    [5000, 4, 5, 10_000, 5000],
    [9999, 4, 5, 10_000, 1],
  ])(
    'at %i points (%i★) the next star is %i★ at %i, missing %i',
    (points, star, nextStar, threshold, missing) => {
      const progress = starProgress(points, DEFAULT_THRESHOLDS)

      expect(progress).toEqual({ points, star, next: { star: nextStar, threshold, missing } })
    },
  )

  it.each([10_000, 10_001, 250_000])('has no next star at 5★ (%i points)', (points) => {
    const progress = starProgress(points, DEFAULT_THRESHOLDS)

    expect(progress).toEqual({ points, star: 5, next: null })
  })

  it('measures the distance with the thresholds it is given', () => {
    const progress = starProgress(2400, CUSTOM)

    expect(progress).toEqual({
      points: 2400,
      star: 3,
      next: { star: 4, threshold: 8000, missing: 5600 },
    })
  })
})

describe('checkThresholds', () => {
  it('accepts four whole, strictly increasing thresholds from 1 to MAX_THRESHOLD', () => {
    const result = checkThresholds([1000, 3000, 5000, 10000])

    expect(result).toEqual({ ok: true, data: [1000, 3000, 5000, 10000] })
  })

  it.each([
    [[1, 2, 3, 4]],
    [[1, 2, 3, MAX_THRESHOLD]],
    [[MAX_THRESHOLD - 3, MAX_THRESHOLD - 2, MAX_THRESHOLD - 1, MAX_THRESHOLD]],
  ])('accepts the extremes %j', (values) => {
    const result = checkThresholds(values)

    expect(result).toEqual({ ok: true, data: values })
  })

  it('refuses thresholds that do not rise, with the message on the field that is too low', () => {
    const result = checkThresholds([1000, 3000, 3000, 10000])

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'STAR.THRESHOLDS_INVALID',
        message: '升星门槛有误，请检查',
        fields: { 'thresholds.2': '须高于3星门槛' },
      },
    })
  })

  it.each([
    [[1000, 900, 5000, 10000], { 'thresholds.1': '须高于2星门槛' }],
    [[1000, 3000, 2000, 10000], { 'thresholds.2': '须高于3星门槛' }],
    [[1000, 3000, 5000, 5000], { 'thresholds.3': '须高于4星门槛' }],
    [
      [4000, 3000, 2000, 1000],
      {
        'thresholds.1': '须高于2星门槛',
        'thresholds.2': '须高于3星门槛',
        'thresholds.3': '须高于4星门槛',
      },
    ],
  ])('refuses %j, which does not strictly increase', (values, fields) => {
    const result = checkThresholds(values)

    expect(result).toMatchObject({ ok: false, error: { code: 'STAR.THRESHOLDS_INVALID', fields } })
  })

  const range = `请填写1–${MAX_THRESHOLD}之间的整数`

  it.each([
    ['a fraction', 1000.5],
    ['zero', 0],
    ['a negative number', -1000],
    ['more than MAX_THRESHOLD', MAX_THRESHOLD + 1],
    ['a typo like 1000000000', 1_000_000_000],
    ['NaN', NaN],
    ['Infinity', Infinity],
  ])('refuses %s as a threshold, on its own field', (_what, bad) => {
    const result = checkThresholds([1000, 3000, 5000, bad])

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'STAR.THRESHOLDS_INVALID',
        message: '升星门槛有误，请检查',
        fields: { 'thresholds.3': range },
      },
    })
  })

  it.each([0, 1, 2, 3])(
    'names the field thresholds.%i for the threshold at that place',
    (index) => {
      const values = [1000, 3000, 5000, 10000]
      values[index] = 0.5

      const result = checkThresholds(values)

      expect(result.ok ? null : result.error.fields).toEqual({ [`thresholds.${index}`]: range })
    },
  )

  it('reports every wrong field at once', () => {
    const result = checkThresholds([0, 2.5, 5000, MAX_THRESHOLD + 1])

    expect(result.ok ? null : result.error.fields).toEqual({
      'thresholds.0': range,
      'thresholds.1': range,
      'thresholds.3': range,
    })
  })

  it('compares each threshold with the one before it, even when that one is out of range', () => {
    const result = checkThresholds([MAX_THRESHOLD + 1, 3000, 5000, 10000])

    expect(result.ok ? null : result.error.fields).toEqual({
      'thresholds.0': range,
      'thresholds.1': '须高于2星门槛',
    })
  })

  it.each([[[]], [[1000]], [[1000, 3000, 5000]], [[1000, 3000, 5000, 10000, 20000]]])(
    'refuses %j, which is not the four thresholds of 2★ to 5★',
    (values) => {
      const result = checkThresholds(values)

      expect(result).toMatchObject({
        ok: false,
        error: {
          code: 'STAR.THRESHOLDS_INVALID',
          fields: { thresholds: '需要2–5星共4个门槛' },
        },
      })
    },
  )

  it('checks the values of a list of the wrong length as well', () => {
    const result = checkThresholds([1000, 500])

    expect(result.ok ? null : result.error.fields).toEqual({
      'thresholds.1': '须高于2星门槛',
      thresholds: '需要2–5星共4个门槛',
    })
  })
})
