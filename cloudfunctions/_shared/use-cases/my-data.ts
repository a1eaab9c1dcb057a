import type { CorrectDataInput } from '../../../src/contracts/member.contract'
import type { ConsentOutcome, CorrectionOutcome, MyDataView } from '../../../src/contracts/privacy'
import type { Member } from '../../../src/domain/member/member'
import {
  duplicateField,
  memberNotFound,
  phoneCodeInvalid,
  phoneNotVerified,
} from '../../../src/domain/member/member.errors'
import { recordConsent } from '../../../src/domain/privacy/consent'
import { correctionAudit, correctMember } from '../../../src/domain/privacy/correction'
import { writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { auditOf } from '../audit'
import { requireMember, type Caller } from '../caller'
import { idempotent, priorResult } from '../idempotent'
import { openMember } from '../member-sealing'
import type { Deps, MemberRecord } from '../ports'

/** The member's own data in clear: the page they read it on (我的数据). */
export function myDataViewOf(member: Member, policyVersion: string): MyDataView {
  return {
    id: member.id,
    status: member.status,
    realName: member.realName,
    mobile: member.mobile,
    shopName: member.shopName,
    shopAddress: member.shopAddress,
    licenceNo: member.licenceNo,
    birthday: member.birthday,
    cardNo: member.cardNo,
    consentVersion: member.consentVersion,
    consentAt: member.consentAt,
    policyVersion,
    channel: member.channel,
    referralCode: member.referralCode,
    createdAt: member.createdAt,
  }
}

/** 我的数据 (SPEC §9): the caller's own data, mobile and licence opened for them alone. */
export async function myData(deps: Deps, caller: Caller): Promise<Result<MyDataView>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  return ok(myDataViewOf(openMember(member.data, deps.cipher), deps.settings.policyVersion))
}

/**
 * The corrected mobile, if any: exchanged from a WeChat phone code, or typed where the settings
 * allow it — the registration's rule (SPEC §2: the mobile comes from WeChat's authorisation).
 */
async function correctedMobile(
  deps: Deps,
  input: Pick<CorrectDataInput, 'mobile' | 'phoneCode'>,
): Promise<Result<string | undefined>> {
  if (input.phoneCode) {
    const mobile = await deps.phones.exchange(input.phoneCode)
    return mobile ? ok(mobile) : phoneCodeInvalid()
  }
  if (input.mobile === undefined) return ok(undefined)
  return deps.settings.phoneSource === 'typed' ? ok(input.mobile) : phoneNotVerified()
}

/**
 * 更正资料 (SPEC §9): the member corrects name, mobile, shop or birthday with the registration's
 * field rules; a mobile held by another member is refused on its field; one versioned update, all
 * or nothing; audited as `member.correct` with masked before/after. The result (stored for
 * retries) carries no personal data: the page reads the data again.
 */
export async function correctData(
  deps: Deps,
  caller: Caller,
  input: CorrectDataInput,
  requestId: string,
): Promise<Result<CorrectionOutcome>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  const key = { requestId, openid: caller.openid, fn: 'member', action: 'correctData' }
  // 1. A retry returns the first result before a single-use phone code is spent again.
  const prior = await priorResult<CorrectionOutcome>(deps, key)
  if (prior) return prior
  // 2. The WeChat exchange is a network call: outside the transaction.
  const mobile = await correctedMobile(deps, input)
  if (!mobile.ok) return mobile

  // 3. Read, decide and write atomically.
  return idempotent(deps, key, async (tx) => {
    const record = await tx.members.byId(member.data.id)
    if (!record) return memberNotFound()
    const before = openMember(record, deps.cipher)
    const now = deps.clock.now()
    const decided = correctMember(
      before,
      {
        realName: input.realName,
        shopName: input.shopName,
        shopAddress: input.shopAddress,
        birthday: input.birthday,
        mobile: mobile.data,
      },
      now,
    )
    if (!decided.ok) return decided
    const { member: after, changed } = decided.data
    if (changed.length === 0) return ok({ changed, version: record.version })

    const { mobile: newMobile, licenceNo: _licence, ...plain } = after
    const updated: MemberRecord = {
      ...record,
      ...plain,
      // Sealed again only when it changed; the licence is never touched here.
      mobile: changed.includes('mobile') ? deps.cipher.seal('mobile', newMobile) : record.mobile,
    }
    const write = await tx.members.update(updated)
    if (!write.ok) return write.conflict === 'mobile' ? duplicateField('mobile') : writeConflict()
    await tx.audit.append(
      auditOf(
        deps,
        { id: record.id, role: 'member' },
        {
          action: 'member.correct',
          targetType: 'member',
          targetId: record.id,
          ...correctionAudit(before, after, changed),
          reason: null,
          requestId,
          now,
        },
      ),
    )
    return ok({ changed, version: updated.version })
  })
}

/**
 * The member agrees to the policy in force again (SPEC §2, §9), prompted when it changed. The
 * version and time are recorded on the account and audited as `member.consent`.
 */
export async function consent(
  deps: Deps,
  caller: Caller,
  input: { version: string },
  requestId: string,
): Promise<Result<ConsentOutcome>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  const key = { requestId, openid: caller.openid, fn: 'member', action: 'consent' }
  return idempotent(deps, key, async (tx) => {
    const record = await tx.members.byId(member.data.id)
    if (!record) return memberNotFound()
    const now = deps.clock.now()
    const decided = recordConsent(
      openMember(record, deps.cipher),
      input.version,
      deps.settings.policyVersion,
      now,
    )
    if (!decided.ok) return decided
    const { member: agreed, changed } = decided.data
    if (changed) {
      const updated: MemberRecord = {
        ...record,
        consentVersion: agreed.consentVersion,
        consentAt: agreed.consentAt,
        updatedAt: agreed.updatedAt,
        version: agreed.version,
      }
      if (!(await tx.members.update(updated)).ok) return writeConflict()
      await tx.audit.append(
        auditOf(
          deps,
          { id: record.id, role: 'member' },
          {
            action: 'member.consent',
            targetType: 'member',
            targetId: record.id,
            before: { consentVersion: record.consentVersion },
            after: { consentVersion: agreed.consentVersion },
            reason: null,
            requestId,
            now,
          },
        ),
      )
    }
    return ok({ consentVersion: agreed.consentVersion, consentAt: agreed.consentAt })
  })
}
