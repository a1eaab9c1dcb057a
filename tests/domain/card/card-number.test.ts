import {
  cardNumberFromSequence,
  formatCardNumber,
  isValidCardNumber,
  luhnCheckDigit,
  referralCodeForSequence,
} from '@/domain/card/card-number'

describe('cardNumberFromSequence', () => {
  it('makes 12 digits: prefix 86, the sequence, and a Luhn check digit', () => {
    const cardNo = cardNumberFromSequence(17)

    expect(cardNo).toMatch(/^86\d{10}$/)
    expect(cardNo.slice(2, 11)).toBe('000000017')
    expect(Number(cardNo[11])).toBe(luhnCheckDigit(cardNo.slice(0, 11)))
  })

  it('gives every sequence its own valid number', () => {
    const numbers = new Set(Array.from({ length: 2000 }, (_, i) => cardNumberFromSequence(i + 1)))

    expect(numbers.size).toBe(2000)
    for (const n of numbers) expect(isValidCardNumber(n)).toBe(true)
  })

  it.each([0, -1, 1.5, 1_000_000_000])('refuses sequence %p', (sequence) => {
    expect(() => cardNumberFromSequence(sequence)).toThrow(RangeError)
  })
})

describe('luhnCheckDigit', () => {
  it.each([
    ['7992739871', 3],
    ['4539578763621486'.slice(0, 15), 6],
  ])('computes the check digit of %s as %i', (digits, expected) => {
    expect(luhnCheckDigit(digits)).toBe(expected)
  })
})

describe('isValidCardNumber', () => {
  it('detects any single mistyped digit', () => {
    const cardNo = cardNumberFromSequence(4242)

    for (let i = 0; i < 12; i++) {
      const wrong = cardNo.slice(0, i) + String((Number(cardNo[i]) + 1) % 10) + cardNo.slice(i + 1)
      expect(isValidCardNumber(wrong)).toBe(false)
    }
  })

  it.each(['', '86000000001', '8600000000170', '86000000001a'])('refuses malformed %p', (value) => {
    expect(isValidCardNumber(value)).toBe(false)
  })
})

describe('formatCardNumber', () => {
  it('groups the digits by four as printed on the card', () => {
    expect(formatCardNumber('860000000174')).toBe('8600 0000 0174')
  })
})

describe('referralCodeForSequence', () => {
  it('is R plus five base-36 characters, unique per sequence', () => {
    expect(referralCodeForSequence(1)).toBe('R00001')
    expect(referralCodeForSequence(36)).toBe('R00010')
  })
})
