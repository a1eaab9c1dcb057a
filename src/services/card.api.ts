import type { MyCardView, VerifiedCardView } from '@/contracts/card.contract'
import { callFunction } from './cloud'

export const cardApi = {
  mine: () => callFunction<MyCardView>('card', 'mine'),
  verify: (code: string, requestId: string) =>
    callFunction<VerifiedCardView>('card', 'verify', { code }, requestId),
  rekey: (requestId: string) =>
    callFunction<{ cardNo: string; version: number }>('card', 'rekey', {}, requestId),
}
export type CardApi = typeof cardApi
