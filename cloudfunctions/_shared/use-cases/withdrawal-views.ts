import type { WithdrawalView } from '../../../src/contracts/privacy'
import type { Withdrawal } from '../../../src/domain/privacy/withdrawal'

/** A withdrawal request as its member and staff see it. */
export const withdrawalViewOf = (w: Withdrawal): WithdrawalView => ({
  id: w.id,
  status: w.status,
  reason: w.reason,
  requestedAt: w.requestedAt,
  dueOn: w.dueOn,
  confirmedAt: w.confirmedAt,
  cancelledAt: w.cancelledAt,
})
