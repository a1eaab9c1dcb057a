import { fieldErrors } from '@/contracts/define'
import { earnPurchaseInput, pointsContract, redeemInput } from '@/contracts/points.contract'
import { cardNumberFromSequence, formatCardNumber } from '@/domain/card/card-number'
import { PURCHASE_CATEGORIES } from '@/domain/points/purchase'

const cardNo = cardNumberFromSequence(17)

/** A valid purchase as the clerk's form sends it, with some fields replaced. */
const aPurchase = (overrides: Record<string, unknown> = {}) => ({
  cardNo,
  lines: [{ category: 'food', amountFen: 12_850 }],
  ...overrides,
})

/** The field-level messages of refused input. */
function errorsOf(result: { success: boolean; error?: Parameters<typeof fieldErrors>[0] }) {
  if (result.success || !result.error) throw new Error('expected the input to be refused')
  return fieldErrors(result.error)
}

/** The parsed purchase, failing the test with the field errors otherwise. */
function parsedPurchase(input: unknown) {
  const result = earnPurchaseInput.safeParse(input)
  if (!result.success) throw new Error(JSON.stringify(fieldErrors(result.error)))
  return result.data
}

/** A card number whose check digit is wrong. */
const withWrongCheckDigit = (card: string) =>
  card.slice(0, 11) + String((Number(card[11]) + 1) % 10)

