import {
  addDays,
  appealSanction,
  canAppeal,
  decideAppeal,
  endSuspension,
  issueSanction,
  MAX_SUSPENSION_DAYS,
  overturnEffect,
  statusOnReinstatement,
  suspendedUntil,
  suspensionInForce,
  suspensionOver,
  type Appeal,
  type Sanction,
  type SanctionDraft,
  type SanctionKind,
} from '@/domain/discipline/sanction'
import type { MemberStatus } from '@/domain/member/member'

/** 2027-03-15 14:30 in Shanghai. */
const NOW = new Date('2027-03-15T06:30:00.000Z')
/** 2027-03-16 00:30 in Shanghai, still 2027-03-15 in UTC. */
const JUST_AFTER_SHANGHAI_MIDNIGHT = new Date('2027-03-15T16:30:00.000Z')
const LATER = new Date('2027-03-20T02:00:00.000Z')

const aDraft = (overrides: Partial<SanctionDraft> = {}): SanctionDraft => ({
  id: 'sn-1',
  memberId: 'm-1',
  kind: 'warning',
  reason: '多次在活动现场大声喧哗',
  endsOn: null,
  issuedBy: 'staff-admin',
  ...overrides,
})

const aSanction = (overrides: Partial<Sanction> = {}): Sanction => ({
  id: 'sn-1',
  memberId: 'm-1',
  kind: 'suspension',
  reason: '转卖兑换券',
  endsOn: '2027-04-10',
  issuedBy: 'staff-admin',
  issuedAt: '2027-03-15T06:30:00.000Z',
  state: 'in_force',
  appeal: null,
  version: 1,
  ...overrides,
})

const anAppeal = (overrides: Partial<Appeal> = {}): Appeal => ({
  text: '兑换券是转送亲属，并非转卖',
  filedAt: '2027-03-16T02:00:00.000Z',
  decision: null,
  note: null,
  decidedBy: null,
  decidedAt: null,
  ...overrides,
})

