import { cardholderIsStaff, ownCardAtCounter } from '../../src/domain/staff/staff.errors'
import { isActiveStaff } from '../../src/domain/staff/staff'
import type { Failure } from '../../src/domain/shared/result'
import { auditOf } from './audit'
import type { Deps, MemberRecord, StaffRecord } from './ports'

/**
 * SPEC §1: staff never hold a member account. Legacy data may (a console edit made a member staff):
 * a card whose holder's openid is active staff — the clerk's own, or a colleague's — is refused at
 * every counter action (verify, look-up, purchase, voucher, check-in), and the attempt is audited
 * (`staff.counterRefused`), so the admin sees who tried. Checked before the action reads or writes
 * anything else; an unknown card is left to the action's own answer.
 */
export async function refuseStaffCardholder(
  deps: Deps,
  clerk: StaffRecord,
  cardNo: string,
  attempt: { action: string; requestId: string },
): Promise<Failure | null> {
  const member = await deps.store.read.members.byCardNo(cardNo)
  if (!member) return null
  const holder = await deps.store.read.staff.byOpenid(member.openid)
  return refuseKnownStaffCardholder(deps, clerk, cardNo, { member, holder }, attempt)
}

/** `refuseStaffCardholder` on the cardholder and their staff account (if any) already read. */
export async function refuseKnownStaffCardholder(
  deps: Deps,
  clerk: StaffRecord,
  cardNo: string,
  { member, holder }: { member: MemberRecord | null; holder: StaffRecord | null },
  attempt: { action: string; requestId: string },
): Promise<Failure | null> {
  if (!member || !holder || !isActiveStaff(holder)) return null
  const own = holder.id === clerk.id
  await deps.store.transaction((tx) =>
    tx.audit.append(
      auditOf(deps, clerk, {
        action: 'staff.counterRefused',
        targetType: 'member',
        targetId: member.id,
        before: null,
        after: { attempt: attempt.action, cardNo, holderStaffId: holder.id },
        reason: own ? 'own card' : 'cardholder is staff',
        requestId: attempt.requestId,
        now: deps.clock.now(),
      }),
    ),
  )
  return own ? ownCardAtCounter() : cardholderIsStaff()
}
