import {
  BOOKING_LEAD_DAYS,
  BOOKING_THRESHOLD_POINTS,
  decideRedemption,
  DEFAULT_CATALOGUE,
  earliestPickupDate,
  isOnOffer,
  needsBooking,
  type RewardItem,
} from '@/domain/points/redemption'
import { aRewardItem, anAccount } from './builders'

/** 23 November 2026, 10:00 in Shanghai. */
const now = new Date('2026-11-23T02:00:00.000Z')

/** 20000 points in two lots: 5000 from January and 15000 from March 2026. */
const richAccount = () =>
  anAccount(
    ['lot-jan', 5000, '2026-01-10T02:00:00.000Z'],
    ['lot-mar', 15_000, '2026-03-10T02:00:00.000Z'],
  )

const bigItem = () =>
  aRewardItem({ id: 'voucher-100', name: '¥100 代金券', pointsPrice: 10_000, faceValueFen: 10_000 })

describe('decideRedemption', () => {
  it('takes the price from the oldest lots first, one item off the stock, pickup today', () => {
    const item = aRewardItem({ pointsPrice: 8000, stock: 5, version: 3 })
    const account = richAccount()

    const result = decideRedemption(item, account, {}, now)

    expect(result).toEqual({
      ok: true,
      data: {
        item: { ...item, stock: 4, version: 4 },
        account: {
          memberId: 'm-1',
          balance: 12_000,
          lots: [
            {
              id: 'lot-mar',
              earnedAt: '2026-03-10T02:00:00.000Z',
              expiresAt: '2027-03-10T02:00:00.000Z',
              remaining: 12_000,
            },
          ],
          version: account.version + 1,
        },
        takes: [
          {
            lotId: 'lot-jan',
            earnedAt: '2026-01-10T02:00:00.000Z',
            expiresAt: '2027-01-10T02:00:00.000Z',
            points: 5000,
          },
          {
            lotId: 'lot-mar',
            earnedAt: '2026-03-10T02:00:00.000Z',
            expiresAt: '2027-03-10T02:00:00.000Z',
            points: 3000,
          },
        ],
        pickupDate: '2026-11-23',
      },
    })
  })

  it('redeems the last item in stock, leaving 0', () => {
    const item = aRewardItem({ stock: 1 })

    const result = decideRedemption(item, richAccount(), {}, now)

    expect(result.ok && result.data.item.stock).toBe(0)
  })

  it('leaves the item and the account it was given unchanged', () => {
    const item = aRewardItem()
    const account = richAccount()
    const before = structuredClone({ item, account })

    decideRedemption(item, account, {}, now)

    expect({ item, account }).toEqual(before)
  })

  it('refuses an inactive item as unavailable', () => {
    const item = aRewardItem({ active: false })

    const result = decideRedemption(item, richAccount(), {}, now)

    expect(result).toEqual({
      ok: false,
      error: { code: 'POINTS.ITEM_UNAVAILABLE', message: '该商品当前不在兑换期内' },
    })
  })

  it.each<[string, string | null, string]>([
    ['2026-11-23T01:59:59.999Z', 'POINTS.ITEM_UNAVAILABLE', '1 ms before it is available from'],
    ['2026-11-23T02:00:00.000Z', null, 'exactly when it becomes available'],
    ['2026-12-31T15:59:59.999Z', null, '1 ms before it is available until'],
    [
      '2026-12-31T16:00:00.000Z',
      'POINTS.ITEM_UNAVAILABLE',
      'exactly at available until (exclusive)',
    ],
    ['2027-01-05T02:00:00.000Z', 'POINTS.ITEM_UNAVAILABLE', 'after the window'],
  ])('at %s answers %p for an item on offer 23 Nov 10:00 – 1 Jan 00:00 (%s)', (iso, code) => {
    const item = aRewardItem({
      availableFrom: '2026-11-23T02:00:00.000Z',
      availableUntil: '2026-12-31T16:00:00.000Z',
    })

    const result = decideRedemption(item, richAccount(), {}, new Date(iso))

    expect(result.ok ? null : result.error.code).toBe(code)
  })

  it('refuses an item with no stock left', () => {
    const item = aRewardItem({ stock: 0 })

    const result = decideRedemption(item, richAccount(), {}, now)

    expect(result).toEqual({
      ok: false,
      error: { code: 'POINTS.OUT_OF_STOCK', message: '该商品已兑完' },
    })
  })

  it('refuses, changing nothing, when the balance does not cover the price', () => {
    const item = aRewardItem({ pointsPrice: 1500 })
    const account = anAccount(['lot-jan', 1499, '2026-01-10T02:00:00.000Z'])
    const before = structuredClone({ item, account })

    const result = decideRedemption(item, account, {}, now)

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'POINTS.INSUFFICIENT_BALANCE',
        message: '积分不足：当前 1499 分，需要 1500 分',
      },
    })
    expect({ item, account }).toEqual(before)
  })

  it('redeems an item that costs exactly the balance, leaving 0', () => {
    const item = aRewardItem({ pointsPrice: 1500 })
    const account = anAccount(['lot-jan', 1500, '2026-01-10T02:00:00.000Z'])

    const result = decideRedemption(item, account, {}, now)

    expect(result.ok && result.data.account).toMatchObject({ balance: 0, lots: [] })
  })

  describe('booking ahead', () => {
    it('books items of 10000 points or more at least 10 days ahead', () => {
      expect(BOOKING_THRESHOLD_POINTS).toBe(10_000)
      expect(BOOKING_LEAD_DAYS).toBe(10)
    })

    it.each([
      ['2026-12-03', true, 'exactly 10 days ahead'],
      ['2026-12-04', true, '11 days ahead'],
      ['2027-06-01', true, 'months ahead'],
      ['2026-12-02', false, '9 days ahead'],
      ['2026-11-23', false, 'today'],
    ])(
      'on 23 Nov accepts a pickup date of %s for a 10000-point item: %p (%s)',
      (pickupDate, accepted) => {
        const result = decideRedemption(bigItem(), richAccount(), { pickupDate }, now)

        if (accepted) expect(result.ok && result.data.pickupDate).toBe(pickupDate)
        else
          expect(result).toEqual({
            ok: false,
            error: {
              code: 'POINTS.BOOKING_TOO_LATE',
              message: '该商品需提前10天预约',
              fields: { pickupDate: '请选择10天以后的领取日期' },
            },
          })
      },
    )

    it('refuses a 10000-point item without a pickup date, on the field pickupDate', () => {
      const result = decideRedemption(bigItem(), richAccount(), {}, now)

      expect(!result.ok && result.error).toMatchObject({
        code: 'POINTS.BOOKING_TOO_LATE',
        fields: { pickupDate: '请选择10天以后的领取日期' },
      })
    })

    it('counts the 10 days from today in Shanghai: at 01:00 on 24 Nov, 3 Dec is too early', () => {
      const lateEvening = new Date('2026-11-23T17:00:00.000Z')

      const early = decideRedemption(
        bigItem(),
        richAccount(),
        { pickupDate: '2026-12-03' },
        lateEvening,
      )
      const onTime = decideRedemption(
        bigItem(),
        richAccount(),
        { pickupDate: '2026-12-04' },
        lateEvening,
      )

      expect(!early.ok && early.error.code).toBe('POINTS.BOOKING_TOO_LATE')
      expect(onTime.ok && onTime.data.pickupDate).toBe('2026-12-04')
    })

    it.each([
      [9999, false],
      [10_000, true],
      [12_000, true],
    ])('makes an item of %i points need booking: %p', (pointsPrice, expected) => {
      const item = aRewardItem({ pointsPrice })

      expect(needsBooking(item)).toBe(expected)
    })

    it('gives a 9999-point item today’s date, with no booking needed', () => {
      const item = aRewardItem({ pointsPrice: 9999 })

      const result = decideRedemption(item, richAccount(), {}, now)

      expect(result.ok && result.data.pickupDate).toBe('2026-11-23')
    })

    it.each([
      ['2026-11-23T15:59:59.999Z', '2026-11-23'],
      ['2026-11-23T16:00:00.000Z', '2026-11-24'],
      ['2026-11-23T17:00:00.000Z', '2026-11-24'],
      ['2026-12-31T16:30:00.000Z', '2027-01-01'],
    ])(
      'at %s gives an item below 10000 points the Shanghai date %s as pickup date',
      (iso, expected) => {
        const item = aRewardItem({ pointsPrice: 1500 })

        const result = decideRedemption(item, richAccount(), {}, new Date(iso))

        expect(result.ok && result.data.pickupDate).toBe(expected)
      },
    )

    it('gives an item below 10000 points today’s date even if a later date is asked', () => {
      const item = aRewardItem({ pointsPrice: 4000 })

      const result = decideRedemption(item, richAccount(), { pickupDate: '2026-12-20' }, now)

      expect(result.ok && result.data.pickupDate).toBe('2026-11-23')
    })
  })
})

