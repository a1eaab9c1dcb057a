import {
  earnLot,
  expireDueLots,
  expiringWithin,
  LOT_LIFETIME_MONTHS,
  lotExpiry,
  restoreTakes,
  takeOldestFirst,
} from '@/domain/points/lots'
import { emptyAccount, type PointsAccount } from '@/domain/points/points'
import { anAccount } from './builders'

const sumOfLots = (account: PointsAccount) =>
  account.lots.reduce((sum, lot) => sum + lot.remaining, 0)

/** Unwraps a successful take, failing the test with the error otherwise. */
function taken(result: ReturnType<typeof takeOldestFirst>) {
  if (!result.ok) throw new Error(JSON.stringify(result.error))
  return result.data
}

/** Three lots earned in January, February and March 2026 (100, 200 and 300 points). */
const threeLots = () =>
  anAccount(
    ['lot-jan', 100, '2026-01-10T02:00:00.000Z'],
    ['lot-feb', 200, '2026-02-10T02:00:00.000Z'],
    ['lot-mar', 300, '2026-03-10T02:00:00.000Z'],
  )

describe('lotExpiry', () => {
  it('gives every lot a lifetime of 12 months', () => {
    expect(LOT_LIFETIME_MONTHS).toBe(12)
  })

  it.each([
    ['2026-06-15T08:00:00.000Z', '2027-06-15T08:00:00.000Z', 'an ordinary day'],
    ['2026-01-31T02:00:00.000Z', '2027-01-31T02:00:00.000Z', 'the last day of a month'],
    ['2028-02-29T02:00:00.000Z', '2029-02-28T02:00:00.000Z', 'a leap day: 28 Feb next year'],
    ['2028-02-28T16:30:00.000Z', '2029-02-27T16:30:00.000Z', '29 Feb 00:30 in Shanghai'],
    ['2027-02-28T16:30:00.000Z', '2028-02-29T16:30:00.000Z', '1 Mar 00:30 in Shanghai'],
    ['2026-12-31T16:00:00.000Z', '2027-12-31T16:00:00.000Z', 'New Year 00:00 in Shanghai'],
    ['2026-03-31T17:00:00.000Z', '2027-03-31T17:00:00.000Z', '1 Apr 01:00 in Shanghai'],
  ])(
    'lets a lot earned at %s expire at %s, the same Shanghai wall-clock time 12 months on (%s)',
    (earnedAt, expected) => {
      const now = new Date(earnedAt)

      const expiry = lotExpiry(now)

      expect(expiry).toBe(expected)
    },
  )
})

