import { create } from 'zustand'
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import type { MemberSelfView } from '@/contracts/member.contract'
import { starRose } from '@/domain/star/star'
import { deviceStorage } from '@/services/device-storage'

type Standing = Pick<MemberSelfView, 'id' | 'status' | 'star' | 'previousStar' | 'starYear'>

export type StarMomentState = {
  /** Member id → the last year whose new star this phone has celebrated. */
  celebrated: Record<string, number>
  /** True when `member` reached a higher star this year and has not seen it marked here yet. */
  isDue(member: Standing): boolean
  /** The member closed the moment: not again this year on this phone. */
  dismiss(member: Standing): void
}

/**
 * 升星时刻: the first time a member opens the app after reaching a higher star than last year's,
 * the app celebrates it once (SPEC §3: members are notified of their new star; the subscribe
 * message is the notice, this is the moment). Kept on the device, like the card.
 */
export function createStarMomentStore(storage: StateStorage) {
  return create<StarMomentState>()(
    persist(
      (set, get) => ({
        celebrated: {},
        isDue: (member) =>
          member.status === 'active' &&
          starRose(member.previousStar, member.star) &&
          (get().celebrated[member.id] ?? 0) < member.starYear,
        dismiss: (member) =>
          set((s) => ({ celebrated: { ...s.celebrated, [member.id]: member.starYear } })),
      }),
      {
        name: 'club-star-moment',
        storage: createJSONStorage(() => storage),
        partialize: (state) => ({ celebrated: state.celebrated }),
      },
    ),
  )
}

export const useStarMomentStore = createStarMomentStore(deviceStorage)
