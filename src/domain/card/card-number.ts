/** Card numbers (会员卡号) are 12 digits: an issuer prefix, a sequence, and a Luhn check digit (SPEC §6). */
export const CARD_NUMBER_PREFIX = '86'
const BODY_LENGTH = 11
const MAX_SEQUENCE = 10 ** (BODY_LENGTH - CARD_NUMBER_PREFIX.length) - 1

/** The Luhn check digit for a string of digits (the digit that makes the whole number pass). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return (10 - (sum % 10)) % 10
}

/** The card number of the `sequence`-th issued card (1-based); throws past the 9-digit range. */
export function cardNumberFromSequence(sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE) {
    throw new RangeError(`card sequence out of range: ${sequence}`)
  }
  const body =
    CARD_NUMBER_PREFIX + String(sequence).padStart(BODY_LENGTH - CARD_NUMBER_PREFIX.length, '0')
  return body + String(luhnCheckDigit(body))
}

/** True for 12 digits whose last digit is the Luhn check digit of the first 11. */
export function isValidCardNumber(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false
  return luhnCheckDigit(value.slice(0, BODY_LENGTH)) === Number(value[BODY_LENGTH])
}

/** The card number as printed on the card: groups of four (8600 0000 0017). */
export function formatCardNumber(value: string): string {
  return value.replace(/(\d{4})(?=\d)/g, '$1 ')
}

/** A member's referral code (推荐码), derived from the card sequence so it is unique and stable. */
export function referralCodeForSequence(sequence: number): string {
  return 'R' + sequence.toString(36).toUpperCase().padStart(5, '0')
}
