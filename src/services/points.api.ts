import type { Page } from '@/contracts/page'
import type {
  AdjustmentOutcome,
  AdminLedgerView,
  CardholderView,
  CatalogueItemView,
  EarnPurchaseInput,
  LedgerEntryView,
  PointsOverview,
  PurchaseOutcome,
  SaveItemInput,
  VoucherView,
} from '@/contracts/points.contract'
import type { RewardItem } from '@/domain/points/redemption'
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
  useVoucher: (code: string, cardNo: string, requestId: string) =>
    callFunction<VoucherView>('points', 'useVoucher', { code, cardNo }, requestId),
  allItems: () => callFunction<RewardItem[]>('points', 'allItems'),
  saveItem: (input: SaveItemInput, requestId: string) =>
    callFunction<RewardItem>('points', 'saveItem', input, requestId),
  memberLedger: (cardNo: string, offset: number, limit: number) =>
    callFunction<AdminLedgerView>('points', 'memberLedger', { cardNo, offset, limit }),
  adjust: (input: { cardNo: string; points: number; reason: string }, requestId: string) =>
    callFunction<AdjustmentOutcome>('points', 'adjust', input, requestId),
  reverse: (entryId: string, reason: string, requestId: string) =>
    callFunction<AdjustmentOutcome>('points', 'reverse', { entryId, reason }, requestId),
}
export type PointsApi = typeof pointsApi
