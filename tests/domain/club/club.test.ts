import {
  applyForClub,
  approveClubApplication,
  cancelClub,
  clubAtAdjustment,
  endClubSuspension,
  FORCED_EXIT_REASON,
  graceEndsOn,
  isInClub,
  leaveClub,
  noClub,
  rejectClubApplication,
  suspendClub,
  type ClubChange,
  type ClubState,
} from '@/domain/club/club'
import type { StarValue } from '@/domain/star/star'
import { aClub, ALL_CLUB_STATES } from './builders'

const NOW = new Date('2027-03-15T06:30:00.000Z')
const AT = NOW.toISOString()

const error = (code: string) => ({ ok: false, error: { code, message: expect.any(String) } })

describe('noClub', () => {
  it('describes someone who never applied, at version 0', () => {
    const club = noClub('m-9', NOW)

    expect(club).toEqual({
      memberId: 'm-9',
      state: 'none',
      since: AT,
      appliedAt: null,
      joinedAt: null,
      graceYear: null,
      decidedBy: null,
      reason: null,
      resumeState: null,
      version: 0,
    })
  })
})

describe('isInClub', () => {
  it.each<[ClubState, boolean]>([
    ['none', false],
    ['applied', false],
    ['active', true],
    ['rejected', false],
    ['grace', true],
    ['exited', false],
    ['suspended', false],
    ['cancelled', false],
    ['withdrawn', false],
  ])('opens club-only events and the suggestion box to %s: %p', (state, expected) => {
    expect(isInClub(aClub(state))).toBe(expected)
  })

  it('keeps them closed to a member without any club record', () => {
    expect(isInClub(null)).toBe(false)
  })
})

describe('applyForClub', () => {
  it.each<[ClubState, StarValue, string | null]>([
    ['none', 2, 'CLUB.STAR_TOO_LOW'],
    ['none', 3, null],
    ['applied', 2, 'CLUB.ALREADY_APPLIED'],
    ['applied', 3, 'CLUB.ALREADY_APPLIED'],
    ['active', 2, 'CLUB.ALREADY_MEMBER'],
    ['active', 3, 'CLUB.ALREADY_MEMBER'],
    ['rejected', 2, 'CLUB.STAR_TOO_LOW'],
    ['rejected', 3, null],
    ['grace', 2, 'CLUB.ALREADY_MEMBER'],
    ['grace', 3, 'CLUB.ALREADY_MEMBER'],
    ['exited', 2, 'CLUB.STAR_TOO_LOW'],
    ['exited', 3, null],
    ['suspended', 2, 'CLUB.NOT_ALLOWED'],
    ['suspended', 3, 'CLUB.NOT_ALLOWED'],
    ['cancelled', 2, 'CLUB.NOT_ALLOWED'],
    ['cancelled', 3, 'CLUB.NOT_ALLOWED'],
    ['withdrawn', 2, 'CLUB.STAR_TOO_LOW'],
    ['withdrawn', 3, null],
  ])('from %s with %i★ → %s (null = applied)', (state, star, code) => {
    const club = aClub(state)

    const result = applyForClub(club, star, NOW)

    expect(result).toEqual(
      code === null
        ? {
            ok: true,
            data: {
              ...club,
              state: 'applied',
              since: AT,
              appliedAt: AT,
              decidedBy: null,
              reason: null,
              version: club.version + 1,
            },
          }
        : error(code),
    )
  })

  it.each<[StarValue | null, boolean]>([
    [null, false],
    [1, false],
    [2, false],
    [3, true],
    [4, true],
    [5, true],
  ])('lets a member with %p★ for the current year apply: %p', (star, allowed) => {
    const result = applyForClub(aClub('none'), star, NOW)

    expect(result.ok).toBe(allowed)
  })

  it('explains a refusal for a low star in Chinese', () => {
    const result = applyForClub(aClub('none'), 2, NOW)

    expect(result).toEqual({
      ok: false,
      error: { code: 'CLUB.STAR_TOO_LOW', message: '三星及以上会员才能申请加入俱乐部' },
    })
  })

  it('checks the state before the star: a suspended 1★ member hears about the suspension', () => {
    const result = applyForClub(aClub('suspended'), 1, NOW)

    expect(result).toMatchObject(error('CLUB.NOT_ALLOWED'))
  })

  it('clears the rejection reason when a rejected member applies again', () => {
    const rejected = aClub('rejected', { reason: '店铺信息待核实', decidedBy: 'staff-r2' })

    const result = applyForClub(rejected, 4, NOW)

    expect(result).toMatchObject({
      ok: true,
      data: { state: 'applied', reason: null, decidedBy: null },
    })
  })

  it('lets a forced-out member apply again once back at ≥ 3★, and be admitted', () => {
    const grace = aClub('grace', { graceYear: 2026 })
    const { club: exited } = clubAtAdjustment(grace, 2, 2027, new Date('2026-12-31T16:05:00.000Z'))

    const tooLow = applyForClub(exited, 2, NOW)
    const applied = applyForClub(exited, 3, NOW)
    const admitted = applied.ok && approveClubApplication(applied.data, 3, 'staff-r1', NOW)

    expect(exited.state).toBe('exited')
    expect(tooLow).toMatchObject(error('CLUB.STAR_TOO_LOW'))
    expect(applied).toMatchObject({ ok: true, data: { state: 'applied', reason: null } })
    expect(admitted).toMatchObject({ ok: true, data: { state: 'active', joinedAt: AT } })
  })

  it('lets a member who left by choice apply again', () => {
    const left = leaveClub(aClub('active'), new Date('2027-01-10T02:00:00.000Z'))

    const result = left.ok && applyForClub(left.data, 3, NOW)

    expect(result).toMatchObject({ ok: true, data: { state: 'applied', appliedAt: AT } })
  })
})

