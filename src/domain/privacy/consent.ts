import type { Member } from '../member/member'
import { consentOutdated } from '../member/member.errors'
import { ok, type Result } from '../shared/result'
import { accountClosed } from './privacy.errors'
import { isClosedAccount } from './withdrawal'

/** Whether the member must be asked to agree again: the policy in force is not the one agreed to. */
export const needsReconsent = (consentVersion: string, policyVersion: string): boolean =>
  consentVersion !== policyVersion

/**
 * A member agrees to the policy again (SPEC §2, §9): only to the version in force (an older one is
 * refused, as at registration), and not on a closed account. Agreeing to the version already
 * recorded changes nothing (`changed: false`, same version and time).
 */
export function recordConsent(
  member: Member,
  version: string,
  policyVersion: string,
  now: Date,
): Result<{ member: Member; changed: boolean }> {
  if (isClosedAccount(member.status)) return accountClosed()
  if (version !== policyVersion) return consentOutdated()
  if (member.consentVersion === version) return ok({ member, changed: false })
  const at = now.toISOString()
  return ok({
    member: {
      ...member,
      consentVersion: version,
      consentAt: at,
      updatedAt: at,
      version: member.version + 1,
    },
    changed: true,
  })
}
