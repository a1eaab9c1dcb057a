import type { Member } from '../member/member'
import { MINIMUM_AGE } from '../member/registration'
import { underage } from '../member/member.errors'
import { ageOn } from '../shared/calendar'
import { ok, type Result } from '../shared/result'
import { maskAddress, maskBirthday, maskMobile, maskName } from './mask'
import { accountClosed } from './privacy.errors'
import { isClosedAccount } from './withdrawal'

/** What a member may correct themselves (SPEC §9); the licence number changes through staff only. */
export const CORRECTABLE_FIELDS = [
  'realName',
  'mobile',
  'shopName',
  'shopAddress',
  'birthday',
] as const
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number]

/** The new values, already checked field by field with the registration form's rules. */
export type CorrectionForm = Partial<Record<CorrectableField, string>>

export type Correction = {
  member: Member
  /** The fields whose value changed, in form order; empty when everything was already so. */
  changed: CorrectableField[]
}

/**
 * A member corrects their own data. Closed accounts cannot; a birthday must still make them 18 on
 * the day they registered (the registration rule, SPEC §2). Only the fields that differ change; when
 * none does the member is returned as it was (same version), so nothing needs saving.
 */
export function correctMember(member: Member, form: CorrectionForm, now: Date): Result<Correction> {
  if (isClosedAccount(member.status)) return accountClosed()
  if (form.birthday !== undefined && ageOn(form.birthday, new Date(member.createdAt)) < MINIMUM_AGE)
    return underage()
  const changed = CORRECTABLE_FIELDS.filter(
    (field) => form[field] !== undefined && form[field] !== member[field],
  )
  if (changed.length === 0) return ok({ member, changed })
  const updates = Object.fromEntries(changed.map((field) => [field, form[field]]))
  return ok({
    member: { ...member, ...updates, updatedAt: now.toISOString(), version: member.version + 1 },
    changed,
  })
}

const MASKS: Record<CorrectableField, (value: string) => string> = {
  realName: maskName,
  mobile: maskMobile,
  shopName: maskName,
  shopAddress: maskAddress,
  birthday: maskBirthday,
}

/**
 * The before/after of a correction for the audit log: the changed fields only, each masked, so the
 * log never holds personal data in clear (SPEC §9).
 */
export function correctionAudit(
  before: Member,
  after: Member,
  changed: readonly CorrectableField[],
): { before: Record<string, string>; after: Record<string, string> } {
  const masked = (m: Member) =>
    Object.fromEntries(changed.map((field) => [field, MASKS[field](m[field])]))
  return { before: masked(before), after: masked(after) }
}
