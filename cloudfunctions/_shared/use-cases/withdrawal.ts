import type {
  StaffWithdrawalPage,
  WithdrawalConfirmed,
  WithdrawalView,
} from '../../../src/contracts/privacy'
import { memberNotFound } from '../../../src/domain/member/member.errors'
import { maskMobile } from '../../../src/domain/privacy/mask'
import { withdrawalPending } from '../../../src/domain/privacy/privacy.errors'
import {
  cancelWithdrawal,
  confirmWithdrawal,
  isWithdrawalOverdue,
  requestWithdrawal,
  type Withdrawal,
} from '../../../src/domain/privacy/withdrawal'
import { writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { closeAccount } from '../account-closure'
import { settleCreditsOf } from '../points-credit'
import { auditOf } from '../audit'
import { requireMember, requireStaff, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import type { Deps, Repositories } from '../ports'
import { eraseMember } from './erase-member'
import { withdrawalViewOf } from './withdrawal-views'

const openOf = (mine: Withdrawal[]) => mine.find((w) => w.status === 'requested') ?? null

/** The member's open withdrawal request, or null: what 我的数据 shows (注销申请处理中). */
export async function myWithdrawal(
  deps: Deps,
  caller: Caller,
): Promise<Result<WithdrawalView | null>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  const open = openOf(await deps.store.read.withdrawals.forMember(member.data.id))
  return ok(open && withdrawalViewOf(open))
}

/**
 * 申请注销 (SPEC §9): the member asks to withdraw; staff handle it within 5 working days. One open
 * request per member: its id counts the member's requests, so two racing requests collide.
 */
export async function requestMyWithdrawal(
  deps: Deps,
  caller: Caller,
  input: { reason?: string },
  requestId: string,
): Promise<Result<WithdrawalView>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  const key = { requestId, openid: caller.openid, fn: 'member', action: 'requestWithdrawal' }
  return idempotent(deps, key, async (tx) => {
    const record = await tx.members.byId(member.data.id)
    if (!record) return memberNotFound()
    const mine = await tx.withdrawals.forMember(record.id)
    const decided = requestWithdrawal({
      id: `wd-${record.id}-${mine.length + 1}`,
      memberId: record.id,
      memberStatus: record.status,
      open: openOf(mine),
      reason: input.reason ?? null,
      now: deps.clock.now(),
    })
    if (!decided.ok) return decided
    if (!(await tx.withdrawals.save(decided.data)).ok) return withdrawalPending()
    return ok(withdrawalViewOf(decided.data))
  })
}

/** 撤回申请: the member takes back their open request before staff confirm it. */
export async function cancelMyWithdrawal(
  deps: Deps,
  caller: Caller,
  requestId: string,
): Promise<Result<WithdrawalView>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  const key = { requestId, openid: caller.openid, fn: 'member', action: 'cancelWithdrawal' }
  return idempotent(deps, key, async (tx) => {
    const open = openOf(await tx.withdrawals.forMember(member.data.id))
    const decided = cancelWithdrawal(open, deps.clock.now())
    if (!decided.ok) return decided
    if (!(await tx.withdrawals.save(decided.data)).ok) return writeConflict()
    return ok(withdrawalViewOf(decided.data))
  })
}

/** The member of a request as staff see it: enough to recognise them, mobile masked. */
async function staffViewOf(deps: Deps, repos: Repositories, w: Withdrawal, now: Date) {
  const member = await repos.members.byId(w.memberId)
  return {
    ...withdrawalViewOf(w),
    memberId: w.memberId,
    realName: member?.realName ?? '',
    mobileMasked: member?.mobile.enc ? maskMobile(deps.cipher.open(member.mobile)) : '',
    shopName: member?.shopName ?? '',
    cardNo: member?.cardNo ?? null,
    memberStatus: member?.status ?? null,
    overdue: isWithdrawalOverdue(w, now),
  }
}

/** 注销申请 (reviewers and admins): open requests, soonest due first, overdue ones flagged. */
export async function listWithdrawals(
  deps: Deps,
  caller: Caller,
  input: { offset: number; limit: number },
): Promise<Result<StaffWithdrawalPage>> {
  const staff = await requireStaff(deps, caller, 'reviewer')
  if (!staff.ok) return staff
  const now = deps.clock.now()
  const repos = deps.store.read
  const page = await repos.withdrawals.listOpen(input.offset, input.limit)
  const items = await Promise.all(page.items.map((w) => staffViewOf(deps, repos, w, now)))
  return ok({ items, total: page.total, asOf: now.toISOString() })
}

/**
 * 确认注销 (SPEC §9), in one transaction: the account is closed (points cleared by one ledger
 * entry, card revoked, club ended, event places given back), then the member's personal data is
 * erased (see `eraseMember`), the request is marked confirmed and `member.withdraw` is audited
 * with no personal data. No `withdrawal.confirmed` message is queued: the openid it would go to is
 * erased in the same transaction, and the member saw the due date when asking. Once it has
 * committed, the store scrubs the old copies from its own files (`Store.afterErasure`); a retry of
 * the request scrubs again.
 */
export async function confirmMemberWithdrawal(
  deps: Deps,
  caller: Caller,
  input: { id: string },
  requestId: string,
): Promise<Result<WithdrawalConfirmed>> {
  const staff = await requireStaff(deps, caller, 'reviewer')
  if (!staff.ok) return staff
  const key = { requestId, openid: caller.openid, fn: 'admin', action: 'confirmWithdrawal' }
  // The closure clears the balance: with every purchase on file in it (points-credit.ts).
  const requested = await deps.store.read.withdrawals.byId(input.id)
  if (requested) await settleCreditsOf(deps, requested.memberId)
  const result = await idempotent(deps, key, async (tx) => {
    const now = deps.clock.now()
    const request = await tx.withdrawals.byId(input.id)
    const confirmed = confirmWithdrawal(request, staff.data.id, now)
    if (!confirmed.ok) return confirmed
    const member = await tx.members.byId(confirmed.data.memberId)
    if (!member) return memberNotFound()
    // 1. Close the account.
    const closed = await closeAccount(tx, {
      member,
      status: 'withdrawn',
      entryId: `closure-${confirmed.data.id}`,
      actorId: staff.data.id,
      requestId,
      now,
    })
    if (!closed.ok) return closed
    // 2. The request, confirmed and without its reason, before the erasure looks for reasons.
    if (!(await tx.withdrawals.save(confirmed.data)).ok) return writeConflict()
    // 3. Erase.
    const erased = await eraseMember(deps, tx, { original: member, closed: closed.data, now })
    if (!erased.ok) return erased
    // 4. Audit, anonymous id and states only.
    await tx.audit.append(
      auditOf(deps, staff.data, {
        action: 'member.withdraw',
        targetType: 'member',
        targetId: member.id,
        before: { status: member.status, version: member.version },
        after: {
          status: erased.data.status,
          version: erased.data.version,
          withdrawalId: confirmed.data.id,
        },
        reason: null,
        requestId,
        now,
      }),
    )
    return ok({ id: confirmed.data.id, memberId: member.id, status: confirmed.data.status })
  })
  // 5. Once committed: no copy of the erased data may stay behind in the store's own files.
  if (result.ok && !(await deps.store.afterErasure())) {
    deps.logger.error('erased data awaits a checkpoint held up by a reader', { requestId })
  }
  return result
}
