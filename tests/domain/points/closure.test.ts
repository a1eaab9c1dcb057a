import { adjustAccount, reverseOnAccount } from '@/domain/points/adjustment'
import { clearBalance, closePointsAccount, reopenPointsAccount } from '@/domain/points/closure'
import { stillOpen } from '@/domain/points/lots'
import { emptyAccount, type LedgerEntry } from '@/domain/points/points'
import { anAccount } from './builders'

const CLOSED_AT = new Date('2026-11-23T02:00:00.000Z')

/** Two lots, January and March 2026 (100 and 300 points). */
const twoLots = () =>
  anAccount(
    ['lot-jan', 100, '2026-01-10T02:00:00.000Z'],
    ['lot-mar', 300, '2026-03-10T02:00:00.000Z'],
  )

/** The closure entry as the store files it: the takes and points `closePointsAccount` gave. */
function closureEntry(closing: ReturnType<typeof closePointsAccount>): LedgerEntry {
  return {
    id: 'closure-1',
    memberId: 'm-1',
    type: 'adjust',
    label: 'closure',
    points: closing.points,
    reference: 'closure:m-1',
    actorId: 'staff-1',
    requestId: null,
    at: CLOSED_AT.toISOString(),
    takes: closing.takes,
    lotId: null,
    note: null,
  }
}

describe('closePointsAccount', () => {
  it('clears the whole balance, oldest lots first, and marks the account closed', () => {
    const account = twoLots()

    const closing = closePointsAccount(account, CLOSED_AT)

    expect(closing.points).toBe(-400)
    expect(closing.takes.map((t) => [t.lotId, t.points])).toEqual([
      ['lot-jan', 100],
      ['lot-mar', 300],
    ])
    expect(closing.account).toMatchObject({
      balance: 0,
      lots: [],
      closedAt: '2026-11-23T02:00:00.000Z',
      version: account.version + 1,
    })
  })

  it('closes an account with nothing on it too, as a new version, with no points to clear', () => {
    const closing = closePointsAccount(emptyAccount('m-1'), CLOSED_AT)

    expect(closing).toEqual({
      account: { ...emptyAccount('m-1'), version: 1, closedAt: '2026-11-23T02:00:00.000Z' },
      takes: [],
      points: 0,
    })
  })

  it('clears as clearBalance does', () => {
    const account = twoLots()

    const { account: closed, ...cleared } = closePointsAccount(account, CLOSED_AT)

    const { account: emptied, ...expected } = clearBalance(account)!
    expect(cleared).toEqual(expected)
    expect({ ...closed, closedAt: undefined }).toEqual({ ...emptied, closedAt: undefined })
  })
})

describe('a closed account', () => {
  const closed = () => closePointsAccount(twoLots(), CLOSED_AT).account

  it('is not open for points', () => {
    expect(stillOpen(twoLots()).ok).toBe(true)

    expect(stillOpen(closed())).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'POINTS.MEMBER_NOT_ACTIVE' }),
    })
  })

  it("takes no admin's credit", () => {
    const credit = adjustAccount(closed(), { points: 50, lotId: 'adj-1', now: CLOSED_AT })

    expect(credit).toMatchObject({ ok: false, error: { code: 'POINTS.MEMBER_NOT_ACTIVE' } })
  })

  it('gets no spend back by a reversal', () => {
    const spend: LedgerEntry = {
      ...closureEntry(closePointsAccount(twoLots(), CLOSED_AT)),
      id: 'redeem-1',
      type: 'redeem',
      label: 'reward',
    }

    expect(reverseOnAccount(closed(), spend)).toMatchObject({
      ok: false,
      error: { code: 'POINTS.MEMBER_NOT_ACTIVE' },
    })
  })
})

describe('reopenPointsAccount', () => {
  it('opens the account again and puts back what the closure took, into the lots it came from', () => {
    const closing = closePointsAccount(twoLots(), CLOSED_AT)

    const reopened = reopenPointsAccount(closing.account, closureEntry(closing))

    expect(reopened.ok).toBe(true)
    if (!reopened.ok) return
    expect(reopened.data.account.closedAt).toBeUndefined()
    expect(reopened.data.account.balance).toBe(400)
    expect(reopened.data.account.lots).toEqual(twoLots().lots)
    expect(reopened.data.account.version).toBe(closing.account.version + 1)
  })

  it('opens an account the closure took nothing from, as a new version', () => {
    const closing = closePointsAccount(emptyAccount('m-1'), CLOSED_AT)

    const reopened = reopenPointsAccount(closing.account, null)

    expect(reopened).toEqual({
      ok: true,
      data: { account: { ...emptyAccount('m-1'), version: 2 }, takes: [], lotId: null },
    })
    expect(stillOpen(reopened.ok ? reopened.data.account : closing.account).ok).toBe(true)
  })
})