describe('earnPurchaseInput', () => {
  it('accepts a card and one line, defaulting to no vouchers and no receipt number', () => {
    const input = aPurchase()

    const data = parsedPurchase(input)

    expect(data).toEqual({
      cardNo,
      lines: [{ category: 'food', amountFen: 12_850 }],
      voucherCodes: [],
      receiptNo: '',
    })
  })

  it('refuses an empty form with a Chinese message for the card and the lines', () => {
    const result = earnPurchaseInput.safeParse({})

    expect(errorsOf(result)).toEqual({ cardNo: '请输入会员卡号', lines: '请录入消费明细' })
  })

  it('refuses unknown extra fields (the schema is strict)', () => {
    const result = earnPurchaseInput.safeParse(aPurchase({ points: 999 }))

    expect(Object.keys(errorsOf(result))).toEqual(['_'])
  })

  describe('cardNo', () => {
    it.each([1, 17, 123_456, 999_999_999])('accepts the card number of sequence %i', (sequence) => {
      const card = cardNumberFromSequence(sequence)

      expect(parsedPurchase(aPurchase({ cardNo: card })).cardNo).toBe(card)
    })

    it.each([
      [formatCardNumber(cardNo), 'groups of four as printed'],
      [` ${cardNo}\t`, 'spaces around it'],
      ['8600 0000 0171', 'a typed card number with spaces'],
    ])('removes the spaces from %p (%s)', (typed) => {
      expect(parsedPurchase(aPurchase({ cardNo: typed })).cardNo).toBe(cardNo)
    })

    it.each([
      [withWrongCheckDigit(cardNo), 'a wrong check digit'],
      [cardNo.slice(0, 11), '11 digits'],
      [cardNo + '0', '13 digits'],
      ['86000000017A', 'a letter'],
      ['', 'empty'],
      ['   ', 'only spaces'],
    ])('refuses %p (%s): a card number is 12 digits with a valid Luhn check digit', (value) => {
      const result = earnPurchaseInput.safeParse(aPurchase({ cardNo: value }))

      expect(errorsOf(result)).toEqual({ cardNo: '卡号应为12位数字，请核对' })
    })

    it.each([undefined, null, 860_000_000_171])(
      'asks for the card number when it is %p',
      (value) => {
        const result = earnPurchaseInput.safeParse(aPurchase({ cardNo: value }))

        expect(errorsOf(result)).toEqual({ cardNo: '请输入会员卡号' })
      },
    )
  })

  describe('lines', () => {
    it.each([[[]], [undefined], [null], ['food']])(
      'asks for the purchase lines when they are %p',
      (lines) => {
        const result = earnPurchaseInput.safeParse(aPurchase({ lines }))

        expect(errorsOf(result)).toEqual({ lines: '请录入消费明细' })
      },
    )

    it.each([
      [50, true],
      [51, false],
    ])('accepts %i lines: %p (at most 50)', (count, accepted) => {
      const lines = Array.from({ length: count }, () => ({ category: 'daily', amountFen: 100 }))

      const result = earnPurchaseInput.safeParse(aPurchase({ lines }))

      if (accepted) expect(result.success).toBe(true)
      else expect(errorsOf(result)).toEqual({ lines: '一次最多录入50行' })
    })

    it.each(PURCHASE_CATEGORIES)('accepts the category %s', (category) => {
      const lines = [{ category, amountFen: 100 }]

      expect(parsedPurchase(aPurchase({ lines })).lines).toEqual(lines)
    })

    it.each(['weapons', '', 'FOOD', undefined, 3])(
      'asks for a category from the list, not %p',
      (category) => {
        const result = earnPurchaseInput.safeParse(
          aPurchase({ lines: [{ category, amountFen: 100 }] }),
        )

        expect(errorsOf(result)).toEqual({ 'lines.0.category': '请选择品类' })
      },
    )

    it.each([
      [1, 'one fen'],
      [100_000_000, '¥1,000,000'],
    ])('accepts an amount of %i fen (%s)', (amountFen) => {
      const lines = [{ category: 'food', amountFen }]

      expect(parsedPurchase(aPurchase({ lines })).lines[0]!.amountFen).toBe(amountFen)
    })

    it.each([
      [0, '金额应大于0'],
      [-100, '金额应大于0'],
      [12.5, '金额以分为单位，应为整数'],
      [100_000_001, '金额过大'],
      ['100', '请输入金额'],
      [undefined, '请输入金额'],
      [null, '请输入金额'],
    ])('refuses an amount of %p fen: %s', (amountFen, message) => {
      const lines = [
        { category: 'food', amountFen: 100 },
        { category: 'food', amountFen },
      ]

      const result = earnPurchaseInput.safeParse(aPurchase({ lines }))

      expect(errorsOf(result)).toEqual({ 'lines.1.amountFen': message })
    })

    it('refuses unknown fields on a line (the line is strict)', () => {
      const lines = [{ category: 'food', amountFen: 100, points: 5 }]

      const result = earnPurchaseInput.safeParse(aPurchase({ lines }))

      expect(Object.keys(errorsOf(result))).toEqual(['lines.0'])
    })
  })

  describe('voucherCodes', () => {
    it.each([
      ['V12345ABCD', 'V12345ABCD'],
      [' v12345abcd ', 'V12345ABCD'],
      ['\tv7k2m9q4xa\n', 'V7K2M9Q4XA'],
    ])('reads the voucher code %p as %p (trimmed, uppercase)', (typed, expected) => {
      expect(parsedPurchase(aPurchase({ voucherCodes: [typed] })).voucherCodes).toEqual([expected])
    })

    it.each([
      ['X12345ABCD', 'not starting with V'],
      ['V12345ABC', 'V and 8 characters'],
      ['V12345ABCDE', 'V and 10 characters'],
      ['V12345-BCD', 'a dash'],
      ['V12345 BCD', 'a space inside'],
      ['', 'empty'],
    ])('refuses the voucher code %p (%s): V and 9 letters or digits', (code) => {
      const result = earnPurchaseInput.safeParse(aPurchase({ voucherCodes: ['V12345ABCD', code] }))

      expect(errorsOf(result)).toEqual({ 'voucherCodes.1': '兑换券号为V开头的10位字符' })
    })

    it('asks for a voucher code that is not text', () => {
      const result = earnPurchaseInput.safeParse(aPurchase({ voucherCodes: [null] }))

      expect(errorsOf(result)).toEqual({ 'voucherCodes.0': '请输入兑换券号' })
    })

    it.each([
      [10, true],
      [11, false],
    ])('accepts %i vouchers on one purchase: %p (at most 10)', (count, accepted) => {
      const voucherCodes = Array.from({ length: count }, (_, i) => `V${String(i).padStart(9, '0')}`)

      const result = earnPurchaseInput.safeParse(aPurchase({ voucherCodes }))

      if (accepted) expect(result.success).toBe(true)
      else expect(errorsOf(result)).toEqual({ voucherCodes: '一次最多使用10张兑换券' })
    })
  })

  describe('receiptNo', () => {
    it('trims the receipt number', () => {
      expect(parsedPurchase(aPurchase({ receiptNo: '  R-20261123-001 ' })).receiptNo).toBe(
        'R-20261123-001',
      )
    })

    it.each([
      [40, true],
      [41, false],
    ])('accepts a receipt number of %i characters: %p (at most 40)', (length, accepted) => {
      const result = earnPurchaseInput.safeParse(aPurchase({ receiptNo: 'R'.repeat(length) }))

      if (accepted) expect(result.success).toBe(true)
      else expect(errorsOf(result)).toEqual({ receiptNo: '小票号最长40个字符' })
    })
  })
})