describe('earnLot', () => {
  it('adds a lot of the earned points that expires 12 months later', () => {
    const account = emptyAccount('m-1')

    const after = earnLot(account, {
      id: 'lot-1',
      points: 128,
      now: new Date('2026-01-31T02:00:00.000Z'),
    })

    expect(after).toEqual({
      memberId: 'm-1',
      balance: 128,
      lots: [
        {
          id: 'lot-1',
          earnedAt: '2026-01-31T02:00:00.000Z',
          expiresAt: '2027-01-31T02:00:00.000Z',
          remaining: 128,
        },
      ],
      version: 1,
    })
  })

  it('keeps the balance equal to the sum of the open lots', () => {
    const account = threeLots()

    const after = earnLot(account, {
      id: 'lot-apr',
      points: 45,
      now: new Date('2026-04-10T02:00:00.000Z'),
    })

    expect(after.balance).toBe(645)
    expect(after.balance).toBe(sumOfLots(after))
    expect(after.lots.map((l) => l.id)).toEqual(['lot-jan', 'lot-feb', 'lot-mar', 'lot-apr'])
  })

  it('keeps the lots oldest first even when an older lot is recorded later', () => {
    const account = anAccount(['lot-mar', 300, '2026-03-10T02:00:00.000Z'])

    const after = earnLot(account, {
      id: 'lot-jan',
      points: 100,
      now: new Date('2026-01-10T02:00:00.000Z'),
    })

    expect(after.lots.map((l) => l.id)).toEqual(['lot-jan', 'lot-mar'])
  })

  it('leaves the account it was given unchanged', () => {
    const account = threeLots()
    const before = structuredClone(account)

    earnLot(account, { id: 'lot-apr', points: 45, now: new Date('2026-04-10T02:00:00.000Z') })

    expect(account).toEqual(before)
  })

  it('increments the version on every earn', () => {
    const account = threeLots()

    const after = earnLot(account, {
      id: 'lot-apr',
      points: 1,
      now: new Date('2026-04-10T02:00:00.000Z'),
    })

    expect(account.version).toBe(3)
    expect(after.version).toBe(4)
  })

  it.each([0, -5, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses a lot of %p points: a lot holds a positive whole number of points',
    (points) => {
      const account = threeLots()

      const earn = () =>
        earnLot(account, { id: 'lot-x', points, now: new Date('2026-04-10T02:00:00.000Z') })

      expect(earn).toThrow(RangeError)
    },
  )
})

describe('takeOldestFirst', () => {
  it('consumes the oldest lots first and records the takes oldest first', () => {
    const account = threeLots()

    const { account: after, takes } = taken(takeOldestFirst(account, 150))

    expect(takes).toEqual([
      {
        lotId: 'lot-jan',
        earnedAt: '2026-01-10T02:00:00.000Z',
        expiresAt: '2027-01-10T02:00:00.000Z',
        points: 100,
      },
      {
        lotId: 'lot-feb',
        earnedAt: '2026-02-10T02:00:00.000Z',
        expiresAt: '2027-02-10T02:00:00.000Z',
        points: 50,
      },
    ])
    expect(after.lots.map((l) => [l.id, l.remaining])).toEqual([
      ['lot-feb', 150],
      ['lot-mar', 300],
    ])
    expect(after.balance).toBe(450)
  })

  it('partially consumes a lot, leaving the rest of it open with its expiry', () => {
    const account = threeLots()

    const { account: after, takes } = taken(takeOldestFirst(account, 40))

    expect(takes.map((t) => [t.lotId, t.points])).toEqual([['lot-jan', 40]])
    expect(after.lots[0]).toEqual({
      id: 'lot-jan',
      earnedAt: '2026-01-10T02:00:00.000Z',
      expiresAt: '2027-01-10T02:00:00.000Z',
      remaining: 60,
    })
    expect(after.balance).toBe(560)
  })

  it('drops a lot once it is emptied', () => {
    const account = threeLots()

    const { account: after } = taken(takeOldestFirst(account, 100))

    expect(after.lots.map((l) => l.id)).toEqual(['lot-feb', 'lot-mar'])
    expect(after.lots.every((l) => l.remaining > 0)).toBe(true)
  })

  it('orders lots earned at the same instant by id', () => {
    const account = anAccount(
      ['lot-b', 10, '2026-01-10T02:00:00.000Z'],
      ['lot-a', 10, '2026-01-10T02:00:00.000Z'],
      ['lot-0', 10, '2026-01-11T02:00:00.000Z'],
    )

    const { takes } = taken(takeOldestFirst(account, 15))

    expect(takes.map((t) => [t.lotId, t.points])).toEqual([
      ['lot-a', 10],
      ['lot-b', 5],
    ])
  })

  it('orders lots by when they were earned, not by when they were recorded', () => {
    const account = anAccount(
      ['lot-mar', 300, '2026-03-10T02:00:00.000Z'],
      ['lot-jan', 100, '2026-01-10T02:00:00.000Z'],
    )

    const { takes } = taken(takeOldestFirst(account, 120))

    expect(takes.map((t) => [t.lotId, t.points])).toEqual([
      ['lot-jan', 100],
      ['lot-mar', 20],
    ])
  })

  it('takes exactly the balance down to 0 with no lot left', () => {
    const account = threeLots()

    const { account: after, takes } = taken(takeOldestFirst(account, 600))

    expect(after.balance).toBe(0)
    expect(after.lots).toEqual([])
    expect(takes.map((t) => t.points)).toEqual([100, 200, 300])
  })

  it.each([
    [600, 601],
    [600, 10_000],
    [0, 1],
  ])(
    'refuses, changing nothing, to take from a balance of %i a spend of %i: a balance is never negative',
    (balance, points) => {
      const account = balance === 0 ? emptyAccount('m-1') : threeLots()
      const before = structuredClone(account)

      const result = takeOldestFirst(account, points)

      expect(result).toEqual({
        ok: false,
        error: {
          code: 'POINTS.INSUFFICIENT_BALANCE',
          message: `积分不足：当前 ${balance} 分，需要 ${points} 分`,
        },
      })
      expect(account).toEqual(before)
    },
  )

  it('leaves the account it was given unchanged on success', () => {
    const account = threeLots()
    const before = structuredClone(account)

    taken(takeOldestFirst(account, 250))

    expect(account).toEqual(before)
  })

  it('increments the version once per spend', () => {
    const account = threeLots()

    const { account: after } = taken(takeOldestFirst(account, 250))

    expect(after.version).toBe(account.version + 1)
  })

  it.each([0, -1, 2.5])(
    'refuses to take %p points: a spend is a positive whole number',
    (points) => {
      const account = threeLots()

      const take = () => takeOldestFirst(account, points)

      expect(take).toThrow(RangeError)
    },
  )
})

describe('expireDueLots', () => {
  // lot-jan expires 2027-01-10T02:00Z, lot-feb 2027-02-10T02:00Z, lot-mar 2027-03-10T02:00Z.
  it.each([
    ['2027-01-10T01:59:59.999Z', [], 0, 'one millisecond before the first expiry'],
    ['2027-01-10T02:00:00.000Z', ['lot-jan'], 100, 'exactly at the first expiry'],
    ['2027-02-01T00:00:00.000Z', ['lot-jan'], 100, 'between two expiries'],
    ['2027-02-10T02:00:00.000Z', ['lot-jan', 'lot-feb'], 300, 'exactly at the second expiry'],
    ['2028-01-01T00:00:00.000Z', ['lot-jan', 'lot-feb', 'lot-mar'], 600, 'long after every expiry'],
  ])(
    'at %s expires %j (%i points): lots whose expiry is at or before now (%s)',
    (iso, ids, points) => {
      const account = threeLots()

      const result = expireDueLots(account, new Date(iso))

      expect(result.takes.map((t) => t.lotId)).toEqual(ids)
      expect(result.points).toBe(points)
      expect(result.account.balance).toBe(600 - points)
      expect(result.account.lots.map((l) => l.id)).toEqual(
        ['lot-jan', 'lot-feb', 'lot-mar'].filter((id) => !ids.includes(id)),
      )
    },
  )

  it('expires what is left of a partly spent lot and records the takes with their lots', () => {
    const spent = taken(takeOldestFirst(threeLots(), 130)).account

    const result = expireDueLots(spent, new Date('2027-02-10T02:00:00.000Z'))

    expect(result.takes).toEqual([
      {
        lotId: 'lot-feb',
        earnedAt: '2026-02-10T02:00:00.000Z',
        expiresAt: '2027-02-10T02:00:00.000Z',
        points: 170,
      },
    ])
    expect(result.points).toBe(170)
    expect(result.account.lots).toEqual([
      {
        id: 'lot-mar',
        earnedAt: '2026-03-10T02:00:00.000Z',
        expiresAt: '2027-03-10T02:00:00.000Z',
        remaining: 300,
      },
    ])
    expect(result.account.balance).toBe(300)
  })

  it('increments the version when something expires', () => {
    const account = threeLots()

    const result = expireDueLots(account, new Date('2027-01-10T02:00:00.000Z'))

    expect(result.account.version).toBe(account.version + 1)
  })

  it('changes nothing, not even the version, when no lot is due', () => {
    const account = threeLots()

    const result = expireDueLots(account, new Date('2026-12-31T00:00:00.000Z'))

    expect(result).toEqual({ account, takes: [], points: 0 })
  })

  it('leaves the account it was given unchanged', () => {
    const account = threeLots()
    const before = structuredClone(account)

    expireDueLots(account, new Date('2027-02-10T02:00:00.000Z'))

    expect(account).toEqual(before)
  })
})

describe('restoreTakes', () => {
  it('re-creates an emptied lot with its original earning time and expiry', () => {
    const original = threeLots()
    const { account: spent, takes } = taken(takeOldestFirst(original, 150))

    const restored = restoreTakes(spent, takes)

    expect(restored.lots).toEqual(original.lots)
    expect(restored.balance).toBe(600)
  })

  it('merges taken points back into a lot that is still open', () => {
    const { account: spent, takes } = taken(takeOldestFirst(threeLots(), 40))

    const restored = restoreTakes(spent, takes)

    expect(restored.lots.filter((l) => l.id === 'lot-jan')).toEqual([
      {
        id: 'lot-jan',
        earnedAt: '2026-01-10T02:00:00.000Z',
        expiresAt: '2027-01-10T02:00:00.000Z',
        remaining: 100,
      },
    ])
    expect(restored.lots).toHaveLength(3)
    expect(restored.balance).toBe(600)
  })

  it('puts points back into the same lots after later spends moved on to newer lots', () => {
    const first = taken(takeOldestFirst(threeLots(), 150))
    const second = taken(takeOldestFirst(first.account, 200))

    const restored = restoreTakes(second.account, first.takes)

    expect(restored.lots.map((l) => [l.id, l.remaining])).toEqual([
      ['lot-jan', 100],
      ['lot-feb', 50],
      ['lot-mar', 250],
    ])
    expect(restored.balance).toBe(400)
  })

  it('keeps the balance equal to the sum of the lots and increments the version', () => {
    const { account: spent, takes } = taken(takeOldestFirst(threeLots(), 350))

    const restored = restoreTakes(spent, takes)

    expect(restored.balance).toBe(sumOfLots(restored))
    expect(restored.version).toBe(spent.version + 1)
  })

  it('leaves the account it was given unchanged', () => {
    const { account: spent, takes } = taken(takeOldestFirst(threeLots(), 40))
    const before = structuredClone(spent)

    restoreTakes(spent, takes)

    expect(spent).toEqual(before)
  })
})

describe('expiringWithin', () => {
  // lot-jan expires 2027-01-10T02:00Z, lot-feb 2027-02-10T02:00Z, lot-mar 2027-03-10T02:00Z.
  it.each<[string, number, string | null, string]>([
    ['2026-12-11T01:59:59.999Z', 0, null, '30 days and 1 ms before the first expiry'],
    ['2026-12-11T02:00:00.000Z', 100, '2027-01-10T02:00:00.000Z', 'exactly 30 days before it'],
    ['2027-01-09T02:00:00.000Z', 100, '2027-01-10T02:00:00.000Z', 'one day before it'],
    ['2027-01-11T02:00:00.000Z', 300, '2027-01-10T02:00:00.000Z', 'with two lots in the window'],
    ['2027-02-08T02:00:00.000Z', 600, '2027-01-10T02:00:00.000Z', 'with every lot in the window'],
  ])(
    'at %s finds %i points expiring within 30 days, first on %s (%s)',
    (iso, points, firstExpiry) => {
      const account = threeLots()

      const soon = expiringWithin(account, new Date(iso), 30)

      expect(soon).toEqual({ points, firstExpiry })
    },
  )

  it('counts only what is left of a partly spent lot', () => {
    const { account } = taken(takeOldestFirst(threeLots(), 130))

    const soon = expiringWithin(account, new Date('2027-01-15T00:00:00.000Z'), 30)

    expect(soon).toEqual({ points: 170, firstExpiry: '2027-02-10T02:00:00.000Z' })
  })

  it('finds nothing in an empty account', () => {
    const account = emptyAccount('m-1')

    const soon = expiringWithin(account, new Date('2027-01-15T00:00:00.000Z'), 30)

    expect(soon).toEqual({ points: 0, firstExpiry: null })
  })
})

/** A tiny linear congruential generator: deterministic random numbers in [0, 1). */
function lcg(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
    return state / 2 ** 32
  }
}

