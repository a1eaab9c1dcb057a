import { randomBytes } from 'node:crypto'
import type { IdGenerator } from './ports'

/** Crockford's base-32 alphabet: no I, L, O or U to misread at the counter. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * Time-ordered ids: 9 base-36 chars of milliseconds, 4 of a counter within the millisecond (so ids
 * one process makes in the same millisecond still sort in the order they were made), then 8 random
 * hex chars.
 */
export function createIdGenerator(now: () => number = Date.now): IdGenerator {
  let lastMs = -1
  let sequence = 0
  return {
    next: () => {
      const ms = Math.max(now(), lastMs)
      sequence = ms === lastMs ? sequence + 1 : 0
      lastMs = ms
      return (
        ms.toString(36).padStart(9, '0') +
        sequence.toString(36).padStart(4, '0') +
        randomBytes(4).toString('hex')
      )
    },
    code: (prefix, length) =>
      prefix + Array.from(randomBytes(length), (b) => CODE_ALPHABET[b % 32]).join(''),
  }
}
