import type { JoinedStaff } from '../../../src/contracts/staff'
import { notSignedIn, writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { acceptInvite } from '../../../src/domain/staff/staff'
import { inviteUsed } from '../../../src/domain/staff/staff.errors'
import { auditOf } from '../audit'
import type { Caller } from '../caller'
import { idempotent } from '../idempotent'
import type { Deps } from '../ports'
import { inviteCodeHash } from '../staff-invite-codes'

/**
 * 接受员工邀请: a WeChat user enters (or scans) an admin's code and becomes staff with its role and
 * name (SPEC §1). Refused to a member account (any status but withdrawn) and to active staff,
 * whatever the code; then an unknown, cancelled, used or expired code is refused. In one
 * transaction: the invite is used up, the account written, the step audited — of two accepts of
 * one code, exactly one makes staff.
 */
export async function acceptStaffInvite(
  deps: Deps,
  caller: Caller,
  input: { code: string },
  requestId: string,
): Promise<Result<JoinedStaff>> {
  if (!caller.openid) return notSignedIn()
  const codeHash = inviteCodeHash(input.code)
  const key = { requestId, openid: caller.openid, fn: 'member', action: 'acceptStaffInvite' }
  return idempotent(deps, key, async (tx) => {
    const now = deps.clock.now()
    const member = await tx.members.byOpenid(caller.openid)
    const staff = await tx.staff.byOpenid(caller.openid)
    const invite = await tx.staff.inviteByCodeHash(codeHash)
    const accepted = acceptInvite(invite, {
      openid: caller.openid,
      newStaffId: deps.ids.next(),
      staff,
      memberStatus: member?.status ?? null,
      now,
    })
    if (!accepted.ok) return accepted

    // 1. The invite first, from the version read: a second accept finds it used, or (on CloudBase,
    // run at the same moment) clashes on it and is run again, and then finds it used.
    if (!(await tx.staff.saveInvite(accepted.data.invite)).ok) return inviteUsed()
    // 2. The account: new, or a revoked one given back with the invite's role and name.
    const account = accepted.data.staff
    const written = staff ? await tx.staff.update(account) : await tx.staff.insert(account)
    if (!written.ok) return writeConflict()
    // 3. Who joined, with which role, from which invite (the new staff member is the actor).
    await tx.audit.append(
      auditOf(deps, account, {
        action: 'staff.accept',
        targetType: 'staff',
        targetId: account.id,
        before: staff ? { role: staff.role, status: staff.status } : null,
        after: {
          role: account.role,
          name: account.name,
          status: account.status,
          inviteId: accepted.data.invite.id,
        },
        reason: null,
        requestId,
        now,
      }),
    )
    return ok({ staffId: account.id, name: account.name, role: account.role })
  })
}
