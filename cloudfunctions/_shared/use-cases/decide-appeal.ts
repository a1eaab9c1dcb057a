import type { StaffSanctionPage, StaffSanctionView } from '../../../src/contracts/discipline'
import { sanctionNotFound } from '../../../src/domain/discipline/discipline.errors'
import {
  decideAppeal as decide,
  overturnEffect,
  type AppealDecision,
  type Sanction,
} from '../../../src/domain/discipline/sanction'
import { writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { auditOf } from '../audit'
import { requireStaff, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import type { Deps, MemberRecord, Repositories } from '../ports'
import { memberAuditState } from '../review-audit'
import { liftSuspension, reinstateAccount } from '../sanction-effects'
import { staffSanctionView, staffSanctionViews } from '../sanction-views'

/** Appeals waiting for a decision, oldest first (admin). */
export async function listAppeals(
  deps: Deps,
  caller: Caller,
  input: { offset: number; limit: number },
): Promise<Result<StaffSanctionPage>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const page = await deps.store.read.sanctions.appealsPending(input.offset, input.limit)
  return ok({
    items: await staffSanctionViews(deps.store.read, page.items, deps.cipher),
    total: page.total,
  })
}

/** What an overturn undoes on the account, inside the deciding transaction. */
async function undo(
  tx: Repositories,
  before: Sanction,
  member: MemberRecord,
  by: { actorId: string; requestId: string; note: string; now: Date },
): Promise<Result<MemberRecord>> {
  switch (overturnEffect(before, member.status)) {
    case 'lift-suspension':
      return liftSuspension(tx, member, by.now)
    case 'reinstate':
      return reinstateAccount(tx, { member, cancellation: before, ...by })
    case 'none':
      return ok(member)
  }
}

/**
 * An admin decides an appeal (SPEC §8), once and finally, with a note the member reads. Upheld
 * changes nothing else; overturned undoes the sanction: a running suspension ends (member and
 * club active again), a cancellation is reversed (account reinstated with its points and card),
 * a warning is only marked. Audited; the member is notified.
 */
export async function decideAppeal(
  deps: Deps,
  caller: Caller,
  input: { sanctionId: string; decision: AppealDecision; note: string },
  requestId: string,
): Promise<Result<StaffSanctionView>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const key = { requestId, openid: caller.openid, fn: 'admin', action: 'decideAppeal' }
  return idempotent(deps, key, async (tx) => {
    const sanction = await tx.sanctions.byId(input.sanctionId)
    const member = sanction ? await tx.members.byId(sanction.memberId) : null
    if (!sanction || !member) return sanctionNotFound()
    const now = deps.clock.now()
    const decided = decide(
      sanction,
      { decision: input.decision, note: input.note, adminId: admin.data.id },
      now,
    )
    if (!decided.ok) return decided
    const note = decided.data.appeal?.note ?? input.note
    // 1. The decision, then what an overturn undoes (both or neither).
    if (!(await tx.sanctions.save(decided.data)).ok) return writeConflict()
    const after =
      input.decision === 'overturned'
        ? await undo(tx, sanction, member, {
            actorId: admin.data.id,
            requestId,
            note,
            now,
          })
        : ok(member)
    if (!after.ok) return after
    // 2. The audit trail and the member's notification.
    await tx.audit.append(
      auditOf(deps, admin.data, {
        action: 'appeal.decide',
        targetType: 'sanction',
        targetId: sanction.id,
        before: { state: sanction.state, decision: null, member: memberAuditState(member) },
        after: {
          state: decided.data.state,
          decision: input.decision,
          member: memberAuditState(after.data),
        },
        reason: note,
        requestId,
        now,
      }),
    )
    await tx.outbox.add({
      id: `appeal-decided:${sanction.id}`,
      memberId: member.id,
      kind: 'appeal.decided',
      payload: { sanctionId: sanction.id, kind: sanction.kind, decision: input.decision, note },
      createdAt: now.toISOString(),
      status: 'pending',
    })
    return ok(staffSanctionView(decided.data, after.data, deps.cipher))
  })
}