describe('isOnOffer', () => {
  it.each<[Partial<RewardItem>, boolean, string]>([
    [{}, true, 'active with no window'],
    [{ active: false }, false, 'inactive'],
    [{ availableFrom: '2026-11-23T02:00:00.000Z' }, true, 'from exactly now'],
    [{ availableFrom: '2026-11-23T02:00:00.001Z' }, false, 'from 1 ms later'],
    [{ availableUntil: '2026-11-23T02:00:00.001Z' }, true, 'until 1 ms later'],
    [{ availableUntil: '2026-11-23T02:00:00.000Z' }, false, 'until exactly now (exclusive)'],
  ])('tells whether an item %j is on offer at 23 Nov 02:00Z: %p (%s)', (overrides, expected) => {
    const item = aRewardItem(overrides)

    expect(isOnOffer(item, now)).toBe(expected)
  })
})

describe('earliestPickupDate', () => {
  it.each([
    ['2026-11-23T02:00:00.000Z', '2026-12-03', '23 Nov in Shanghai'],
    ['2026-11-23T15:59:59.999Z', '2026-12-03', '23 Nov 23:59 in Shanghai'],
    ['2026-11-23T16:00:00.000Z', '2026-12-04', '24 Nov 00:00 in Shanghai'],
    ['2026-11-23T17:00:00.000Z', '2026-12-04', '24 Nov 01:00 in Shanghai'],
    ['2026-12-25T02:00:00.000Z', '2027-01-04', 'across the new year'],
    ['2028-02-20T02:00:00.000Z', '2028-03-01', 'across a leap day'],
    ['2027-02-20T02:00:00.000Z', '2027-03-02', 'across a February without leap day'],
    ['2028-02-19T16:00:00.000Z', '2028-03-01', '20 Feb 00:00 in Shanghai, 19 Feb in UTC'],
  ])('at %s is %s: 10 days after the Shanghai date (%s)', (iso, expected) => {
    expect(earliestPickupDate(new Date(iso))).toBe(expected)
  })
})