describe('the points account invariant', () => {
  const DAY = 24 * 60 * 60 * 1000
  const seeds = Array.from({ length: 300 }, (_, i) => i + 1)

  it.each(seeds)(
    'keeps balance === sum of open lots >= 0, every lot > 0, over random earns, spends and expiries (seed %i)',
    (seed) => {
      const random = lcg(seed)
      const int = (max: number) => 1 + Math.floor(random() * max)
      let account = emptyAccount('m-1')
      let t = Date.parse('2026-01-01T00:00:00.000Z')
      let earned = 0
      let spent = 0
      let expired = 0

      for (let step = 0; step < 40; step++) {
        t += Math.floor(random() * 45 * DAY)
        const now = new Date(t)
        const op = random()
        const version = account.version
        if (op < 0.45) {
          const points = int(500)
          account = earnLot(account, { id: `lot-${step}`, points, now })
          earned += points
          expect(account.version).toBe(version + 1)
        } else if (op < 0.85) {
          const points = int(account.balance + 100)
          const result = takeOldestFirst(account, points)
          if (points > account.balance) {
            expect(result.ok).toBe(false)
          } else {
            const { account: after, takes } = taken(result)
            expect(takes.reduce((sum, x) => sum + x.points, 0)).toBe(points)
            account = after
            spent += points
            expect(account.version).toBe(version + 1)
          }
        } else {
          const result = expireDueLots(account, now)
          account = result.account
          expired += result.points
          expect(account.lots.every((l) => l.expiresAt > now.toISOString())).toBe(true)
        }

        expect(account.balance).toBe(sumOfLots(account))
        expect(account.balance).toBeGreaterThanOrEqual(0)
        expect(account.balance).toBe(earned - spent - expired)
        expect(account.lots.every((l) => Number.isInteger(l.remaining) && l.remaining > 0)).toBe(
          true,
        )
        expect(account.version).toBeGreaterThanOrEqual(version)
      }
    },
  )
})
