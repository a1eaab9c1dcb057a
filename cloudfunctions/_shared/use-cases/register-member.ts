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
import {
  heldElsewhere,
  openMember,
  sealMember,
  withoutClaimOn,
  type HeldField,
} from '../member-sealing'
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

    // A mobile or licence another member holds is not claimed, and the answer stays the same.
    let record = sealMember(decision.data, deps.cipher)
    for (;;) {
      const write = existing ? await tx.members.update(record) : await tx.members.insert(record)
      if (write.ok) return ok({ memberId: record.id, status: record.status })
      if (write.conflict === 'version') return writeConflict()
      if (!isHeldField(write.conflict) || heldElsewhere(record).includes(write.conflict))
        return duplicateOf(write.conflict)
      record = withoutClaimOn(record, write.conflict)
    }
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

const isHeldField = (field: UniqueField): field is HeldField =>
  field === 'mobile' || field === 'licenceNo'

/** A clash left after the held fields: the same openid registering twice at once. */
function duplicateOf(field: UniqueField) {
  if (field === 'mobile' || field === 'licenceNo' || field === 'openid')
    return duplicateField(field)
  throw new Error(`unexpected unique clash on ${field} while registering`)
}
