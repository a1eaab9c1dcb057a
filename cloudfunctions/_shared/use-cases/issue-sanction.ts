import type {
  IssueSanctionInput,
  MemberSanctionsView,
  StaffSanctionPage,
  StaffSanctionView,
} from '../../../src/contracts/discipline'
import { issueSanction as issue, type Sanction } from '../../../src/domain/discipline/sanction'
import { memberNotFound } from '../../../src/domain/member/member.errors'
import { writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { closeAccount } from '../account-closure'
import { settleCreditsOf } from '../points-credit'
import { auditOf } from '../audit'
import { requireStaff, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import type { Deps, MemberRecord, Repositories } from '../ports'
import { memberAuditState } from '../review-audit'
import { closureEntryIdOf, suspendAccount } from '../sanction-effects'
import { memberSanctionsView, staffSanctionView, staffSanctionViews } from '../sanction-views'

/** What a sanction does to the account, inside the issuing transaction. */
async function takeEffect(
  tx: Repositories,
  sanction: Sanction,
  member: MemberRecord,
  by: { actorId: string; requestId: string; now: Date },
): Promise<Result<MemberRecord>> {
  switch (sanction.kind) {
    case 'warning':
      return ok(member)
    case 'suspension':
      return suspendAccount(tx, member, by.now)
    case 'cancellation':
      return closeAccount(tx, {
        member,
        status: 'cancelled',
        entryId: closureEntryIdOf(sanction.id),
        actorId: by.actorId,
        requestId: by.requestId,
        now: by.now,
      })
  }
}

/**
 * An admin sanctions a member (SPEC §8): a warning, a suspension until an end date, or a
 * cancellation, each with a reason. In one transaction: the sanction, its effect (a suspension
 * suspends the account and the club; a cancellation closes the account: points cleared by a
 * ledger entry, card revoked, club cancelled, event places given back), an audit record and the
 * member's notification.
 */
export async function issueSanction(
  deps: Deps,
  caller: Caller,
  input: IssueSanctionInput,
  requestId: string,
): Promise<Result<StaffSanctionView>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const key = { requestId, openid: caller.openid, fn: 'admin', action: 'issueSanction' }
  if (input.kind === 'cancellation') {
    // The closure clears the balance: with every purchase on file in it (points-credit.ts).
    const target = input.memberId
      ? await deps.store.read.members.byId(input.memberId)
      : await deps.store.read.members.byCardNo(input.cardNo ?? '')
    if (target) await settleCreditsOf(deps, target.id)
  }
  return idempotent(deps, key, async (tx) => {
    const member = input.memberId
      ? await tx.members.byId(input.memberId)
      : await tx.members.byCardNo(input.cardNo ?? '')
    if (!member) return memberNotFound()
    const now = deps.clock.now()
    const issued = issue(
      {
        id: deps.ids.next(),
        memberId: member.id,
        kind: input.kind,
        reason: input.reason,
        endsOn: input.endsOn ?? null,
        issuedBy: admin.data.id,
      },
      member.status,
      now,
    )
    if (!issued.ok) return issued
    const sanction = issued.data
    // 1. The sanction, then its effect on the account (both or neither).
    if (!(await tx.sanctions.save(sanction)).ok) return writeConflict()
    const after = await takeEffect(tx, sanction, member, {
      actorId: admin.data.id,
      requestId,
      now,
    })
    if (!after.ok) return after
    // 2. The audit trail and the member's notification.
    await tx.audit.append(
      auditOf(deps, admin.data, {
        action: 'sanction.issue',
        targetType: 'member',
        targetId: member.id,
        before: memberAuditState(member),
        after: {
          ...memberAuditState(after.data),
          sanction: { id: sanction.id, kind: sanction.kind, endsOn: sanction.endsOn },
        },
        reason: sanction.reason,
        requestId,
        now,
      }),
    )
    await tx.outbox.add({
      id: `sanction-issued:${sanction.id}`,
      memberId: member.id,
      kind: 'sanction.issued',
      payload: { sanctionId: sanction.id, kind: sanction.kind, endsOn: sanction.endsOn },
      createdAt: now.toISOString(),
      status: 'pending',
    })
    return ok(staffSanctionView(sanction, after.data, deps.cipher))
  })
}

/** Every sanction, newest first, with the member's name and masked mobile (admin). */
export async function listSanctions(
  deps: Deps,
  caller: Caller,
  input: { offset: number; limit: number },
): Promise<Result<StaffSanctionPage>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const page = await deps.store.read.sanctions.list(input.offset, input.limit)
  return ok({
    items: await staffSanctionViews(deps.store.read, page.items, deps.cipher),
    total: page.total,
  })
}

/** A member found by card number, with their sanctions, for the admin's sanction form. */
export async function memberSanctions(
  deps: Deps,
  caller: Caller,
  input: { cardNo: string },
): Promise<Result<MemberSanctionsView>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const member = await deps.store.read.members.byCardNo(input.cardNo)
  if (!member) return memberNotFound()
  return ok(await memberSanctionsView(deps.store.read, member, deps.cipher))
}
