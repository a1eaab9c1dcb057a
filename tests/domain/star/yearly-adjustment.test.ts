import { FORCED_EXIT_REASON, type ClubState } from '@/domain/club/club'
import { initialStar, overrideStar, type StarValue } from '@/domain/star/star'
import { DEFAULT_THRESHOLDS, type StarThresholds } from '@/domain/star/thresholds'
import {
  adjustMember,
  tallyAdjustment,
  type MemberAdjustmentInput,
} from '@/domain/star/yearly-adjustment'
import { aClub } from '../club/builders'

/** The adjustment of 1 January 2027 (Shanghai), judging the earnings of 2026. */
const NOW = new Date('2026-12-31T16:05:00.000Z')

const input = (overrides: Partial<MemberAdjustmentInput> = {}): MemberAdjustmentInput => ({
  memberId: 'm-1',
  evaluatedYear: 2026,
  qualifyingPoints: 0,
  importedStar: null,
  existing: null,
  club: null,
  thresholds: DEFAULT_THRESHOLDS,
  now: NOW,
  ...overrides,
})

const starNotice = (star: StarValue, qualifyingPoints: number) => ({
  id: 'star-new:m-1:2027',
  kind: 'star.new',
  payload: { year: 2027, star, qualifyingPoints },
})

describe('adjustMember', () => {
  it('grants the new year the star the rule gives the evaluated year’s qualifying points', () => {
    const adjustment = adjustMember(input({ qualifyingPoints: 5200 }))

    expect(adjustment).toEqual({
      star: 4,
      source: 'rule',
      grant: {
        memberId: 'm-1',
        year: 2027,
        star: 4,
        source: 'rule',
        reason: null,
        grantedAt: NOW.toISOString(),
      },
      club: null,
      clubChange: null,
      notices: [starNotice(4, 5200)],
    })
  })

  it.each([
    [0, 1],
    [999, 1],
    [1000, 2],
    [2999, 2],
    [3000, 3],
    [4999, 3],
    [5000, 4],
    [9999, 4],
    [10_000, 5],
    [123_456, 5],
  ])('by rule, %i qualifying points give %i★ for the new year', (points, star) => {
    const adjustment = adjustMember(input({ qualifyingPoints: points }))

    expect(adjustment.star).toBe(star)
    expect(adjustment.grant).toMatchObject({ year: 2027, star, source: 'rule' })
  })

  it('judges with the thresholds it is given', () => {
    const thresholds: StarThresholds = [2000, 6000, 9000, 15_000]

    const adjustment = adjustMember(input({ qualifyingPoints: 5200, thresholds }))

    expect(adjustment.star).toBe(2)
  })

  it.each([
    [800, 1],
    [3100, 3],
  ])(
    'judges a member who joined in October on that part of the year, not pro-rated: %i → %i★',
    (points, star) => {
      const adjustment = adjustMember(input({ qualifyingPoints: points }))

      expect(adjustment).toMatchObject({ star, source: 'rule' })
    },
  )

  it('takes an imported star over the rule, up or down', () => {
    const down = adjustMember(input({ qualifyingPoints: 12_000, importedStar: 2 }))
    const up = adjustMember(input({ qualifyingPoints: 0, importedStar: 5 }))

    expect(down).toMatchObject({ star: 2, source: 'import', grant: { star: 2, source: 'import' } })
    expect(up).toMatchObject({ star: 5, source: 'import', grant: { star: 5, source: 'import' } })
  })

  it('takes an imported 1★ as an import too', () => {
    const adjustment = adjustMember(input({ qualifyingPoints: 12_000, importedStar: 1 }))

    expect(adjustment).toMatchObject({ star: 1, source: 'import', grant: { star: 1 } })
  })

  it('lets an admin’s override already set for the new year stand, and stores no grant', () => {
    const override = overrideStar('m-1', 2027, 4, '年度优秀零售户', NOW)

    const adjustment = adjustMember(
      input({ qualifyingPoints: 200, importedStar: 2, existing: override }),
    )

    expect(adjustment).toEqual({
      star: 4,
      source: 'override',
      grant: null,
      club: null,
      clubChange: null,
      notices: [starNotice(4, 200)],
    })
  })

  it('replaces the 1★ of a member first approved in the new year before the job reached them', () => {
    const initial = initialStar('m-1', new Date('2027-01-01T01:00:00.000Z'))

    const adjustment = adjustMember(input({ qualifyingPoints: 3500, existing: initial }))

    expect(initial.year).toBe(2027)
    expect(adjustment).toMatchObject({
      star: 3,
      source: 'rule',
      grant: { year: 2027, star: 3, source: 'rule' },
    })
  })

  it.each(['rule', 'import'] as const)(
    'decides again over an earlier run’s %s grant for the new year',
    (source) => {
      const earlier = { ...initialStar('m-1', NOW), star: 5 as const, source }

      const adjustment = adjustMember(input({ qualifyingPoints: 1200, existing: earlier }))

      expect(adjustment).toMatchObject({ star: 2, source: 'rule', grant: { star: 2 } })
    },
  )

  it('leaves the club alone for a member who never applied', () => {
    const adjustment = adjustMember(input({ qualifyingPoints: 500, club: aClub('none') }))

    expect(adjustment).toMatchObject({ club: null, clubChange: null })
    expect(adjustment.notices).toEqual([starNotice(1, 500)])
  })

  it('puts an active club member with 2999 points into grace for the new year, with a warning', () => {
    const club = aClub('active', { version: 6 })

    const adjustment = adjustMember(input({ qualifyingPoints: 2999, club }))

    expect(adjustment.star).toBe(2)
    expect(adjustment.clubChange).toBe('entered-grace')
    expect(adjustment.club).toEqual({
      ...club,
      state: 'grace',
      graceYear: 2027,
      since: NOW.toISOString(),
      version: 7,
    })
    expect(adjustment.notices).toEqual([
      starNotice(2, 2999),
      {
        id: 'club-grace:m-1:2027',
        kind: 'club.grace',
        payload: { year: 2027, star: 2, graceEndsOn: '2027-12-31' },
      },
    ])
  })

  it('keeps an active club member with 3000 points active, without a club notice', () => {
    const adjustment = adjustMember(input({ qualifyingPoints: 3000, club: aClub('active') }))

    expect(adjustment).toMatchObject({ star: 3, club: null, clubChange: null })
    expect(adjustment.notices).toEqual([starNotice(3, 3000)])
  })

  it('forces out a member still below 3★ when the grace year has run out', () => {
    const club = aClub('grace', { graceYear: 2026 })

    const adjustment = adjustMember(input({ qualifyingPoints: 1500, club }))

    expect(adjustment.clubChange).toBe('exited')
    expect(adjustment.club).toMatchObject({
      state: 'exited',
      graceYear: null,
      reason: FORCED_EXIT_REASON,
      version: club.version + 1,
    })
    expect(adjustment.notices).toEqual([
      starNotice(2, 1500),
      { id: 'club-exited:m-1:2027', kind: 'club.exited', payload: { year: 2027, star: 2 } },
    ])
  })

  it('brings a member in grace back to active at ≥ 3★, without a club notice', () => {
    const club = aClub('grace', { graceYear: 2026 })

    const adjustment = adjustMember(input({ qualifyingPoints: 3000, club }))

    expect(adjustment.clubChange).toBe('reactivated')
    expect(adjustment.club).toMatchObject({ state: 'active', graceYear: null })
    expect(adjustment.notices).toEqual([starNotice(3, 3000)])
  })

  it('is idempotent: run again for the same year, a grace that began then changes nothing', () => {
    const first = adjustMember(input({ qualifyingPoints: 800, club: aClub('active') }))

    const again = adjustMember(input({ qualifyingPoints: 800, club: first.club }))

    expect(first.clubChange).toBe('entered-grace')
    expect(again).toMatchObject({ star: 1, club: null, clubChange: null })
    expect(again.notices).toEqual([starNotice(1, 800)])
  })

  it('sends the star notice once per member and year: the same id on every run', () => {
    const first = adjustMember(input({ qualifyingPoints: 800 }))
    const again = adjustMember(
      input({ qualifyingPoints: 800, now: new Date(NOW.getTime() + 60_000) }),
    )

    expect(again.notices.map((n) => n.id)).toEqual(first.notices.map((n) => n.id))
  })

  it('names the notices after the member and the new year', () => {
    const grace = adjustMember(
      input({ memberId: 'm-42', evaluatedYear: 2030, club: aClub('active', { memberId: 'm-42' }) }),
    )
    const exit = adjustMember(
      input({
        memberId: 'm-42',
        evaluatedYear: 2030,
        club: aClub('grace', { memberId: 'm-42', graceYear: 2030 }),
      }),
    )

    expect(grace.notices.map((n) => n.id)).toEqual(['star-new:m-42:2031', 'club-grace:m-42:2031'])
    expect(exit.notices.map((n) => n.id)).toEqual(['star-new:m-42:2031', 'club-exited:m-42:2031'])
  })

  it('moves the club on an overridden star: a standing 3★ override keeps a low earner active', () => {
    const override = overrideStar('m-1', 2027, 3, '供应商评级', NOW)

    const adjustment = adjustMember(
      input({ qualifyingPoints: 100, existing: override, club: aClub('active') }),
    )

    expect(adjustment).toMatchObject({ star: 3, grant: null, club: null, clubChange: null })
  })

  it('moves the club on an imported star: an imported 2★ puts a high earner into grace', () => {
    const adjustment = adjustMember(
      input({ qualifyingPoints: 12_000, importedStar: 2, club: aClub('active') }),
    )

    expect(adjustment).toMatchObject({ star: 2, clubChange: 'entered-grace' })
    expect(adjustment.notices.map((n) => n.kind)).toEqual(['star.new', 'club.grace'])
  })

  it.each<ClubState>(['none', 'applied', 'rejected', 'exited', 'cancelled', 'withdrawn'])(
    'leaves the club of a member in state %s alone and sends only the star notice',
    (state) => {
      const adjustment = adjustMember(input({ qualifyingPoints: 100, club: aClub(state) }))

      expect(adjustment).toMatchObject({ club: null, clubChange: null })
      expect(adjustment.notices).toEqual([starNotice(1, 100)])
    },
  )

  it('keeps a suspended club member suspended, with grace waiting behind the suspension', () => {
    const club = aClub('suspended', { resumeState: 'active' })

    const adjustment = adjustMember(input({ qualifyingPoints: 100, club }))

    expect(adjustment).toMatchObject({
      star: 1,
      club: { state: 'suspended', resumeState: 'grace' },
      clubChange: 'entered-grace',
    })
    expect(adjustment.notices.map((n) => n.kind)).toEqual(['star.new', 'club.grace'])
  })
})

