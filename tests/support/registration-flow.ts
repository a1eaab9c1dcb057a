import type { Caller } from '../../cloudfunctions/_shared/caller'
import type { Deps, StaffRecord } from '../../cloudfunctions/_shared/ports'
import { approveRegistration } from '../../cloudfunctions/_shared/use-cases/approve-registration'
import { registerMember } from '../../cloudfunctions/_shared/use-cases/register-member'
import { rejectRegistration } from '../../cloudfunctions/_shared/use-cases/reject-registration'
import type { RegisterInput } from '@/contracts/member.contract'
import { aRegistration } from './builders'
import { addStaff, newRequestId } from './test-deps'

/** The caller as the server context gives it: an openid, no unionid. */
export const callerOf = (openid: string): Caller => ({ openid, unionid: null })

let applicantCount = 0
/** A fresh WeChat openid for someone who has no account yet. */
export const newOpenid = (prefix = 'o_applicant') => `${prefix}_${++applicantCount}`

/** Registers `form` for `openid` and returns the new member's id; fails the test if refused. */
export async function registered(
  deps: Deps,
  openid: string,
  form: RegisterInput = aRegistration(),
): Promise<string> {
  const result = await registerMember(deps, callerOf(openid), form, newRequestId())
  if (!result.ok) throw new Error(`registration refused: ${JSON.stringify(result.error)}`)
  return result.data.memberId
}

/** Approves a registration as `reviewer` and returns the card number; fails the test if refused. */
export async function approved(
  deps: Deps,
  reviewer: StaffRecord,
  memberId: string,
): Promise<string> {
  const result = await approveRegistration(
    deps,
    callerOf(reviewer.openid),
    { memberId },
    newRequestId(),
  )
  if (!result.ok) throw new Error(`approval refused: ${JSON.stringify(result.error)}`)
  return result.data.cardNo as string
}

/** Rejects a registration as `reviewer` with `reason`; fails the test if refused. */
export async function rejected(
  deps: Deps,
  reviewer: StaffRecord,
  memberId: string,
  reason = '许可证号与营业执照不符',
): Promise<void> {
  const result = await rejectRegistration(
    deps,
    callerOf(reviewer.openid),
    { memberId, reason },
    newRequestId(),
  )
  if (!result.ok) throw new Error(`rejection refused: ${JSON.stringify(result.error)}`)
}

/** Registers and approves a retailer; returns their ids and card number. */
export async function anActiveMember(
  deps: Deps,
  reviewer: StaffRecord,
  form: RegisterInput = aRegistration(),
) {
  const openid = newOpenid('o_member')
  const memberId = await registered(deps, openid, form)
  const cardNo = await approved(deps, reviewer, memberId)
  return { openid, memberId, cardNo, form }
}

/**
 * People who are not reviewers, each made on demand: a clerk, an active member, an applicant and a
 * guest with no account. `deps` is read when a case runs (after beforeEach has set it).
 */
export function nonReviewers(deps: () => Deps): [string, () => Promise<string>][] {
  return [
    ['a clerk', async () => (await addStaff(deps(), 'clerk')).openid],
    [
      'an active member',
      async () => (await anActiveMember(deps(), await addStaff(deps(), 'reviewer'))).openid,
    ],
    [
      'an applicant',
      async () => {
        const openid = newOpenid()
        await registered(deps(), openid)
        return openid
      },
    ],
    ['a guest with no account', async () => newOpenid('o_guest')],
  ]
}
