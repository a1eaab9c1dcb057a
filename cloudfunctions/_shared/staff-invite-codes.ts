import { createHash, randomBytes } from 'node:crypto'
import { INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH } from '../../src/domain/staff/invite-code'

/**
 * A fresh staff invite code: `INVITE_CODE_LENGTH` symbols of a 32-symbol alphabet from as many
 * random bytes (the low 5 bits of each, unbiased), 100 bits in all.
 */
export const newInviteCode = (): string =>
  Array.from(randomBytes(INVITE_CODE_LENGTH), (b) => INVITE_CODE_ALPHABET[b & 31]).join('')

/**
 * What is stored of a code: its SHA-256. The code carries 100 random bits, so the hash cannot be
 * turned back into it, and a plain hash (no key) lets the first-admin script write an invite
 * without the functions' data key.
 */
export const inviteCodeHash = (code: string): string =>
  createHash('sha256').update(`staff-invite:${code}`).digest('hex')
