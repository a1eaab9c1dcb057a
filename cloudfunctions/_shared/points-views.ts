import type { LedgerEntryView, VoucherView } from '../../src/contracts/points.contract'
import type { LedgerEntry } from '../../src/domain/points/points'
import type { VoucherRecord } from './ports'

/** A ledger row as the member sees it (no lot bookkeeping, no actor ids). */
export const entryView = (e: LedgerEntry): LedgerEntryView => ({
  id: e.id,
  type: e.type,
  label: e.label,
  points: e.points,
  reference: e.reference,
  at: e.at,
  note: e.note,
  purchase: e.purchase ?? null,
})

export const voucherView = (v: VoucherRecord): VoucherView => ({
  code: v.code,
  itemName: v.itemName,
  points: v.points,
  faceValueFen: v.faceValueFen,
  pickupDate: v.pickupDate,
  status: v.status,
  issuedAt: v.issuedAt,
  usedAt: v.usedAt,
})
