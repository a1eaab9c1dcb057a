import { checkVoucherUse, type Voucher } from '@/domain/points/vouchers'

type StoredVoucher = Voucher & { code: string }

const aVoucher = (overrides: Partial<StoredVoucher> = {}): StoredVoucher => ({
  code: 'V7K2M9Q4XA',
  memberId: 'm-1',
  status: 'issued',
  pickupDate: '2026-12-03',
  ...overrides,
})

/** 3 December 2026, 10:00 in Shanghai. */
const onPickupDay = new Date('2026-12-03T02:00:00.000Z')

describe('checkVoucherUse', () => {
  it('lets the member use an issued voucher on its pickup date, returning the voucher', () => {
    const voucher = aVoucher()

    const result = checkVoucherUse(voucher, 'm-1', onPickupDay)

    expect(result).toEqual({ ok: true, data: voucher })
  })

  it('refuses a voucher that does not exist', () => {
    const result = checkVoucherUse(null, 'm-1', onPickupDay)

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'POINTS.VOUCHER_NOT_FOUND',
        message: '未找到该兑换券',
        fields: { code: '兑换券号不存在' },
      },
    })
  })

  it('treats another member’s voucher as not found', () => {
    const voucher = aVoucher({ memberId: 'm-2' })

    const result = checkVoucherUse(voucher, 'm-1', onPickupDay)

    expect(!result.ok && result.error.code).toBe('POINTS.VOUCHER_NOT_FOUND')
  })

  it('treats another member’s used voucher as not found too, telling nothing about it', () => {
    const voucher = aVoucher({ memberId: 'm-2', status: 'used' })

    const result = checkVoucherUse(voucher, 'm-1', onPickupDay)

    expect(!result.ok && result.error.code).toBe('POINTS.VOUCHER_NOT_FOUND')
  })

  it('skips the owner check when no member is given', () => {
    const voucher = aVoucher({ memberId: 'm-2' })

    const result = checkVoucherUse(voucher, null, onPickupDay)

    expect(result).toEqual({ ok: true, data: voucher })
  })

  it('refuses a voucher that was already used: it is used once', () => {
    const voucher = aVoucher({ status: 'used' })

    const result = checkVoucherUse(voucher, 'm-1', onPickupDay)

    expect(result).toEqual({
      ok: false,
      error: { code: 'POINTS.VOUCHER_USED', message: '该兑换券已核销' },
    })
  })

  it('refuses a used voucher as used, even before its pickup date', () => {
    const voucher = aVoucher({ status: 'used' })

    const result = checkVoucherUse(voucher, 'm-1', new Date('2026-11-30T02:00:00.000Z'))

    expect(!result.ok && result.error.code).toBe('POINTS.VOUCHER_USED')
  })

  it.each([
    ['2026-11-23T02:00:00.000Z', false, 'ten days before'],
    ['2026-12-02T15:59:59.999Z', false, '2 Dec 23:59 in Shanghai'],
    ['2026-12-02T16:00:00.000Z', true, '3 Dec 00:00 in Shanghai, still 2 Dec in UTC'],
    ['2026-12-03T15:59:59.999Z', true, '3 Dec 23:59 in Shanghai'],
    ['2026-12-03T16:00:00.000Z', true, 'the day after'],
    ['2027-03-01T02:00:00.000Z', true, 'months later'],
  ])('at %s lets a voucher for pickup on 3 Dec be used: %p (%s)', (iso, usable) => {
    const voucher = aVoucher()

    const result = checkVoucherUse(voucher, 'm-1', new Date(iso))

    if (usable) expect(result).toEqual({ ok: true, data: voucher })
    else
      expect(result).toEqual({
        ok: false,
        error: { code: 'POINTS.VOUCHER_NOT_YET', message: '该兑换券 2026-12-03 起可领取' },
      })
  })
})