describe('DEFAULT_CATALOGUE', () => {
  it('holds ¥20/¥50/¥80/¥100 vouchers for 1500/4000/8000/10000 points', () => {
    const vouchers = DEFAULT_CATALOGUE.map((item) => [
      item.name,
      item.pointsPrice,
      item.faceValueFen,
    ])

    expect(vouchers).toEqual([
      ['¥20 代金券', 1500, 2000],
      ['¥50 代金券', 4000, 5000],
      ['¥80 代金券', 8000, 8000],
      ['¥100 代金券', 10_000, 10_000],
    ])
  })

  it('puts every default voucher on offer, in stock, with its own id', () => {
    const ids = new Set(DEFAULT_CATALOGUE.map((item) => item.id))

    expect(ids.size).toBe(4)
    for (const item of DEFAULT_CATALOGUE) {
      expect(item).toMatchObject({ active: true, availableFrom: null, availableUntil: null })
      expect(item.stock).toBeGreaterThan(0)
      expect(isOnOffer({ ...item, version: 0 }, now)).toBe(true)
    }
  })

  it('makes only the ¥100 voucher need booking ahead', () => {
    const booked = DEFAULT_CATALOGUE.filter(needsBooking).map((item) => item.id)

    expect(booked).toEqual(['voucher-100'])
  })
})
