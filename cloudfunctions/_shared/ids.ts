import { randomBytes } from 'node:crypto'
import type { IdGenerator } from './ports'

/** Time-ordered ids: 9 base-36 chars of milliseconds then 10 random hex chars. */
export function createIdGenerator(now: () => number = Date.now): IdGenerator {
  return {
    next: () => now().toString(36).padStart(9, '0') + randomBytes(5).toString('hex'),
  }
}