describe('approveClubApplication', () => {
  it('admits an applicant with ≥ 3★, recording the reviewer and the joining time', () => {
    const club = aClub('applied')

    const result = approveClubApplication(club, 3, 'staff-r7', NOW)

    expect(result).toEqual({
      ok: true,
      data: {
        ...club,
        state: 'active',
        since: AT,
        joinedAt: AT,
        graceYear: null,
        decidedBy: 'staff-r7',
        reason: null,
        version: club.version + 1,
      },
    })
  })

  it.each<[StarValue | null, string | null]>([
    [null, 'CLUB.STAR_TOO_LOW'],
    [1, 'CLUB.STAR_TOO_LOW'],
    [2, 'CLUB.STAR_TOO_LOW'],
    [3, null],
    [4, null],
    [5, null],
  ])('checks the star again on approval: %p★ → %s', (star, code) => {
    const result = approveClubApplication(aClub('applied'), star, 'staff-r7', NOW)

    expect(result).toMatchObject(code === null ? { ok: true } : error(code))
  })

  it.each(ALL_CLUB_STATES.filter((state) => state !== 'applied'))(
    'refuses to approve from %s: only an application can be approved',
    (state) => {
      const result = approveClubApplication(aClub(state), 5, 'staff-r7', NOW)

      expect(result).toEqual({
        ok: false,
        error: { code: 'CLUB.NOT_APPLIED', message: '该申请已处理，请刷新列表' },
      })
    },
  )
})

describe('rejectClubApplication', () => {
  it('turns an application down with a reason the member sees', () => {
    const club = aClub('applied')

    const result = rejectClubApplication(club, 'staff-r7', '近期有违规记录', NOW)

    expect(result).toEqual({
      ok: true,
      data: {
        ...club,
        state: 'rejected',
        since: AT,
        decidedBy: 'staff-r7',
        reason: '近期有违规记录',
        version: club.version + 1,
      },
    })
  })

  it.each(ALL_CLUB_STATES.filter((state) => state !== 'applied'))(
    'refuses to reject from %s: only an application can be rejected',
    (state) => {
      const result = rejectClubApplication(aClub(state), 'staff-r7', '原因', NOW)

      expect(result).toMatchObject(error('CLUB.NOT_APPLIED'))
    },
  )
})

