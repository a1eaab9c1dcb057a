/**
 * Staff invite codes (员工邀请码): 20 symbols of Crockford's base-32 alphabet (no I, L, O or U to
 * misread), 5 random bits each, so 100 bits: never guessed. Shown grouped by five; typed in any
 * case, with or without the dashes.
 */
export const INVITE_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const INVITE_CODE_LENGTH = 20

const INVITE_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{20}$/

/**
 * A typed or scanned code in its stored form: upper case, spaces and dashes dropped, and the
 * letters Crockford reads as digits (O → 0, I and L → 1) mapped as it says.
 */
export function normaliseInviteCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
}

/** True for a code of the right length and alphabet (after `normaliseInviteCode`). */
export const isInviteCode = (code: string): boolean => INVITE_CODE_PATTERN.test(code)

/** The code as shown and printed: four groups of five (`ABCDE-FGHJK-MNPQR-STVWX`). */
export const formatInviteCode = (code: string): string => (code.match(/.{1,5}/g) ?? []).join('-')
