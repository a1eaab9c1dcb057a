import { create } from 'zustand'
import type { ApiError } from '@/contracts/error-codes'
import type {
  CatalogueItemView,
  LedgerEntryView,
  PointsOverview,
  VoucherView,
} from '@/contracts/points.contract'
import { pointsApi, type PointsApi } from '@/services/points.api'
import { newRequestId } from '@/services/request-id'
import type { LoadStatus } from './session.store'

export const HISTORY_PAGE_SIZE = 20

export type PointsState = {
  status: LoadStatus
  overview: PointsOverview | null
  history: LedgerEntryView[]
  historyTotal: number
  loadingMore: boolean
  catalogue: CatalogueItemView[]
  vouchers: VoucherView[]
  error: ApiError | null
  /** The item being redeemed, to disable its button meanwhile. */
  redeemingId: string | null
  load(): Promise<void>
  loadMore(): Promise<void>
  loadCatalogue(): Promise<void>
  loadVouchers(): Promise<void>
  redeem(
    itemId: string,
    pickupDate?: string,
  ): Promise<{ voucher: VoucherView } | { error: ApiError }>
}

/** The member's points (积分): balance, expiring soon, history a page at a time, rewards, vouchers. */
export function createPointsStore(api: PointsApi) {
  return create<PointsState>()((set, get) => ({
    status: 'idle',
    overview: null,
    history: [],
    historyTotal: 0,
    loadingMore: false,
    catalogue: [],
    vouchers: [],
    error: null,
    redeemingId: null,
    async load() {
      set((s) => ({ status: s.overview ? s.status : 'loading' }))
      const [overview, history] = await Promise.all([
        api.overview(),
        api.history(0, HISTORY_PAGE_SIZE),
      ])
      if (!overview.ok) return set({ status: 'error', error: overview.error })
      if (!history.ok) return set({ status: 'error', error: history.error })
      set({
        status: 'ready',
        error: null,
        overview: overview.data,
        history: history.data.items,
        historyTotal: history.data.total,
      })
    },
    async loadMore() {
      const { history, historyTotal, loadingMore } = get()
      if (loadingMore || history.length >= historyTotal) return
      set({ loadingMore: true })
      const page = await api.history(history.length, HISTORY_PAGE_SIZE)
      if (!page.ok) return set({ loadingMore: false, error: page.error })
      const known = new Set(history.map((e) => e.id))
      set({
        loadingMore: false,
        history: [...history, ...page.data.items.filter((e) => !known.has(e.id))],
        historyTotal: page.data.total,
      })
    },
    async loadCatalogue() {
      const res = await api.catalogue()
      if (res.ok) set({ catalogue: res.data, error: null })
      else set({ error: res.error })
    },
    async loadVouchers() {
      const res = await api.vouchers()
      if (res.ok) set({ vouchers: res.data, error: null })
      else set({ error: res.error })
    },
    async redeem(itemId, pickupDate) {
      set({ redeemingId: itemId })
      const res = await api.redeem(itemId, pickupDate, newRequestId())
      set({ redeemingId: null })
      if (!res.ok) return { error: res.error }
      await Promise.all([get().load(), get().loadCatalogue(), get().loadVouchers()])
      return { voucher: res.data }
    },
  }))
}

export const usePointsStore = createPointsStore(pointsApi)