describe('clubAtAdjustment', () => {
  /** The adjustment of 1 January 2027, giving the star for 2027. */
  const YEAR = 2027
  const ADJUSTED = new Date('2026-12-31T16:05:00.000Z')

  const untouched = ALL_CLUB_STATES.filter(
    (state) => state !== 'active' && state !== 'grace' && state !== 'suspended',
  )

  it.each(untouched.flatMap((state) => ([2, 3] as const).map((star) => [state, star] as const)))(
    'leaves a %s membership untouched at %i★',
    (state, star) => {
      const club = aClub(state)

      const result = clubAtAdjustment(club, star, YEAR, ADJUSTED)

      expect(result.change).toBeNull()
      expect(result.club).toBe(club)
    },
  )

  it('keeps a suspended member suspended, but the active membership it resumes enters grace below 3★', () => {
    const club = aClub('suspended', { resumeState: 'active' })

    const result = clubAtAdjustment(club, 2, YEAR, ADJUSTED)

    expect(result).toEqual({
      club: {
        ...club,
        state: 'suspended',
        since: club.since,
        resumeState: 'grace',
        graceYear: YEAR,
        version: club.version + 1,
      },
      change: 'entered-grace',
    })
  })

  it('forces out a suspended member whose interrupted grace ran out below 3★', () => {
    const club = aClub('suspended', { resumeState: 'grace', graceYear: 2026 })

    const result = clubAtAdjustment(club, 2, YEAR, ADJUSTED)

    expect(result.change).toBe('exited')
    expect(result.club).toMatchObject({
      state: 'suspended',
      resumeState: 'exited',
      graceYear: null,
    })
    expect(endClubSuspension(result.club, NOW).state).toBe('exited')
  })

  it.each<[ClubState | null, StarValue]>([
    ['active', 3],
    ['applied', 1],
    [null, 1],
  ])('leaves a suspension of a %s membership untouched at %i★', (resumeState, star) => {
    const club = aClub('suspended', { resumeState })

    const result = clubAtAdjustment(club, star, YEAR, ADJUSTED)

    expect(result).toEqual({ club, change: null })
  })

  it.each<StarValue>([1, 2])('puts an active member at %i★ into grace for the new year', (star) => {
    const club = aClub('active')

    const result = clubAtAdjustment(club, star, YEAR, ADJUSTED)

    expect(result).toEqual({
      club: {
        ...club,
        state: 'grace',
        since: ADJUSTED.toISOString(),
        graceYear: YEAR,
        version: club.version + 1,
      },
      change: 'entered-grace',
    })
  })

  it.each<StarValue>([3, 4, 5])('keeps an active member at %i★ active, unchanged', (star) => {
    const club = aClub('active')

    const result = clubAtAdjustment(club, star, YEAR, ADJUSTED)

    expect(result).toEqual({ club, change: null })
    expect(result.club).toBe(club)
  })

  it.each<[number, StarValue, ClubState, ClubChange]>([
    [2026, 1, 'exited', 'exited'],
    [2026, 2, 'exited', 'exited'],
    [2026, 3, 'active', 'reactivated'],
    [2026, 5, 'active', 'reactivated'],
    [2025, 2, 'exited', 'exited'],
    [2025, 3, 'active', 'reactivated'],
  ])(
    'decides a grace that ran through %i: at %i★ the member is %s',
    (graceYear, star, state, change) => {
      const club = aClub('grace', { graceYear })

      const result = clubAtAdjustment(club, star, YEAR, ADJUSTED)

      expect(result.change).toBe(change)
      expect(result.club).toEqual({
        ...club,
        state,
        since: ADJUSTED.toISOString(),
        graceYear: null,
        reason: state === 'exited' ? FORCED_EXIT_REASON : club.reason,
        version: club.version + 1,
      })
    },
  )

  it('gives the forced exit its reason', () => {
    expect(FORCED_EXIT_REASON).toBe('宽限期满仍低于三星')
  })

  it.each<[number | null, StarValue]>([
    [YEAR, 1],
    [YEAR, 2],
    [YEAR, 3],
    [YEAR, 5],
    [YEAR + 1, 2],
    [YEAR + 1, 3],
    [null, 2],
    [null, 3],
  ])(
    'leaves a grace running through %p untouched at %i★: it has not run out',
    (graceYear, star) => {
      const club = aClub('grace', { graceYear })

      const result = clubAtAdjustment(club, star, YEAR, ADJUSTED)

      expect(result).toEqual({ club, change: null })
      expect(result.club).toBe(club)
    },
  )

  it('is idempotent: applied again for the same year, it changes nothing more', () => {
    const first = clubAtAdjustment(aClub('active'), 2, YEAR, ADJUSTED)

    const again = clubAtAdjustment(first.club, 2, YEAR, new Date(ADJUSTED.getTime() + 60_000))

    expect(first.change).toBe('entered-grace')
    expect(again).toEqual({ club: first.club, change: null })
  })

  it('takes a member below 3★ for two adjustments in a row from active through grace to exited', () => {
    const active = aClub('active', { version: 1 })

    const y2027 = clubAtAdjustment(active, 2, 2027, ADJUSTED)
    const y2028 = clubAtAdjustment(y2027.club, 2, 2028, new Date('2027-12-31T16:05:00.000Z'))

    expect([y2027.change, y2028.change]).toEqual(['entered-grace', 'exited'])
    expect(y2028.club).toMatchObject({ state: 'exited', graceYear: null, version: 3 })
  })

  it('takes a member back to active when 3★ returns at the end of the grace year', () => {
    const y2027 = clubAtAdjustment(aClub('active'), 2, 2027, ADJUSTED)

    const y2028 = clubAtAdjustment(y2027.club, 3, 2028, new Date('2027-12-31T16:05:00.000Z'))

    expect(y2028.change).toBe('reactivated')
    expect(y2028.club).toMatchObject({ state: 'active', graceYear: null })
  })
})

