import {
  DEFAULT_EXCLUDED_CATEGORIES,
  isBirthday,
  PURCHASE_CATEGORIES,
  purchaseNote,
  purchasePoints,
  type PurchaseCategory,
  type PurchaseLine,
} from '@/domain/points/purchase'

const rules = { excludedCategories: DEFAULT_EXCLUDED_CATEGORIES }
/** A member whose birthday is not near any `now` used below (unless a test says so). */
const member = { birthday: '1985-10-01' }
const now = new Date('2026-11-23T02:00:00.000Z')

const line = (amountFen: number, category: PurchaseCategory = 'food'): PurchaseLine => ({
  category,
  amountFen,
})

describe('purchasePoints', () => {
  it.each([
    [12850, 128],
    [100, 1],
    [199, 1],
    [200, 2],
    [9999, 99],
    [1_000_000, 10_000],
  ])('earns 1 point per whole yuan actually paid, floored: %i fen → %i points', (fen, points) => {
    const purchase = { lines: [line(fen)], paidWithPointsFen: 0 }

    const result = purchasePoints(purchase, member, rules, now)

    expect(result).toEqual({ earnableFen: fen, basePoints: points, birthday: false, points })
  })

  it.each([0, 1, 99])('earns 0 points on a purchase of %i fen, with a plain note', (fen) => {
    const purchase = { lines: [line(fen)], paidWithPointsFen: 0 }

    const result = purchasePoints(purchase, member, rules, now)

    expect(result).toEqual({ earnableFen: fen, basePoints: 0, birthday: false, points: 0 })
    expect(purchaseNote(result)).toBe('可积分金额不足1元，本次未产生积分')
  })

  it('floors the total of the purchase, not each line', () => {
    const purchase = {
      lines: [line(150), line(150, 'beverage'), line(50, 'daily')],
      paidWithPointsFen: 0,
    }

    const result = purchasePoints(purchase, member, rules, now)

    expect(result).toMatchObject({ earnableFen: 350, points: 3 })
  })

  it('excludes lottery and prepaid cards by default', () => {
    expect([...DEFAULT_EXCLUDED_CATEGORIES].sort()).toEqual(['lottery', 'prepaid_card'])
  })

  it.each(DEFAULT_EXCLUDED_CATEGORIES)(
    'lets lines of the excluded category %s earn nothing',
    (category) => {
      const purchase = {
        lines: [line(5000, 'tobacco'), line(20_000, category)],
        paidWithPointsFen: 0,
      }

      const result = purchasePoints(purchase, member, rules, now)

      expect(result).toMatchObject({ earnableFen: 5000, points: 50 })
    },
  )

  it('earns 0 points on a purchase made only of excluded categories', () => {
    const purchase = {
      lines: [line(10_000, 'lottery'), line(50_000, 'prepaid_card')],
      paidWithPointsFen: 0,
    }

    const result = purchasePoints(purchase, member, rules, now)

    expect(result.points).toBe(0)
  })

  it.each(PURCHASE_CATEGORIES.filter((c) => !DEFAULT_EXCLUDED_CATEGORIES.includes(c)))(
    'lets the category %s earn by default',
    (category) => {
      const purchase = { lines: [line(1000, category)], paidWithPointsFen: 0 }

      const result = purchasePoints(purchase, member, rules, now)

      expect(result.points).toBe(10)
    },
  )

  it('follows the excluded categories of the settings, not the defaults', () => {
    const purchase = { lines: [line(3000, 'tobacco'), line(2000, 'lottery')], paidWithPointsFen: 0 }

    const result = purchasePoints(purchase, member, { excludedCategories: ['tobacco'] }, now)

    expect(result).toMatchObject({ earnableFen: 2000, points: 20 })
  })

  it('takes the part paid with points off the eligible amount: it earns nothing', () => {
    const purchase = { lines: [line(12_850)], paidWithPointsFen: 2000 }

    const result = purchasePoints(purchase, member, rules, now)

    expect(result).toEqual({ earnableFen: 10_850, basePoints: 108, birthday: false, points: 108 })
  })

  it('takes the part paid with points off the eligible lines, not off the excluded ones', () => {
    const purchase = { lines: [line(5000), line(10_000, 'lottery')], paidWithPointsFen: 2000 }

    const result = purchasePoints(purchase, member, rules, now)

    expect(result).toMatchObject({ earnableFen: 3000, points: 30 })
  })

  it.each([
    [5000, 5000],
    [5000, 8000],
    [5050, 5000],
  ])(
    'earns 0 points on a purchase of %i fen paid %i fen with points: nothing is left to earn',
    (fen, paid) => {
      const purchase = { lines: [line(fen)], paidWithPointsFen: paid }

      const result = purchasePoints(purchase, member, rules, now)

      expect(result.points).toBe(0)
    },
  )

  describe('on the member’s birthday in Shanghai', () => {
    it.each([
      ['2026-06-14T15:59:59.999Z', '06-15', false, '14 June 23:59 in Shanghai'],
      ['2026-06-14T16:00:00.000Z', '06-15', true, '15 June 00:00 in Shanghai'],
      ['2026-06-15T15:59:59.000Z', '06-15', true, '15 June 23:59:59 in Shanghai'],
      ['2026-06-15T16:00:00.000Z', '06-15', false, '16 June 00:00 in Shanghai'],
      ['2026-06-15T15:59:59.000Z', '06-16', false, '15 June 23:59:59 in Shanghai'],
      ['2026-06-15T16:00:00.000Z', '06-16', true, '16 June 00:00 in Shanghai'],
    ])('at %s a birthday on %s doubles the points: %p (%s)', (iso, monthDay, doubled) => {
      const purchase = { lines: [line(12_850)], paidWithPointsFen: 0 }

      const result = purchasePoints(
        purchase,
        { birthday: `1985-${monthDay}` },
        rules,
        new Date(iso),
      )

      expect(result).toEqual({
        earnableFen: 12_850,
        basePoints: 128,
        birthday: doubled,
        points: doubled ? 256 : 128,
      })
    })

    it('doubles the floored points, after the part paid with points is taken off', () => {
      const purchase = { lines: [line(12_850)], paidWithPointsFen: 1000 }

      const result = purchasePoints(
        purchase,
        { birthday: '1985-06-15' },
        rules,
        new Date('2026-06-15T02:00:00.000Z'),
      )

      expect(result).toEqual({
        earnableFen: 11_850,
        basePoints: 118,
        birthday: true,
        points: 236,
      })
    })

    it('still earns 0 points on a purchase under 1 yuan: twice nothing is nothing', () => {
      const purchase = { lines: [line(99)], paidWithPointsFen: 0 }

      const result = purchasePoints(
        purchase,
        { birthday: '1985-06-15' },
        rules,
        new Date('2026-06-15T02:00:00.000Z'),
      )

      expect(result.points).toBe(0)
    })
  })
})

