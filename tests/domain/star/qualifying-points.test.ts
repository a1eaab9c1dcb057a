import { ENTRY_LABELS, type EntryLabel, type EntryType } from '@/domain/points/points'
import { qualifyingPoints, type StarLedgerEntry } from '@/domain/star/qualifying-points'

const entry = (
  type: EntryType,
  label: EntryLabel,
  points: number,
  at = '2026-06-15T02:00:00.000Z',
): StarLedgerEntry => ({ type, label, points, at })

describe('qualifyingPoints', () => {
  it('is 0 for a year without entries', () => {
    const points = qualifyingPoints([])

    expect(points).toBe(0)
  })

  it('adds up everything earned in the year', () => {
    const entries = [
      entry('earn', 'purchase', 1280),
      entry('earn', 'event', 200),
      entry('earn', 'birthday', 256),
      entry('earn', 'referral', 100),
    ]

    const points = qualifyingPoints(entries)

    expect(points).toBe(1836)
  })

  it.each(ENTRY_LABELS)('counts an earning labelled %s', (label) => {
    const points = qualifyingPoints([entry('earn', label, 300)])

    expect(points).toBe(300)
  })

  it.each(['purchase', 'event', 'birthday', 'referral'] as const)(
    'subtracts an admin’s reversal of a wrong %s earning',
    (label) => {
      const entries = [entry('earn', label, 500), entry('earn', 'purchase', 2000)]
      const reversal = entry('reverse', label, -500, '2026-06-20T02:00:00.000Z')

      const points = qualifyingPoints([...entries, reversal])

      expect(points).toBe(2000)
    },
  )

  it('never lowers a star for redemptions: points spent still count as earned', () => {
    const entries = [
      entry('earn', 'purchase', 3200),
      entry('redeem', 'reward', -1500),
      entry('redeem', 'reward', -1500),
    ]

    const points = qualifyingPoints(entries)

    expect(points).toBe(3200)
  })

  it('never lowers a star for expiry', () => {
    const entries = [entry('earn', 'purchase', 3200), entry('expire', 'expiry', -800)]

    const points = qualifyingPoints(entries)

    expect(points).toBe(3200)
  })

  it.each([
    ['a credit', 5000],
    ['a debit', -700],
  ])('ignores %s of a manual correction, which never changes a star', (_what, amount) => {
    const entries = [entry('earn', 'purchase', 1200), entry('adjust', 'correction', amount)]

    const points = qualifyingPoints(entries)

    expect(points).toBe(1200)
  })

  it('ignores the reversal of a redemption, which puts points back but earns nothing', () => {
    const entries = [
      entry('earn', 'purchase', 2000),
      entry('redeem', 'reward', -1500),
      entry('reverse', 'reward', 1500),
    ]

    const points = qualifyingPoints(entries)

    expect(points).toBe(2000)
  })

  it.each(['purchase', 'event', 'birthday', 'referral', 'reward', 'correction'] as const)(
    'ignores a positive reversal labelled %s',
    (label) => {
      const entries = [entry('earn', 'purchase', 2000), entry('reverse', label, 400)]

      const points = qualifyingPoints(entries)

      expect(points).toBe(2000)
    },
  )

  it('ignores the reversal of a manual credit, which never counted in the first place', () => {
    const entries = [
      entry('earn', 'purchase', 2000),
      entry('adjust', 'correction', 600),
      entry('reverse', 'correction', -600),
    ]

    const points = qualifyingPoints(entries)

    expect(points).toBe(2000)
  })

  it.each(['reward', 'correction', 'expiry'] as const)(
    'ignores a negative reversal labelled %s, which takes back no earning',
    (label) => {
      const entries = [entry('earn', 'purchase', 2000), entry('reverse', label, -300)]

      const points = qualifyingPoints(entries)

      expect(points).toBe(2000)
    },
  )

  it('counts a reversal in the year it happened: on its own it takes the total down', () => {
    const januaryReversal = entry('reverse', 'purchase', -900, '2027-01-05T02:00:00.000Z')

    const points = qualifyingPoints([entry('earn', 'event', 300), januaryReversal])

    expect(points).toBe(0)
  })

  it('never goes below 0', () => {
    const points = qualifyingPoints([entry('reverse', 'purchase', -1200)])

    expect(points).toBe(0)
  })

  it('does not depend on the order of the entries', () => {
    const entries = [
      entry('reverse', 'purchase', -1000),
      entry('earn', 'purchase', 2500),
      entry('redeem', 'reward', -1500),
      entry('earn', 'event', 1500),
    ]

    const points = qualifyingPoints(entries)

    expect(points).toBe(3000)
    expect(qualifyingPoints([...entries].reverse())).toBe(3000)
  })
})
