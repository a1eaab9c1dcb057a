/**
 * Rate limits per caller (docs/security.md): how often one WeChat account may use an action that
 * reveals something (a card, voucher or invite code checked; a registration that answers about a
 * licence number) or costs something (a complaint a person must answer, an export). Counted in the
 * store, so every function instance sees the same count; a fixed window per caller and rule.
 */
export type RateRule = {
  /** Calls allowed per window. */
  points: number
  /** The window, in seconds. */
  perSeconds: number
  /** What the limit protects against, for docs/security.md and the audit of a refusal. */
  threat: string
}

export const RATE_RULES = {
  /** A clerk checking card, voucher or check-in codes: a busy counter scans far fewer. */
  codeCheck: {
    points: 30,
    perSeconds: 60,
    threat: 'guessing a member’s card or voucher code from a clerk’s phone',
  },
  /** Registering or resubmitting: a retailer needs a handful of tries, not dozens. */
  registration: {
    points: 5,
    perSeconds: 3600,
    threat: 'probing which licence numbers and mobiles are registered',
  },
  /** Correcting one's own data (mobile, licence…). */
  dataCorrection: {
    points: 5,
    perSeconds: 3600,
    threat: 'probing registered licence numbers through the correction form',
  },
  /** Accepting a staff invite: the code is long, but guesses are still capped. */
  inviteCode: {
    points: 5,
    perSeconds: 900,
    threat: 'guessing a staff invite code',
  },
  /** Complaints, suggestions and appeals: each one is read and answered by a person. */
  filing: {
    points: 10,
    perSeconds: 86_400,
    threat: 'flooding the service desk and reviewers',
  },
  /** Exports of personal data (a member's own, the attendance list, reports). */
  export: {
    points: 20,
    perSeconds: 3600,
    threat: 'bulk copying of personal data from a stolen session',
  },
} as const satisfies Record<string, RateRule>

export type RateRuleName = keyof typeof RATE_RULES

/** The window a moment falls in, for a rule: calls in the same window count together. */
export function rateWindow(rule: RateRule, now: Date): { index: number; endsAt: Date } {
  const ms = rule.perSeconds * 1000
  const index = Math.floor(now.getTime() / ms)
  return { index, endsAt: new Date((index + 1) * ms) }
}
