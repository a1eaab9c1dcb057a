import { create } from 'zustand'
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import type { MyCardView } from '@/contracts/card.contract'
import type { ApiError } from '@/contracts/error-codes'
import { cardCode, digitCode, timeStep } from '@/domain/card/card-code'
import { cardApi, type CardApi } from '@/services/card.api'
import { deviceStorage } from '@/services/device-storage'
import { newRequestId } from '@/services/request-id'
import { decodeBase64 } from '@/domain/shared/base64'

export type CardState = {
  /** The card as last synced, kept on the device so codes can be made offline. */
  card: MyCardView | null
  syncedAt: string | null
  /**
   * The server's clock minus the phone's, in ms, as seen at the last sync (0 before any): codes
   * are made at the server's time, so a phone whose clock is off still shows codes that verify.
   */
  skewMs: number
  error: ApiError | null
  syncing: boolean
  sync(): Promise<void>
  rekey(): Promise<ApiError | null>
  /** The server's time when the phone's clock shows `now`. */
  serverTimeAt(now: Date): Date
  /** The code to show at the phone's `now`, derived from the kept secret; null without a usable card. */
  codeAt(now: Date): string | null
  /** The numeric code under the QR at the phone's `now` (typed when the scanner fails); null likewise. */
  digitsAt(now: Date): string | null
}

/**
 * The member card (会员卡, SPEC §6): synced from the server when possible, otherwise the kept copy.
 * The code changes every 30 s and is made on the phone, like a payment code, at the server's time
 * (the phone's plus the skew measured at sync). `deviceNow` is the phone's clock.
 */
export function createCardStore(
  api: CardApi,
  storage: StateStorage,
  deviceNow: () => Date = () => new Date(),
) {
  return create<CardState>()(
    persist(
      (set, get) => ({
        card: null,
        syncedAt: null,
        skewMs: 0,
        error: null,
        syncing: false,
        async sync() {
          set({ syncing: true })
          const res = await api.mine()
          if (res.ok) {
            const syncedAt = deviceNow()
            const serverTime = Date.parse(res.data.serverTime)
            set({
              card: res.data,
              syncedAt: syncedAt.toISOString(),
              skewMs: Number.isFinite(serverTime) ? serverTime - syncedAt.getTime() : 0,
              error: null,
              syncing: false,
            })
          } else
            set({
              error: res.error,
              syncing: false,
              ...(res.error.code === 'NETWORK' ? {} : { card: null }),
            })
        },
        async rekey() {
          const res = await api.rekey(newRequestId())
          if (!res.ok) return res.error
          await get().sync()
          return null
        },
        serverTimeAt(now) {
          return new Date(now.getTime() + get().skewMs)
        },
        codeAt(now) {
          const card = get().card
          if (!card?.usable) return null
          return cardCode(decodeBase64(card.secret), card, timeStep(get().serverTimeAt(now)))
        },
        digitsAt(now) {
          const card = get().card
          if (!card?.usable) return null
          return digitCode(decodeBase64(card.secret), card, timeStep(get().serverTimeAt(now)))
        },
      }),
      {
        name: 'club-member-card',
        storage: createJSONStorage(() => storage),
        partialize: (state) => ({
          card: state.card,
          syncedAt: state.syncedAt,
          skewMs: state.skewMs,
        }),
      },
    ),
  )
}

export const useCardStore = createCardStore(cardApi, deviceStorage)