describe('issueSanction', () => {
  it('records a warning in force, with no end date, issued now by the admin', () => {
    const result = issueSanction(aDraft(), 'active', NOW)

    expect(result).toEqual({
      ok: true,
      data: {
        id: 'sn-1',
        memberId: 'm-1',
        kind: 'warning',
        reason: '多次在活动现场大声喧哗',
        endsOn: null,
        issuedBy: 'staff-admin',
        issuedAt: '2027-03-15T06:30:00.000Z',
        state: 'in_force',
        appeal: null,
        version: 1,
      },
    })
  })

  it.each<[SanctionKind, MemberStatus, boolean]>([
    ['warning', 'active', true],
    ['suspension', 'active', true],
    ['cancellation', 'active', true],
    ['warning', 'suspended', false],
    ['suspension', 'suspended', false],
    ['cancellation', 'suspended', true],
    ...(['pending', 'rejected', 'cancelled', 'withdrawn'] as const).flatMap((status) =>
      (['warning', 'suspension', 'cancellation'] as const).map(
        (kind): [SanctionKind, MemberStatus, boolean] => [kind, status, false],
      ),
    ),
  ])('gives a %s to a member who is %s: %s', (kind, status, allowed) => {
    const endsOn = kind === 'suspension' ? '2027-04-10' : null

    const result = issueSanction(aDraft({ kind, endsOn }), status, NOW)

    expect(result.ok).toBe(allowed)
    if (!allowed) expect(result).toMatchObject({ error: { code: 'DISCIPLINE.MEMBER_NOT_ACTIVE' } })
  })

  it.each([
    ['4 characters', '乱扔垃圾', false],
    ['5 characters', '多次迟到了', true],
    ['200 characters', '违'.repeat(200), true],
    ['201 characters', '违'.repeat(201), false],
    ['4 characters padded with spaces', '   乱扔垃圾   ', false],
  ])('needs a reason of 5–200 characters: %s', (_case, reason, allowed) => {
    const result = issueSanction(aDraft({ reason }), 'active', NOW)

    expect(result.ok).toBe(allowed)
    if (!allowed) {
      expect(result).toMatchObject({
        error: { code: 'INPUT.INVALID', fields: { reason: '处分原因为5–200个字' } },
      })
    }
  })

  it('keeps the reason without the spaces around it', () => {
    const result = issueSanction(aDraft({ reason: '  多次在活动现场大声喧哗 \n' }), 'active', NOW)

    expect(result).toMatchObject({ ok: true, data: { reason: '多次在活动现场大声喧哗' } })
  })

  it.each([
    ['no end date', null, NOW, false],
    ['today', '2027-03-15', NOW, false],
    ['yesterday', '2027-03-14', NOW, false],
    ['tomorrow', '2027-03-16', NOW, true],
    [`${MAX_SUSPENSION_DAYS} days ahead`, '2028-03-14', NOW, true],
    [`${MAX_SUSPENSION_DAYS + 1} days ahead`, '2028-03-15', NOW, false],
    ['a date that does not exist', '2027-02-30', NOW, false],
    ['a date in another format', '2027/04/10', NOW, false],
    [
      "the Shanghai day that has begun while UTC's has not",
      '2027-03-16',
      JUST_AFTER_SHANGHAI_MIDNIGHT,
      false,
    ],
    ['the Shanghai day after', '2027-03-17', JUST_AFTER_SHANGHAI_MIDNIGHT, true],
  ] as const)(
    'needs a suspension to end after today (Shanghai) and within a year: %s',
    (_case, endsOn, now, allowed) => {
      const result = issueSanction(aDraft({ kind: 'suspension', endsOn }), 'active', now)

      expect(result.ok).toBe(allowed)
      if (allowed) expect(result).toMatchObject({ data: { endsOn } })
      else {
        expect(result).toMatchObject({
          error: {
            code: 'DISCIPLINE.END_DATE_INVALID',
            fields: { endsOn: expect.stringMatching(/365/) },
          },
        })
      }
    },
  )

  it.each(['warning', 'cancellation'] as const)(
    'gives a %s no end date, whatever was sent',
    (kind) => {
      const result = issueSanction(aDraft({ kind, endsOn: '2027-04-10' }), 'active', NOW)

      expect(result).toMatchObject({ ok: true, data: { kind, endsOn: null } })
    },
  )
})

describe('suspensionOver', () => {
  it.each([
    ['on the morning of its last day', '2027-04-10T00:00:00.000Z', false],
    [
      'one millisecond before midnight of its last day (Shanghai)',
      '2027-04-10T15:59:59.999Z',
      false,
    ],
    ['at 00:00 Shanghai of the day after', '2027-04-10T16:00:00.000Z', true],
    [
      'the UTC day of its last day, already the next day in Shanghai',
      '2027-04-10T20:00:00.000Z',
      true,
    ],
    ['a day later', '2027-04-12T02:00:00.000Z', true],
    ['the day before its last day', '2027-04-09T16:00:00.000Z', false],
  ])('is over %s: %s', (_case, at, over) => {
    const result = suspensionOver(aSanction({ endsOn: '2027-04-10' }), new Date(at))

    expect(result).toBe(over)
  })

  it.each(['warning', 'cancellation'] as const)('is never true of a %s', (kind) => {
    const result = suspensionOver(aSanction({ kind, endsOn: null }), LATER)

    expect(result).toBe(false)
  })
})

describe('endSuspension', () => {
  const over = new Date('2027-04-10T16:00:00.000Z')

  it('ends a suspension in force once its last day has passed, as the next version', () => {
    const sanction = aSanction()

    const ended = endSuspension(sanction, over)

    expect(ended).toEqual({ ...sanction, state: 'ended', version: 2 })
  })

  it('leaves a suspension alone on its last day', () => {
    const ended = endSuspension(aSanction(), new Date('2027-04-10T15:59:59.999Z'))

    expect(ended).toBeNull()
  })

  it.each(['ended', 'overturned'] as const)('has nothing to end in a suspension %s', (state) => {
    const ended = endSuspension(aSanction({ state }), over)

    expect(ended).toBeNull()
  })

  it.each(['warning', 'cancellation'] as const)('never ends a %s', (kind) => {
    const ended = endSuspension(aSanction({ kind, endsOn: null }), over)

    expect(ended).toBeNull()
  })
})