describe('leaveClub', () => {
  it.each<ClubState>(['active', 'grace'])(
    'lets a member in %s leave by choice, ending any grace',
    (state) => {
      const club = aClub(state)

      const result = leaveClub(club, NOW)

      expect(result).toEqual({
        ok: true,
        data: {
          ...club,
          state: 'withdrawn',
          since: AT,
          graceYear: null,
          reason: null,
          version: club.version + 1,
        },
      })
    },
  )

  it('keeps when the member joined, which the club record is about, not the platform account', () => {
    const result = leaveClub(aClub('active', { joinedAt: '2025-05-05T02:00:00.000Z' }), NOW)

    expect(result).toMatchObject({ ok: true, data: { joinedAt: '2025-05-05T02:00:00.000Z' } })
  })

  it.each(ALL_CLUB_STATES.filter((state) => state !== 'active' && state !== 'grace'))(
    'refuses to let a member in %s leave a club they are not in',
    (state) => {
      const result = leaveClub(aClub(state), NOW)

      expect(result).toEqual({
        ok: false,
        error: { code: 'CLUB.NOT_A_MEMBER', message: '仅限俱乐部会员' },
      })
    },
  )
})

describe('suspendClub', () => {
  const suspendable = ALL_CLUB_STATES.filter(
    (state) => state !== 'suspended' && state !== 'cancelled',
  )

  it.each(suspendable)('suspends a %s membership, remembering the state', (state) => {
    const club = aClub(state)

    const suspended = suspendClub(club, NOW)

    expect(suspended).toEqual({
      ...club,
      state: 'suspended',
      since: AT,
      resumeState: state,
      version: club.version + 1,
    })
  })

  it('keeps the grace year of a member suspended in grace', () => {
    const suspended = suspendClub(aClub('grace', { graceYear: 2027 }), NOW)

    expect(suspended).toMatchObject({ state: 'suspended', resumeState: 'grace', graceYear: 2027 })
  })

  it.each<ClubState>(['suspended', 'cancelled'])('leaves a %s membership as it is', (state) => {
    const club = aClub(state)

    const result = suspendClub(club, NOW)

    expect(result).toBe(club)
  })

  it('does not forget the state before a first suspension when suspended again', () => {
    const once = suspendClub(aClub('grace'), NOW)

    const twice = suspendClub(once, new Date(NOW.getTime() + 1000))

    expect(twice).toBe(once)
    expect(twice.resumeState).toBe('grace')
  })
})

