import type { MemberStatus } from '../member/member'
import { shanghaiDate, isCalendarDate } from '../shared/calendar'
import { forbidden, invalidInput } from '../shared/common.errors'
import { ok, type Result } from '../shared/result'
import {
  alreadyAppealed,
  appealDecided,
  endDateInvalid,
  memberNotSanctionable,
  noAppeal,
  notAppealable,
} from './discipline.errors'

/** The three sanctions (处分) of SPEC §8, from the mildest: 警告, 暂停 (with an end date), 注销. */
export const SANCTION_KINDS = ['warning', 'suspension', 'cancellation'] as const
export type SanctionKind = (typeof SANCTION_KINDS)[number]

/** `in_force` until a suspension runs out (`ended`) or an appeal succeeds (`overturned`). */
export type SanctionState = 'in_force' | 'ended' | 'overturned'

export const APPEAL_DECISIONS = ['upheld', 'overturned'] as const
export type AppealDecision = (typeof APPEAL_DECISIONS)[number]

/** The member's one appeal (申诉) and the admin's final decision on it. */
export type Appeal = {
  text: string
  filedAt: string
  decision: AppealDecision | null
  note: string | null
  decidedBy: string | null
  decidedAt: string | null
}

export type Sanction = {
  id: string
  memberId: string
  kind: SanctionKind
  reason: string
  /** Suspension only: the last Shanghai calendar day (YYYY-MM-DD) the member is suspended. */
  endsOn: string | null
  issuedBy: string
  issuedAt: string
  state: SanctionState
  appeal: Appeal | null
  version: number
}

/** The longest suspension an admin may give, in days from today (a setting of the club). */
export const MAX_SUSPENSION_DAYS = 365

/** Lengths of what people type, in characters after trimming. */
export const SANCTION_REASON_LENGTH = { min: 5, max: 200 } as const
export const APPEAL_TEXT_LENGTH = { min: 5, max: 500 } as const
export const DECISION_NOTE_LENGTH = { min: 2, max: 200 } as const

const lengthOk = (text: string, bounds: { min: number; max: number }) =>
  text.length >= bounds.min && text.length <= bounds.max
const lengthMessage = (label: string, bounds: { min: number; max: number }) =>
  `${label}为${bounds.min}–${bounds.max}个字`

