import { shanghaiYear } from '../shared/calendar'

/** A star level (星级), 1★ to 5★, held for one natural year (SPEC §3). */
export type StarValue = 1 | 2 | 3 | 4 | 5

/** Where a year's star came from: first approval, the yearly rule, an import, or an admin override. */
export type StarSource = 'initial' | 'rule' | 'import' | 'override'

export type StarGrant = {
  memberId: string
  year: number
  star: StarValue
  source: StarSource
  reason: string | null
  grantedAt: string
}

/** A newly approved member holds 1★ for the current (Shanghai) year (SPEC §2). */
export function initialStar(memberId: string, now: Date): StarGrant {
  return {
    memberId,
    year: shanghaiYear(now),
    star: 1,
    source: 'initial',
    reason: null,
    grantedAt: now.toISOString(),
  }
}
