import { shanghaiDate } from '../shared/calendar'
import { ok, type Result } from '../shared/result'
import { voucherNotFound, voucherNotYet, voucherUsed } from './points.errors'

export type Voucher = {
  memberId: string
  status: 'issued' | 'used'
  pickupDate: string
}

/**
 * A voucher may be used at the counter once, by the member it was issued to, from its pickup
 * date on (Shanghai). There are no returns after redemption (SPEC §5).
 */
export function checkVoucherUse<V extends Voucher>(
  voucher: V | null,
  memberId: string | null,
  now: Date,
): Result<V> {
  if (!voucher || (memberId !== null && voucher.memberId !== memberId)) return voucherNotFound()
  if (voucher.status === 'used') return voucherUsed()
  if (shanghaiDate(now) < voucher.pickupDate) return voucherNotYet(voucher.pickupDate)
  return ok(voucher)
}
