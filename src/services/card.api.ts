import type { MyCardView, VerifiedCardView } from '@/contracts/card.contract'
import { callFunction } from './cloud'

export const cardApi = {
  mine: () => callFunction<MyCardView>('card', 'mine'),
  verify: (code: string, requestId: string) =>
    callFunction<VerifiedCardView>('card', 'verify', { code }, requestId),
  /** 挂失补卡 of the caller's own card, or (reviewer) of `memberId`'s. */
  rekey: (requestId: string, memberId?: string) =>
    callFunction<{ cardNo: string; version: number }>(
      'card',
      'rekey',
      memberId ? { memberId } : {},
      requestId,
    ),
}
export type CardApi = typeof cardApi