describe('appealSanction', () => {
  const filed = new Date('2027-03-16T02:00:00.000Z')

  it('records the member’s appeal on their own sanction, undecided, as the next version', () => {
    const sanction = aSanction()

    const result = appealSanction(sanction, 'm-1', '  兑换券是转送亲属，并非转卖 ', filed)

    expect(result).toEqual({ ok: true, data: { ...sanction, appeal: anAppeal(), version: 2 } })
  })

  it('refuses an appeal on another member’s sanction as forbidden', () => {
    const result = appealSanction(aSanction(), 'm-2', '兑换券是转送亲属，并非转卖', filed)

    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })

  it('allows one appeal per sanction, decided or not', () => {
    const pending = aSanction({ appeal: anAppeal() })
    const upheld = aSanction({ appeal: anAppeal({ decision: 'upheld', note: '证据充分' }) })

    const results = [pending, upheld].map((s) =>
      appealSanction(s, 'm-1', '我要再次申诉一下', filed),
    )

    for (const result of results) {
      expect(result).toMatchObject({ ok: false, error: { code: 'DISCIPLINE.ALREADY_APPEALED' } })
    }
  })

  it('refuses an appeal of a sanction already overturned', () => {
    const result = appealSanction(
      aSanction({ state: 'overturned' }),
      'm-1',
      '我要申诉这个处分',
      filed,
    )

    expect(result).toMatchObject({ ok: false, error: { code: 'DISCIPLINE.NOT_APPEALABLE' } })
  })

  it('lets a member appeal a suspension that has already ended, to clear the record', () => {
    const result = appealSanction(aSanction({ state: 'ended' }), 'm-1', '我要申诉这个处分', filed)

    expect(result).toMatchObject({ ok: true, data: { state: 'ended', appeal: { decision: null } } })
  })

  it.each([
    ['4 characters', '不服处分', false],
    ['5 characters', '我不服处分', true],
    ['500 characters', '冤'.repeat(500), true],
    ['501 characters', '冤'.repeat(501), false],
  ])('needs an appeal text of 5–500 characters: %s', (_case, text, allowed) => {
    const result = appealSanction(aSanction(), 'm-1', text, filed)

    expect(result.ok).toBe(allowed)
    if (!allowed) {
      expect(result).toMatchObject({
        error: { code: 'INPUT.INVALID', fields: { text: '申诉内容为5–500个字' } },
      })
    }
  })
})

describe('decideAppeal', () => {
  const decidedAt = new Date('2027-03-18T03:00:00.000Z')
  const appealed = aSanction({ appeal: anAppeal(), version: 2 })

  it('upholds a sanction: it stays as it is, with the decision, the note, who and when', () => {
    const result = decideAppeal(
      appealed,
      { decision: 'upheld', note: ' 证据充分，维持原处分 ', adminId: 'staff-a2' },
      decidedAt,
    )

    expect(result).toEqual({
      ok: true,
      data: {
        ...appealed,
        appeal: anAppeal({
          decision: 'upheld',
          note: '证据充分，维持原处分',
          decidedBy: 'staff-a2',
          decidedAt: '2027-03-18T03:00:00.000Z',
        }),
        version: 3,
      },
    })
  })

  it.each(['in_force', 'ended'] as const)(
    'overturns a sanction %s: it is marked overturned',
    (state) => {
      const result = decideAppeal(
        { ...appealed, state },
        { decision: 'overturned', note: '核实为误判', adminId: 'staff-a2' },
        decidedAt,
      )

      expect(result).toMatchObject({
        ok: true,
        data: { state: 'overturned', appeal: { decision: 'overturned', note: '核实为误判' } },
      })
    },
  )

  it('refuses a decision when nothing was appealed', () => {
    const result = decideAppeal(
      aSanction(),
      { decision: 'overturned', note: '核实为误判', adminId: 'staff-a2' },
      decidedAt,
    )

    expect(result).toMatchObject({ ok: false, error: { code: 'DISCIPLINE.NO_APPEAL' } })
  })

  it.each(['upheld', 'overturned'] as const)(
    'decides once, finally: a decision after %s is refused',
    (first) => {
      const decided = decideAppeal(
        appealed,
        { decision: first, note: '第一次裁决', adminId: 'staff-a2' },
        decidedAt,
      )

      const second =
        decided.ok &&
        decideAppeal(
          decided.data,
          { decision: 'overturned', note: '改判', adminId: 'staff-a3' },
          decidedAt,
        )

      expect(second).toMatchObject({ ok: false, error: { code: 'DISCIPLINE.APPEAL_DECIDED' } })
    },
  )

  it.each([
    ['1 character', '准', false],
    ['2 characters', '属实', true],
    ['200 characters', '查'.repeat(200), true],
    ['201 characters', '查'.repeat(201), false],
  ])('needs a note of 2–200 characters: %s', (_case, note, allowed) => {
    const result = decideAppeal(
      appealed,
      { decision: 'upheld', note, adminId: 'staff-a2' },
      decidedAt,
    )

    expect(result.ok).toBe(allowed)
    if (!allowed) {
      expect(result).toMatchObject({
        error: { code: 'INPUT.INVALID', fields: { note: '裁决说明为2–200个字' } },
      })
    }
  })
})

