import {
  CLUB_MIN_STAR,
  initialStar,
  isStarValue,
  overrideStar,
  starRose,
  STAR_VALUES,
  starForYear,
  type StarGrant,
  type StarSource,
  type StarValue,
} from '@/domain/star/star'

const grant = (year: number, star: StarValue, source: StarSource = 'rule'): StarGrant => ({
  memberId: 'm-1',
  year,
  star,
  source,
  reason: null,
  grantedAt: `${year - 1}-12-31T16:30:00.000Z`,
})

describe('STAR_VALUES', () => {
  it('holds the five star levels 1★ to 5★, in order', () => {
    expect(STAR_VALUES).toEqual([1, 2, 3, 4, 5])
  })

  it('lets 3★ and above join the club', () => {
    expect(CLUB_MIN_STAR).toBe(3)
  })
})

describe('initialStar', () => {
  it('gives a newly approved member 1★ for the current Shanghai year, from first approval', () => {
    const now = new Date('2026-11-23T02:00:00.000Z')

    const grant = initialStar('m-1', now)

    expect(grant).toEqual({
      memberId: 'm-1',
      year: 2026,
      star: 1,
      source: 'initial',
      reason: null,
      grantedAt: '2026-11-23T02:00:00.000Z',
    })
  })

  it.each([
    ['2026-12-31T15:59:59.999Z', 2026],
    ['2026-12-31T16:00:00.000Z', 2027],
    ['2026-12-31T16:30:00.000Z', 2027],
    ['2027-01-01T00:00:00.000Z', 2027],
  ])('counts an approval at %s for the Shanghai year %i', (iso, expected) => {
    const now = new Date(iso)

    const grant = initialStar('m-1', now)

    expect(grant.year).toBe(expected)
    expect(grant.star).toBe(1)
    expect(grant.grantedAt).toBe(iso)
  })
})

describe('starForYear', () => {
  it('gives the star granted for exactly that year', () => {
    const grants = [grant(2025, 2), grant(2026, 4), grant(2027, 1)]

    const star = starForYear(grants, 2026)

    expect(star).toBe(4)
  })

  it('finds the year’s grant whatever the order of the grants', () => {
    const grants = [grant(2027, 1), grant(2026, 4), grant(2024, 5), grant(2025, 2)]

    const star = starForYear(grants, 2026)

    expect(star).toBe(4)
  })

  it('carries the latest earlier star over until the yearly adjustment reaches the member', () => {
    const grants = [grant(2024, 5), grant(2025, 3, 'initial'), grant(2023, 2)]

    const star = starForYear(grants, 2026)

    expect(star).toBe(3)
  })

  it('carries a star over across several years without a grant', () => {
    const grants = [grant(2021, 4)]

    const star = starForYear(grants, 2026)

    expect(star).toBe(4)
  })

  it('gives null to someone who never held a star', () => {
    const star = starForYear([], 2026)

    expect(star).toBeNull()
  })

  it('ignores grants for later years: a star is not held before its year', () => {
    const grants = [grant(2027, 5, 'import'), grant(2028, 4)]

    const star = starForYear(grants, 2026)

    expect(star).toBeNull()
  })

  it('ignores a later grant while an earlier one is in force', () => {
    const grants = [grant(2025, 2), grant(2027, 5, 'override')]

    const star = starForYear(grants, 2026)

    expect(star).toBe(2)
  })

  it.each(['initial', 'rule', 'import', 'override'] as const)(
    'takes a %s grant for the year like any other source',
    (source) => {
      const grants = [grant(2025, 1), grant(2026, 3, source)]

      const star = starForYear(grants, 2026)

      expect(star).toBe(3)
    },
  )
})

describe('overrideStar', () => {
  it('records an admin’s star for a year with the reason and the time, as an override', () => {
    const now = new Date('2026-03-02T06:45:00.000Z')

    const grant = overrideStar('m-7', 2026, 4, '供应商评级复核后上调', now)

    expect(grant).toEqual({
      memberId: 'm-7',
      year: 2026,
      star: 4,
      source: 'override',
      reason: '供应商评级复核后上调',
      grantedAt: '2026-03-02T06:45:00.000Z',
    })
  })

  it.each(STAR_VALUES)('accepts any value, also %i★, up or down', (value) => {
    const now = new Date('2026-03-02T06:45:00.000Z')

    const grant = overrideStar('m-7', 2026, value, '人工调整', now)

    expect(grant.star).toBe(value)
  })

  it('may set a star for a coming year, which then stands at that year’s adjustment', () => {
    const now = new Date('2026-12-20T02:00:00.000Z')

    const grant = overrideStar('m-7', 2027, 5, '年度优秀零售户', now)

    expect(grant).toMatchObject({ year: 2027, star: 5, source: 'override' })
  })
})

describe('isStarValue', () => {
  it.each([1, 2, 3, 4, 5])('accepts %i as a star', (value) => {
    expect(isStarValue(value)).toBe(true)
  })

  it.each([0, 6, -1, 3.5, NaN, Infinity, '3', null, undefined, [3], { star: 3 }])(
    'refuses %p as a star',
    (value) => {
      expect(isStarValue(value)).toBe(false)
    },
  )
})

describe('starRose (升星: the moment the app marks)', () => {
  it.each([
    [1, 3, true],
    [4, 5, true],
    [3, 3, false],
    [3, 2, false],
    [null, 1, false],
    [null, 3, false],
    [2, null, false],
  ] as const)('last year %p, this year %p → %p', (previous, current, expected) => {
    expect(starRose(previous, current)).toBe(expected)
  })
})