describe('purchaseNote', () => {
  it.each([
    [
      { earnableFen: 99, basePoints: 0, birthday: false, points: 0 },
      '可积分金额不足1元，本次未产生积分',
    ],
    [
      { earnableFen: 99, basePoints: 0, birthday: true, points: 0 },
      '可积分金额不足1元，本次未产生积分',
    ],
    [{ earnableFen: 500, basePoints: 5, birthday: true, points: 10 }, '生日双倍积分'],
    [{ earnableFen: 500, basePoints: 5, birthday: false, points: 5 }, null],
  ])('notes %j as %p', (earned, note) => {
    expect(purchaseNote(earned)).toBe(note)
  })
})

describe('isBirthday', () => {
  it.each([
    ['1985-06-15', '2026-06-15T02:00:00.000Z', true],
    ['1985-06-15', '2026-06-16T02:00:00.000Z', false],
    ['1985-06-15', '2026-07-15T02:00:00.000Z', false],
    ['1985-06-15', '2026-06-14T16:00:00.000Z', true],
    ['1985-06-15', '2026-06-15T16:00:00.000Z', false],
    ['1990-01-01', '2026-12-31T16:00:00.000Z', true],
    ['1990-12-31', '2026-12-31T16:00:00.000Z', false],
  ])(
    'tells whether a birthday on %s falls on the Shanghai day of %s: %p',
    (birthday, iso, expected) => {
      expect(isBirthday(birthday, new Date(iso))).toBe(expected)
    },
  )

  it.each([
    ['2027-02-28T02:00:00.000Z', true, '28 Feb in a year without 29 Feb'],
    ['2027-02-27T16:00:00.000Z', true, '28 Feb 00:00 in Shanghai, still 27 Feb in UTC'],
    ['2027-02-28T16:00:00.000Z', false, '1 Mar 00:00 in Shanghai'],
    ['2027-03-01T02:00:00.000Z', false, '1 Mar in a year without 29 Feb'],
    ['2028-02-28T02:00:00.000Z', false, '28 Feb in a leap year'],
    ['2028-02-29T02:00:00.000Z', true, '29 Feb in a leap year'],
    ['2028-02-28T16:00:00.000Z', true, '29 Feb 00:00 in Shanghai, still 28 Feb in UTC'],
    ['2100-02-28T02:00:00.000Z', true, '28 Feb 2100, a century without 29 Feb'],
    ['2000-02-29T02:00:00.000Z', true, '29 Feb 2000, a leap century'],
  ])('celebrates a 29 February birthday at %s: %p (%s)', (iso, expected) => {
    expect(isBirthday('2000-02-29', new Date(iso))).toBe(expected)
  })

  it.each([
    ['2028-02-28T02:00:00.000Z', true],
    ['2028-02-29T02:00:00.000Z', false],
    ['2027-02-28T02:00:00.000Z', true],
  ])('keeps a 28 February birthday on 28 February: at %s %p', (iso, expected) => {
    expect(isBirthday('1990-02-28', new Date(iso))).toBe(expected)
  })
})
