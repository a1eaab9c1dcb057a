import { randomBytes } from 'node:crypto'
import type { IdGenerator } from './ports'

/** Crockford's base-32 alphabet: no I, L, O or U to misread at the counter. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** Time-ordered ids: 9 base-36 chars of milliseconds then 10 random hex chars. */
export function createIdGenerator(now: () => number = Date.now): IdGenerator {
  return {
    next: () => now().toString(36).padStart(9, '0') + randomBytes(5).toString('hex'),
    code: (prefix, length) =>
      prefix + Array.from(randomBytes(length), (b) => CODE_ALPHABET[b % 32]).join(''),
  }
}
