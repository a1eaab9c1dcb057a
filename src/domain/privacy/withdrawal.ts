import type { MemberStatus } from '../member/member'
import { addWorkingDays, shanghaiDate } from '../shared/calendar'
import { ok, type Result } from '../shared/result'
import {
  accountClosed,
  withdrawalClosed,
  withdrawalNotFound,
  withdrawalPending,
} from './privacy.errors'

/**
 * A member's request to withdraw from the platform (注销账号, SPEC §9): `requested` until staff
 * confirm it (the account is then closed and the personal data erased) or the member takes it back.
 */
export type WithdrawalStatus = 'requested' | 'confirmed' | 'cancelled'

export type Withdrawal = {
  id: string
  memberId: string
  /** Why, in the member's words (optional); erased with the rest at confirmation. */
  reason: string | null
  requestedAt: string
  /** The last Shanghai date (YYYY-MM-DD) by which staff should handle it. */
  dueOn: string
  status: WithdrawalStatus
  confirmedBy: string | null
  confirmedAt: string | null
  cancelledAt: string | null
  version: number
}

/** Staff handle a withdrawal within 5 working days (SPEC §9). */
export const WITHDRAWAL_WORKING_DAYS = 5

/** Closed accounts: cancelled by a sanction (SPEC §8) or withdrawn (SPEC §9). */
export const isClosedAccount = (status: MemberStatus): boolean =>
  status === 'cancelled' || status === 'withdrawn'

/**
 * The due date of a withdrawal requested at `requestedAt`: 5 working days (Monday–Friday) after the
 * Shanghai calendar day of the request, so a Friday request is due the next Friday and a Saturday or
 * Sunday one the Friday after. Public holidays (春节, 国庆 …) are not modelled: they count as
 * working days, which only ever makes the target earlier, never later.
 */
export function withdrawalDueOn(requestedAt: Date): string {
  return addWorkingDays(shanghaiDate(requestedAt), WITHDRAWAL_WORKING_DAYS)
}

/**
 * A member asks to withdraw. Any account not yet withdrawn may: an applicant too (the request
 * erases the application), and a member whose account a sanction cancelled (their personal data is
 * still held until they ask). One open request per member; the reason is optional.
 */
export function requestWithdrawal(request: {
  id: string
  memberId: string
  memberStatus: MemberStatus
  open: Withdrawal | null
  reason: string | null
  now: Date
}): Result<Withdrawal> {
  if (request.memberStatus === 'withdrawn') return accountClosed()
  if (request.open) return withdrawalPending()
  return ok({
    id: request.id,
    memberId: request.memberId,
    reason: request.reason,
    requestedAt: request.now.toISOString(),
    dueOn: withdrawalDueOn(request.now),
    status: 'requested',
    confirmedBy: null,
    confirmedAt: null,
    cancelledAt: null,
    version: 1,
  })
}

/** The member takes back an open request before staff confirm it; nothing else changes. */
export function cancelWithdrawal(open: Withdrawal | null, now: Date): Result<Withdrawal> {
  if (!open) return withdrawalNotFound()
  if (open.status !== 'requested') return withdrawalClosed()
  return ok({
    ...open,
    status: 'cancelled',
    cancelledAt: now.toISOString(),
    version: open.version + 1,
  })
}

/**
 * Staff confirm an open request (any time before or after its due date). The member's reason is
 * dropped with the rest of their personal data; the record keeps only the anonymous member id.
 */
export function confirmWithdrawal(
  open: Withdrawal | null,
  staffId: string,
  now: Date,
): Result<Withdrawal> {
  if (!open) return withdrawalNotFound()
  if (open.status !== 'requested') return withdrawalClosed()
  return ok({
    ...open,
    reason: null,
    status: 'confirmed',
    confirmedBy: staffId,
    confirmedAt: now.toISOString(),
    version: open.version + 1,
  })
}

/** Overdue: still open after its due date has passed in Shanghai (the due date itself is on time). */
export function isWithdrawalOverdue(withdrawal: Withdrawal, now: Date): boolean {
  return withdrawal.status === 'requested' && shanghaiDate(now) > withdrawal.dueOn
}
