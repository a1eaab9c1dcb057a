import { ageOn, shanghaiDate } from '../shared/calendar'
import { ok, type Result } from '../shared/result'
import { alreadyRegistered, consentOutdated, referralUnknown, underage } from './member.errors'
import { staffCannotRegister } from '../shared/common.errors'
import type { Member, RegistrationForm } from './member'

/** Registration is open to adults only: at least 18 on the (Shanghai) day of registering (SPEC §2). */
export const MINIMUM_AGE = 18

/**
 * The latest birthday of someone who may register today (Shanghai): `MINIMUM_AGE` years before,
 * as the end of the form's date picker. On a 29 February whose year 18 years back has none, it is
 * that year's 28 February.
 */
export function latestAdultBirthday(now: Date): string {
  const [y, m, d] = shanghaiDate(now).split('-').map(Number) as [number, number, number]
  const year = y - MINIMUM_AGE
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${year}-${pad(m)}-${pad(Math.min(d, lastDay))}`
}

export type RegistrationContext = {
  /** The id for a brand-new member record. */
  newId: string
  openid: string
  unionid: string | null
  /** The caller's existing member record, if any (one account per openid). */
  existing: Member | null
  /** Staff can never hold a member account (SPEC §1). */
  callerIsStaff: boolean
  /** The member agreement / privacy policy version currently in force. */
  policyVersion: string
  /** The active member whose referral code was entered, or null if none matched. */
  referrer: Member | null
  now: Date
}

/**
 * Decides a registration, a correction while it waits for review, or a resubmission after
 * rejection. Refuses staff, a second account for the same openid (an active or closed member),
 * applicants under 18, consent to an outdated policy and unknown referral codes. A pending or
 * rejected applicant's record is reused: it is `pending` again, submitted now, reason cleared.
 */
export function decideRegistration(
  form: RegistrationForm,
  ctx: RegistrationContext,
): Result<Member> {
  if (ctx.callerIsStaff) return staffCannotRegister()
  if (ctx.existing && ctx.existing.status !== 'rejected' && ctx.existing.status !== 'pending') {
    return alreadyRegistered()
  }
  if (ageOn(form.birthday, ctx.now) < MINIMUM_AGE) return underage()
  if (form.consentVersion !== ctx.policyVersion) return consentOutdated()
  if (form.referralCode && (!ctx.referrer || ctx.referrer.status !== 'active')) {
    return referralUnknown()
  }
  if (ctx.referrer && ctx.referrer.openid === ctx.openid) return referralUnknown()

  const at = ctx.now.toISOString()
  const base = ctx.existing
  return ok({
    id: base?.id ?? ctx.newId,
    openid: ctx.openid,
    unionid: ctx.unionid ?? base?.unionid ?? null,
    status: 'pending',
    realName: form.realName,
    mobile: form.mobile,
    shopName: form.shopName,
    shopAddress: form.shopAddress,
    licenceNo: form.licenceNo,
    birthday: form.birthday,
    consentVersion: form.consentVersion,
    consentAt: at,
    referralCode: null,
    referredBy: ctx.referrer?.id ?? null,
    channel: form.channel ?? (ctx.referrer ? 'referral' : null),
    cardNo: null,
    rejectReason: null,
    submittedAt: at,
    reviewedAt: null,
    reviewedBy: null,
    createdAt: base?.createdAt ?? at,
    updatedAt: at,
    version: (base?.version ?? 0) + 1,
  })
}