/** The calendar date `days` after `date` (both YYYY-MM-DD); pure date arithmetic, no time zone. */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00.000Z`)
  at.setUTCDate(at.getUTCDate() + days)
  return at.toISOString().slice(0, 10)
}

/** Which account states each sanction may be given in. */
const SANCTIONABLE: Record<SanctionKind, readonly MemberStatus[]> = {
  warning: ['active'],
  suspension: ['active'],
  // A suspended member may still be cancelled: the harsher sanction is never blocked by the milder.
  cancellation: ['active', 'suspended'],
}

/** What an admin asks for; the end date only for a suspension. */
export type SanctionDraft = {
  id: string
  memberId: string
  kind: SanctionKind
  reason: string
  endsOn: string | null
  issuedBy: string
}

/**
 * An admin sanctions a member (SPEC §8), with a reason of 5–200 characters. Sanctions apply to
 * active members; a suspended member may additionally be cancelled, but a warning or a second
 * suspension of a suspended one is refused, as is anything for a pending, rejected or closed
 * account. A suspension needs an end date after today (Shanghai) and at most
 * `MAX_SUSPENSION_DAYS` ahead; the other kinds carry none.
 */
export function issueSanction(
  draft: SanctionDraft,
  memberStatus: MemberStatus,
  now: Date,
): Result<Sanction> {
  const reason = draft.reason.trim()
  if (!lengthOk(reason, SANCTION_REASON_LENGTH)) {
    return invalidInput({ reason: lengthMessage('处分原因', SANCTION_REASON_LENGTH) })
  }
  if (!SANCTIONABLE[draft.kind].includes(memberStatus)) return memberNotSanctionable()
  let endsOn: string | null = null
  if (draft.kind === 'suspension') {
    const today = shanghaiDate(now)
    const last = draft.endsOn
    if (
      last === null ||
      !isCalendarDate(last) ||
      last <= today ||
      last > addDays(today, MAX_SUSPENSION_DAYS)
    ) {
      return endDateInvalid(MAX_SUSPENSION_DAYS)
    }
    endsOn = last
  }
  return ok({
    id: draft.id,
    memberId: draft.memberId,
    kind: draft.kind,
    reason,
    endsOn,
    issuedBy: draft.issuedBy,
    issuedAt: now.toISOString(),
    state: 'in_force',
    appeal: null,
    version: 1,
  })
}

/**
 * A suspension is over from 00:00 Shanghai of the day after its `endsOn`: the member is suspended
 * through the whole of that last day. Never true for a warning or a cancellation.
 */
export function suspensionOver(sanction: Sanction, now: Date): boolean {
  return (
    sanction.kind === 'suspension' &&
    sanction.endsOn !== null &&
    shanghaiDate(now) > sanction.endsOn
  )
}

/**
 * A suspension ends by itself once it is over (the daily job): the sanction becomes `ended`.
 * Null when there is nothing to end: not a suspension, not in force, or not over yet.
 */
export function endSuspension(sanction: Sanction, now: Date): Sanction | null {
  if (sanction.state !== 'in_force' || !suspensionOver(sanction, now)) return null
  return { ...sanction, state: 'ended', version: sanction.version + 1 }
}

/** Whether the member may still appeal: once per sanction, and not once it has been overturned. */
export function canAppeal(sanction: Sanction): boolean {
  return sanction.appeal === null && sanction.state !== 'overturned'
}

/**
 * The member appeals a sanction (SPEC §8: once), with 5–500 characters. Only their own: another
 * member's sanction is refused as forbidden (AUTH), whatever its state. An ended suspension may
 * still be appealed (to clear the record); an overturned sanction may not.
 */
export function appealSanction(
  sanction: Sanction,
  appellantId: string,
  text: string,
  now: Date,
): Result<Sanction> {
  if (sanction.memberId !== appellantId) return forbidden()
  if (sanction.appeal !== null) return alreadyAppealed()
  if (sanction.state === 'overturned') return notAppealable()
  const trimmed = text.trim()
  if (!lengthOk(trimmed, APPEAL_TEXT_LENGTH)) {
    return invalidInput({ text: lengthMessage('申诉内容', APPEAL_TEXT_LENGTH) })
  }
  return ok({
    ...sanction,
    appeal: {
      text: trimmed,
      filedAt: now.toISOString(),
      decision: null,
      note: null,
      decidedBy: null,
      decidedAt: null,
    },
    version: sanction.version + 1,
  })
}

/**
 * An admin decides an appeal once, finally (SPEC §8), with a note of 2–200 characters the member
 * reads: `upheld` leaves the sanction as it is; `overturned` marks it overturned (what that
 * undoes on the account is `overturnEffect`). A second decision is refused.
 */
export function decideAppeal(
  sanction: Sanction,
  decision: { decision: AppealDecision; note: string; adminId: string },
  now: Date,
): Result<Sanction> {
  if (sanction.appeal === null) return noAppeal()
  if (sanction.appeal.decision !== null) return appealDecided()
  const note = decision.note.trim()
  if (!lengthOk(note, DECISION_NOTE_LENGTH)) {
    return invalidInput({ note: lengthMessage('裁决说明', DECISION_NOTE_LENGTH) })
  }
  return ok({
    ...sanction,
    state: decision.decision === 'overturned' ? 'overturned' : sanction.state,
    appeal: {
      ...sanction.appeal,
      decision: decision.decision,
      note,
      decidedBy: decision.adminId,
      decidedAt: now.toISOString(),
    },
    version: sanction.version + 1,
  })
}

/**
 * What overturning `sanction` (as it was before the decision) undoes on an account in
 * `memberStatus`: a suspension still in force lifts the suspension (member and club active
 * again); a cancellation reinstates the closed account; a warning, a suspension that already
 * ended, or one whose member has since been cancelled changes nothing on the account.
 */
export function overturnEffect(
  sanction: Sanction,
  memberStatus: MemberStatus,
): 'lift-suspension' | 'reinstate' | 'none' {
  if (sanction.kind === 'suspension' && sanction.state === 'in_force') {
    return memberStatus === 'suspended' ? 'lift-suspension' : 'none'
  }
  if (sanction.kind === 'cancellation' && memberStatus === 'cancelled') return 'reinstate'
  return 'none'
}

/**
 * The suspension a member is serving now (in force and not over), if any: what "suspended until"
 * shows, and what a reinstated account returns to.
 */
export function suspensionInForce(sanctions: readonly Sanction[], now: Date): Sanction | null {
  return (
    sanctions.find(
      (s) => s.kind === 'suspension' && s.state === 'in_force' && !suspensionOver(s, now),
    ) ?? null
  )
}

/**
 * The last day of the suspension a member is shown as serving: the `endsOn` of one still in force
 * (the job may not have ended it yet on the morning after). Null when none is in force.
 */
export function suspendedUntil(sanctions: readonly Sanction[]): string | null {
  return sanctions.find((s) => s.kind === 'suspension' && s.state === 'in_force')?.endsOn ?? null
}

/**
 * The status of an account reinstated by an overturned cancellation: suspended again when a
 * suspension given before the cancellation still runs, otherwise active.
 */
export function statusOnReinstatement(
  otherSanctions: readonly Sanction[],
  now: Date,
): 'active' | 'suspended' {
  return suspensionInForce(otherSanctions, now) ? 'suspended' : 'active'
}