describe('redeemInput', () => {
  it('accepts an item without a pickup date', () => {
    expect(redeemInput.safeParse({ itemId: 'voucher-20' })).toEqual({
      success: true,
      data: { itemId: 'voucher-20' },
    })
  })

  it.each(['2026-12-03', '2028-02-29', '2027-01-01'])(
    'accepts the real calendar date %s as pickup date',
    (pickupDate) => {
      expect(redeemInput.safeParse({ itemId: 'voucher-100', pickupDate })).toEqual({
        success: true,
        data: { itemId: 'voucher-100', pickupDate },
      })
    },
  )

  it.each(['2026-02-30', '2027-02-29', '2026-13-01', '2026-12-3', '2026/12/03', '03-12-2026', ''])(
    'refuses %p: a pickup date must be a real calendar date',
    (pickupDate) => {
      const result = redeemInput.safeParse({ itemId: 'voucher-100', pickupDate })

      expect(errorsOf(result)).toEqual({ pickupDate: '请选择正确的领取日期' })
    },
  )

  it.each([undefined, '', 42])('asks for the item when it is %p', (itemId) => {
    const result = redeemInput.safeParse({ itemId })

    expect(errorsOf(result)).toEqual({ itemId: '请选择兑换商品' })
  })

  it('refuses an item id longer than 64 characters', () => {
    const result = redeemInput.safeParse({ itemId: 'x'.repeat(65) })

    expect(Object.keys(errorsOf(result))).toEqual(['itemId'])
  })

  it('refuses unknown extra fields (the schema is strict)', () => {
    const result = redeemInput.safeParse({ itemId: 'voucher-20', points: 1 })

    expect(Object.keys(errorsOf(result))).toEqual(['_'])
  })
})

describe('pointsContract', () => {
  it('is the contract of the points function', () => {
    expect(pointsContract.name).toBe('points')
  })

  it('marks exactly the actions that change state as mutating: they carry a request id', () => {
    const flags = Object.fromEntries(
      Object.entries(pointsContract.actions).map(([action, spec]) => [action, spec.mutating]),
    )

    expect(flags).toEqual({
      overview: false,
      history: false,
      catalogue: false,
      redeem: true,
      vouchers: false,
      lookupCard: false,
      earnPurchase: true,
      useVoucher: true,
      allItems: false,
      saveItem: true,
      memberLedger: false,
      adjust: true,
      reverse: true,
    })
  })

  it('validates earnPurchase with earnPurchaseInput and redeem with redeemInput', () => {
    expect(pointsContract.actions.earnPurchase.input).toBe(earnPurchaseInput)
    expect(pointsContract.actions.redeem.input).toBe(redeemInput)
  })

  it('reads a voucher code to use trimmed and uppercase, with the card it is handed over to', () => {
    const result = pointsContract.actions.useVoucher.input.safeParse({
      code: ' v12345abcd ',
      cardNo,
    })

    expect(result).toEqual({ success: true, data: { code: 'V12345ABCD', cardNo } })
  })

  it("refuses a voucher use without the holder's card", () => {
    const result = pointsContract.actions.useVoucher.input.safeParse({ code: 'V12345ABCD' })

    expect(result.success).toBe(false)
  })

  it('looks a card up with the spaces removed, refusing a wrong check digit', () => {
    const lookup = pointsContract.actions.lookupCard.input

    expect(lookup.safeParse({ cardNo: formatCardNumber(cardNo) })).toEqual({
      success: true,
      data: { cardNo },
    })
    expect(errorsOf(lookup.safeParse({ cardNo: withWrongCheckDigit(cardNo) }))).toEqual({
      cardNo: '卡号应为12位数字，请核对',
    })
  })

  it.each([
    [{}, { offset: 0, limit: 20 }],
    [
      { offset: 40, limit: 100 },
      { offset: 40, limit: 100 },
    ],
  ])('pages the history from %j as %j', (input, expected) => {
    expect(pointsContract.actions.history.input.safeParse(input)).toEqual({
      success: true,
      data: expected,
    })
  })

  it.each([{ limit: 0 }, { limit: 101 }, { offset: -1 }, { offset: 1.5 }])(
    'refuses the history page %j',
    (input) => {
      expect(pointsContract.actions.history.input.safeParse(input).success).toBe(false)
    },
  )

  it.each(['overview', 'catalogue', 'vouchers'] as const)(
    'takes no payload fields for %s',
    (action) => {
      const input = pointsContract.actions[action].input

      expect(input.safeParse({}).success).toBe(true)
      expect(input.safeParse({ memberId: 'm-2' }).success).toBe(false)
    },
  )
})
