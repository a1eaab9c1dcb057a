import type { Page } from '@/contracts/page'
import type {
  CardholderView,
  CatalogueItemView,
  EarnPurchaseInput,
  LedgerEntryView,
  PointsOverview,
  PurchaseOutcome,
  VoucherView,
} from '@/contracts/points.contract'
import { callFunction } from './cloud'

export const pointsApi = {
  overview: () => callFunction<PointsOverview>('points', 'overview'),
  history: (offset: number, limit: number) =>
    callFunction<Page<LedgerEntryView>>('points', 'history', { offset, limit }),
  catalogue: () => callFunction<CatalogueItemView[]>('points', 'catalogue'),
  redeem: (itemId: string, pickupDate: string | undefined, requestId: string) =>
    callFunction<VoucherView>(
      'points',
      'redeem',
      { itemId, ...(pickupDate ? { pickupDate } : {}) },
      requestId,
    ),
  vouchers: () => callFunction<VoucherView[]>('points', 'vouchers'),
  lookupCard: (cardNo: string) => callFunction<CardholderView>('points', 'lookupCard', { cardNo }),
  earnPurchase: (input: EarnPurchaseInput, requestId: string) =>
    callFunction<PurchaseOutcome>('points', 'earnPurchase', input, requestId),
  useVoucher: (code: string, requestId: string) =>
    callFunction<VoucherView>('points', 'useVoucher', { code }, requestId),
}
export type PointsApi = typeof pointsApi