describe('canAppeal', () => {
  it.each([
    ['a sanction in force, never appealed', true, aSanction()],
    ['an ended suspension, never appealed', true, aSanction({ state: 'ended' })],
    ['a sanction with a pending appeal', false, aSanction({ appeal: anAppeal() })],
    ['an overturned sanction', false, aSanction({ state: 'overturned' })],
  ])('%s: may be appealed %s', (_case, allowed, sanction) => {
    expect(canAppeal(sanction)).toBe(allowed)
  })
})

describe('overturnEffect', () => {
  const cancellation = { kind: 'cancellation', endsOn: null } as const
  it.each<[string, MemberStatus, string, Partial<Sanction>]>([
    ['a suspension in force', 'suspended', 'lift-suspension', {}],
    ['a suspension in force, the member cancelled since', 'cancelled', 'none', {}],
    ['a suspension that already ended', 'active', 'none', { state: 'ended' }],
    ['a cancellation', 'cancelled', 'reinstate', cancellation],
    ['a cancellation, the member withdrawn since', 'withdrawn', 'none', cancellation],
    ['a warning', 'active', 'none', { kind: 'warning', endsOn: null }],
  ])('overturning %s (member %s) undoes: %s', (_case, status, effect, overrides) => {
    expect(overturnEffect(aSanction(overrides), status)).toBe(effect)
  })
})

describe('suspensionInForce and statusOnReinstatement', () => {
  const warning = aSanction({ id: 'sn-w', kind: 'warning', endsOn: null })
  const running = aSanction({ id: 'sn-s', endsOn: '2027-04-10' })

  it('finds the suspension still being served, and reinstates into it', () => {
    const sanctions = [warning, running]

    expect(suspensionInForce(sanctions, LATER)).toBe(running)
    expect(statusOnReinstatement(sanctions, LATER)).toBe('suspended')
  })

  it('reinstates an account as active when no suspension runs any more', () => {
    const past = new Date('2027-04-11T00:00:00.000Z')
    const cases = [
      [warning],
      [warning, { ...running, state: 'overturned' as const }],
      [warning, running],
    ]

    const statuses = cases.map((sanctions, i) =>
      statusOnReinstatement(sanctions, i < 2 ? LATER : past),
    )

    expect(statuses).toEqual(['active', 'active', 'active'])
  })

  it('shows a member as suspended until the last day of the suspension in force, even after it (until the job runs)', () => {
    expect(suspendedUntil([warning, running])).toBe('2027-04-10')
    expect(suspendedUntil([warning, { ...running, state: 'ended' }])).toBeNull()
  })
})

describe('addDays', () => {
  it.each([
    ['2027-03-15', 1, '2027-03-16'],
    ['2027-12-31', 1, '2028-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-03-15', 365, '2028-03-14'],
  ])('%s + %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected)
  })
})
