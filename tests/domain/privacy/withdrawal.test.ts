import {
  cancelWithdrawal,
  confirmWithdrawal,
  isClosedAccount,
  isWithdrawalOverdue,
  requestWithdrawal,
  WITHDRAWAL_WORKING_DAYS,
  withdrawalDueOn,
  type Withdrawal,
} from '@/domain/privacy/withdrawal'
import type { MemberStatus } from '@/domain/member/member'

// 2026-11-23 is a Monday in Shanghai.
const MONDAY_10AM = new Date('2026-11-23T02:00:00.000Z')

function aRequest(overrides: Partial<Parameters<typeof requestWithdrawal>[0]> = {}) {
  return requestWithdrawal({
    id: 'wd-m-1-1',
    memberId: 'm-1',
    memberStatus: 'active',
    open: null,
    reason: '不再经营',
    now: MONDAY_10AM,
    ...overrides,
  })
}

function anOpenRequest(overrides: Partial<Withdrawal> = {}): Withdrawal {
  const made = aRequest()
  if (!made.ok) throw new Error('not made')
  return { ...made.data, ...overrides }
}

describe('withdrawalDueOn', () => {
  it('gives staff 5 working days', () => {
    expect(WITHDRAWAL_WORKING_DAYS).toBe(5)
  })

  it.each([
    ['a Monday morning', '2026-11-23T02:00:00.000Z', '2026-11-30'],
    ['a Wednesday', '2026-11-25T09:00:00.000Z', '2026-12-02'],
    ['a Friday, across the weekend', '2026-11-27T02:00:00.000Z', '2026-12-04'],
    ['a Saturday, which counts from the Monday after', '2026-11-28T02:00:00.000Z', '2026-12-04'],
    ['a Sunday', '2026-11-29T02:00:00.000Z', '2026-12-04'],
    ['the last day of the year', '2026-12-31T02:00:00.000Z', '2027-01-07'],
  ])('is 5 working days (Mon–Fri) after a request on %s', (_when, at, due) => {
    expect(withdrawalDueOn(new Date(at))).toBe(due)
  })

  it("counts from the Shanghai day: Friday 23:30 in Shanghai is still Friday's request", () => {
    // 2026-11-27T15:30Z is Friday 23:30 in Shanghai (Friday 15:30 in UTC too).
    expect(withdrawalDueOn(new Date('2026-11-27T15:30:00.000Z'))).toBe('2026-12-04')
  })

  it('counts from the Shanghai day: Friday 00:30 in Shanghai is Thursday in UTC', () => {
    // 2026-11-26T16:30Z is Friday 00:30 in Shanghai.
    expect(withdrawalDueOn(new Date('2026-11-26T16:30:00.000Z'))).toBe('2026-12-04')
  })
})

describe('requestWithdrawal', () => {
  it('opens a request due 5 working days later, keeping the reason', () => {
    const made = aRequest()

    expect(made).toEqual({
      ok: true,
      data: {
        id: 'wd-m-1-1',
        memberId: 'm-1',
        reason: '不再经营',
        requestedAt: MONDAY_10AM.toISOString(),
        dueOn: '2026-11-30',
        status: 'requested',
        confirmedBy: null,
        confirmedAt: null,
        cancelledAt: null,
        version: 1,
      },
    })
  })

  it.each<MemberStatus>(['pending', 'active', 'rejected', 'suspended', 'cancelled'])(
    'is open to a %s account',
    (memberStatus) => {
      expect(aRequest({ memberStatus }).ok).toBe(true)
    },
  )

  it('refuses an account already withdrawn', () => {
    expect(aRequest({ memberStatus: 'withdrawn' })).toMatchObject({
      ok: false,
      error: { code: 'PRIVACY.ACCOUNT_CLOSED' },
    })
  })

  it('allows one open request per member', () => {
    expect(aRequest({ open: anOpenRequest() })).toMatchObject({
      ok: false,
      error: { code: 'PRIVACY.WITHDRAWAL_PENDING' },
    })
  })
})

describe('cancelWithdrawal', () => {
  const later = new Date('2026-11-24T02:00:00.000Z')

  it('takes back an open request', () => {
    const cancelled = cancelWithdrawal(anOpenRequest(), later)

    expect(cancelled).toMatchObject({
      ok: true,
      data: { status: 'cancelled', cancelledAt: later.toISOString(), version: 2 },
    })
  })

  it('has nothing to take back without a request', () => {
    expect(cancelWithdrawal(null, later)).toMatchObject({
      ok: false,
      error: { code: 'PRIVACY.WITHDRAWAL_NOT_FOUND' },
    })
  })

  it.each(['confirmed', 'cancelled'] as const)('cannot take back a %s request', (status) => {
    expect(cancelWithdrawal(anOpenRequest({ status }), later)).toMatchObject({
      ok: false,
      error: { code: 'PRIVACY.WITHDRAWAL_CLOSED' },
    })
  })
})

describe('confirmWithdrawal', () => {
  const later = new Date('2026-11-25T02:00:00.000Z')

  it("confirms an open request and drops the member's reason", () => {
    const confirmed = confirmWithdrawal(anOpenRequest(), 'staff-1', later)

    expect(confirmed).toMatchObject({
      ok: true,
      data: {
        status: 'confirmed',
        reason: null,
        confirmedBy: 'staff-1',
        confirmedAt: later.toISOString(),
        version: 2,
      },
    })
  })

  it('confirms after the due date too', () => {
    expect(confirmWithdrawal(anOpenRequest(), 's', new Date('2027-01-10T02:00:00Z')).ok).toBe(true)
  })

  it('refuses an unknown request', () => {
    expect(confirmWithdrawal(null, 'staff-1', later)).toMatchObject({
      ok: false,
      error: { code: 'PRIVACY.WITHDRAWAL_NOT_FOUND' },
    })
  })

  it.each(['confirmed', 'cancelled'] as const)('refuses a %s request', (status) => {
    expect(confirmWithdrawal(anOpenRequest({ status }), 'staff-1', later)).toMatchObject({
      ok: false,
      error: { code: 'PRIVACY.WITHDRAWAL_CLOSED' },
    })
  })
})

describe('isWithdrawalOverdue', () => {
  const open = anOpenRequest() // due 2026-11-30

  it.each([
    ['on its due date, late in the Shanghai evening', '2026-11-30T15:59:59.999Z', false],
    ['the next Shanghai day', '2026-11-30T16:00:00.000Z', true],
    ['before its due date', '2026-11-27T02:00:00.000Z', false],
  ])('is %s: %p', (_when, at, overdue) => {
    expect(isWithdrawalOverdue(open, new Date(at))).toBe(overdue)
  })

  it('is never overdue once handled', () => {
    const late = new Date('2027-01-10T02:00:00.000Z')

    expect(isWithdrawalOverdue({ ...open, status: 'confirmed' }, late)).toBe(false)
    expect(isWithdrawalOverdue({ ...open, status: 'cancelled' }, late)).toBe(false)
  })
})

describe('isClosedAccount', () => {
  it.each<[MemberStatus, boolean]>([
    ['pending', false],
    ['active', false],
    ['rejected', false],
    ['suspended', false],
    ['cancelled', true],
    ['withdrawn', true],
  ])('%s → %p', (status, closed) => {
    expect(isClosedAccount(status)).toBe(closed)
  })
})