describe('tallyAdjustment', () => {
  it('counts a member under the new star', () => {
    const totals = tallyAdjustment({}, { star: 3, clubChange: null })

    expect(totals).toEqual({ star3: 1 })
  })

  it('counts the club moves beside the stars', () => {
    const totals = tallyAdjustment(
      { star2: 4, 'entered-grace': 1 },
      {
        star: 2,
        clubChange: 'entered-grace',
      },
    )

    expect(totals).toEqual({ star2: 5, 'entered-grace': 2 })
  })

  it('adds up a whole run of members', () => {
    const adjustments = [
      { star: 1, clubChange: null },
      { star: 3, clubChange: 'reactivated' },
      { star: 2, clubChange: 'entered-grace' },
      { star: 1, clubChange: 'exited' },
      { star: 5, clubChange: null },
      { star: 2, clubChange: 'entered-grace' },
    ] as const

    const totals = adjustments.reduce(tallyAdjustment, {} as Record<string, number>)

    expect(totals).toEqual({
      star1: 2,
      star2: 2,
      star3: 1,
      star5: 1,
      'entered-grace': 2,
      exited: 1,
      reactivated: 1,
    })
  })

  it('leaves the totals it was given untouched', () => {
    const before = { star1: 7 }

    const after = tallyAdjustment(before, { star: 1, clubChange: 'exited' })

    expect(before).toEqual({ star1: 7 })
    expect(after).toEqual({ star1: 8, exited: 1 })
  })
})
