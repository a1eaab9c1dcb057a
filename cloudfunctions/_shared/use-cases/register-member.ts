import type { RegisterInput, RegisterOutput } from '../../../src/contracts/member.contract'
import { notSignedIn, writeConflict } from '../../../src/domain/shared/common.errors'
import {
  duplicateField,
  phoneCodeInvalid,
  phoneNotVerified,
} from '../../../src/domain/member/member.errors'
import { decideRegistration } from '../../../src/domain/member/registration'
import { isActiveStaff } from '../../../src/domain/staff/staff'
import { ok, type Result } from '../../../src/domain/shared/result'
import type { Caller } from '../caller'
import { idempotent, priorResult } from '../idempotent'
import { openMember, sealMember } from '../member-sealing'
import type { Deps, UniqueField } from '../ports'

/** A retailer registers, or corrects and resubmits a rejected registration (SPEC §2). */
export async function registerMember(
  deps: Deps,
  caller: Caller,
  input: RegisterInput,
  requestId: string,
): Promise<Result<RegisterOutput>> {
  if (!caller.openid) return notSignedIn()
  const key = { requestId, openid: caller.openid, fn: 'member', action: 'register' }
  // 1. A retry returns the first result before the single-use phone code is spent again.
  const prior = await priorResult<RegisterOutput>(deps, key)
  if (prior) return prior
  // 2. The mobile comes from WeChat's phone authorisation, outside the transaction (a network call).
  const mobile = await verifiedMobile(deps, input)
  if (!mobile.ok) return mobile

  // 3. Read, decide and write atomically.
  return idempotent(deps, key, async (tx) => {
    const staff = await tx.staff.byOpenid(caller.openid)
    const existing = await tx.members.byOpenid(caller.openid)
    const referrer = input.referralCode ? await tx.members.byReferralCode(input.referralCode) : null

    const decision = decideRegistration(
      { ...input, mobile: mobile.data },
      {
        newId: deps.ids.next(),
        openid: caller.openid,
        unionid: caller.unionid,
        existing: existing && openMember(existing, deps.cipher),
        callerIsStaff: isActiveStaff(staff),
        policyVersion: deps.settings.policyVersion,
        referrer: referrer && openMember(referrer, deps.cipher),
        now: deps.clock.now(),
      },
    )
    if (!decision.ok) return decision

    const record = sealMember(decision.data, deps.cipher)
    const write = existing ? await tx.members.update(record) : await tx.members.insert(record)
    if (!write.ok)
      return write.conflict === 'version' ? writeConflict() : duplicateOf(write.conflict)
    return ok({ memberId: record.id, status: record.status })
  })
}

/** The applicant's mobile: exchanged from a WeChat phone code, or typed where settings allow it. */
async function verifiedMobile(deps: Deps, input: RegisterInput): Promise<Result<string>> {
  if (input.phoneCode) {
    const mobile = await deps.phones.exchange(input.phoneCode)
    return mobile ? ok(mobile) : phoneCodeInvalid()
  }
  if (deps.settings.phoneSource === 'wechat' || !input.mobile) return phoneNotVerified()
  return ok(input.mobile)
}

function duplicateOf(field: UniqueField) {
  if (field === 'mobile' || field === 'licenceNo' || field === 'openid')
    return duplicateField(field)
  throw new Error(`unexpected unique clash on ${field} while registering`)
}