describe('endClubSuspension', () => {
  it.each(ALL_CLUB_STATES.filter((state) => state !== 'suspended'))(
    'puts a membership suspended from %s back where it was',
    (state) => {
      const club = aClub('suspended', { resumeState: state })

      const resumed = endClubSuspension(club, NOW)

      expect(resumed).toEqual({
        ...club,
        state,
        since: AT,
        resumeState: null,
        version: club.version + 1,
      })
    },
  )

  it('puts a suspension without a remembered state back to none', () => {
    const resumed = endClubSuspension(aClub('suspended', { resumeState: null }), NOW)

    expect(resumed).toMatchObject({ state: 'none', resumeState: null })
  })

  it.each(ALL_CLUB_STATES.filter((state) => state !== 'suspended'))(
    'leaves a %s membership, which is not suspended, as it is',
    (state) => {
      const club = aClub(state)

      const result = endClubSuspension(club, NOW)

      expect(result).toBe(club)
    },
  )

  it.each(ALL_CLUB_STATES.filter((state) => state !== 'suspended' && state !== 'cancelled'))(
    'restores a %s membership with its details after a suspension and its end',
    (state) => {
      const club = aClub(state, { graceYear: state === 'grace' ? 2027 : null })
      const suspended = suspendClub(club, NOW)

      const resumed = endClubSuspension(suspended, new Date('2027-04-15T02:00:00.000Z'))

      expect(resumed).toEqual({
        ...club,
        since: '2027-04-15T02:00:00.000Z',
        version: club.version + 2,
      })
    },
  )
})

describe('cancelClub', () => {
  it.each(ALL_CLUB_STATES.filter((state) => state !== 'cancelled'))(
    'ends a %s membership for good with the platform account',
    (state) => {
      const club = aClub(state, { graceYear: state === 'grace' ? 2027 : null })

      const cancelled = cancelClub(club, NOW)

      expect(cancelled).toEqual({
        ...club,
        state: 'cancelled',
        since: AT,
        resumeState: null,
        graceYear: null,
        version: club.version + 1,
      })
    },
  )

  it('leaves a cancelled membership as it is', () => {
    const club = aClub('cancelled')

    const result = cancelClub(club, NOW)

    expect(result).toBe(club)
  })

  it('cannot be undone by the end of a suspension', () => {
    const cancelled = cancelClub(suspendClub(aClub('active'), NOW), NOW)

    const result = endClubSuspension(cancelled, NOW)

    expect(result).toMatchObject({ state: 'cancelled', resumeState: null })
  })
})

describe('graceEndsOn', () => {
  it('gives the last day of the grace year, when the next adjustment decides', () => {
    const ends = graceEndsOn(aClub('grace', { graceYear: 2027 }))

    expect(ends).toBe('2027-12-31')
  })

  it('is null for a grace without a year', () => {
    expect(graceEndsOn(aClub('grace', { graceYear: null }))).toBeNull()
  })

  it.each(ALL_CLUB_STATES.filter((state) => state !== 'grace'))(
    'is null for a %s membership, even one that kept a grace year',
    (state) => {
      expect(graceEndsOn(aClub(state, { graceYear: 2027 }))).toBeNull()
    },
  )

  it('is null without a club record', () => {
    expect(graceEndsOn(null)).toBeNull()
  })
})
