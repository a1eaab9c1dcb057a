import dayjs from 'dayjs'
import { create } from 'zustand'
import { fieldErrors } from '@/contracts/define'
import type { ApiError } from '@/contracts/error-codes'
import type { JobProgress } from '@/contracts/jobs.contract'
import {
  adjustInput,
  reverseInput,
  saveItemInput,
  type AdjustmentOutcome,
  type AdminLedgerView,
} from '@/contracts/points.contract'
import { formatFen, parseYuan } from '@/domain/points/money'
import type { RewardItem } from '@/domain/points/redemption'
import { CLUB_TIME_ZONE, shanghaiDate } from '@/domain/shared/calendar'
import { jobsApi, type JobsApi } from '@/services/jobs.api'
import { pointsApi, type PointsApi } from '@/services/points.api'
import { newRequestId } from '@/services/request-id'
import { retryableRequest } from './retryable-request'
import { invalidForm, numberOf } from './form-input'
import type { LoadStatus } from './session.store'

/** The admin's part of the points function. */
export type PointsAdminApi = Pick<
  PointsApi,
  'allItems' | 'saveItem' | 'memberLedger' | 'adjust' | 'reverse'
>

export const LEDGER_PAGE_SIZE = 20
/** One press of 立即执行 makes at most this many calls; a run not done by then can be resumed. */
export const MAX_EXPIRY_CALLS = 20

/** A reward as typed in the admin's form: numbers and yuan as text, dates YYYY-MM-DD or ''. */
export type ItemDraft = {
  /** Absent for a new item. */
  id?: string
  /** The version the edit started from, so a concurrent change is refused, not overwritten. */
  version?: number
  name: string
  imageUrl: string | null
  pointsPrice: string
  stock: string
  /** Optional: blank for goods, the voucher's face value in yuan otherwise. */
  faceValueYuan: string
  availableFrom: string
  availableUntil: string
  active: boolean
}

export type AdjustDraft = { cardNo: string; points: string; reason: string }

export const emptyItemDraft = (): ItemDraft => ({
  name: '',
  imageUrl: null,
  pointsPrice: '',
  stock: '',
  faceValueYuan: '',
  availableFrom: '',
  availableUntil: '',
  active: true,
})

/** The form for editing `item`: its window shown as the Shanghai dates it starts and ends on. */
export function draftOf(item: RewardItem): ItemDraft {
  return {
    id: item.id,
    version: item.version,
    name: item.name,
    imageUrl: item.imageUrl,
    pointsPrice: String(item.pointsPrice),
    stock: String(item.stock),
    faceValueYuan: item.faceValueFen === null ? '' : formatFen(item.faceValueFen).slice(1),
    availableFrom: item.availableFrom ? shanghaiDate(new Date(item.availableFrom)) : '',
    availableUntil: item.availableUntil ? shanghaiDate(new Date(item.availableUntil)) : '',
    active: item.active,
  }
}

/** A Shanghai calendar date (YYYY-MM-DD) → the instant its day begins: '2026-12-01' → '…-11-30T16:00Z'. */
export const shanghaiMidnight = (date: string) => dayjs.tz(date, CLUB_TIME_ZONE).toISOString()

export type PointsAdminState = {
  /** 商品管理: every reward, on offer or not. */
  items: RewardItem[]
  itemsStatus: LoadStatus
  itemsError: ApiError | null
  saving: boolean
  /** Messages for the item form, by field, from the form check or from the function. */
  fieldErrors: Record<string, string>
  loadItems(): Promise<void>
  saveItem(draft: ItemDraft): Promise<ApiError | null>
  clearFieldErrors(): void

  /** 会员积分流水: the ledger of the member last looked up, newest first. */
  ledger: AdminLedgerView | null
  ledgerStatus: LoadStatus
  ledgerError: ApiError | null
  loadingMoreLedger: boolean
  findLedger(cardNo: string): Promise<void>
  loadMoreLedger(): Promise<void>

  /** 手动调整 and 冲正. */
  adjusting: boolean
  lastAdjustment: AdjustmentOutcome | null
  /** The entry whose reversal is being sent, to disable its button meanwhile. */
  reversingId: string | null
  adjust(draft: AdjustDraft): Promise<ApiError | null>
  reverse(entryId: string, reason: string): Promise<ApiError | null>

  /** 积分过期任务: today's run. */
  progress: JobProgress | null
  progressStatus: LoadStatus
  progressError: ApiError | null
  running: boolean
  loadProgress(): Promise<void>
  runExpiry(): Promise<ApiError | null>
}

/**
 * The admin's points desk (积分管理 and 商品管理): the reward catalogue, a member's ledger by card
 * number, corrections by hand and reversals with a reason, and today's points expiry run.
 */
export function createPointsAdminStore(
  points: PointsAdminApi,
  jobs: Pick<JobsApi, 'expirePoints' | 'expiryProgress'>,
) {
  const pendingSave = retryableRequest()
  const pendingAdjust = retryableRequest()
  const pendingReverse = retryableRequest()
  let latestLedger = 0

  return create<PointsAdminState>()((set, get) => ({
    items: [],
    itemsStatus: 'idle',
    itemsError: null,
    saving: false,
    fieldErrors: {},
    async loadItems() {
      set((s) => ({ itemsStatus: s.items.length ? s.itemsStatus : 'loading' }))
      const res = await points.allItems()
      if (res.ok) set({ itemsStatus: 'ready', items: res.data, itemsError: null })
      else set({ itemsStatus: 'error', itemsError: res.error })
    },
    async saveItem(draft) {
      const formErrors: Record<string, string> = {}
      let faceValueFen: number | null = null
      if (draft.faceValueYuan.trim() !== '') {
        faceValueFen = parseYuan(draft.faceValueYuan)
        if (faceValueFen === null) formErrors.faceValueFen = '请输入正确的面值，如 20 或 19.90'
      }
      const parsed = saveItemInput.safeParse({
        ...(draft.id ? { id: draft.id, version: draft.version } : {}),
        name: draft.name,
        imageUrl: draft.imageUrl,
        pointsPrice: numberOf(draft.pointsPrice),
        stock: numberOf(draft.stock),
        faceValueFen,
        availableFrom: draft.availableFrom ? shanghaiMidnight(draft.availableFrom) : null,
        availableUntil: draft.availableUntil ? shanghaiMidnight(draft.availableUntil) : null,
        active: draft.active,
      })
      if (!parsed.success || Object.keys(formErrors).length) {
        const fields = { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...formErrors }
        set({ fieldErrors: fields })
        return invalidForm(fields)
      }
      set({ saving: true, fieldErrors: {} })
      const res = await points.saveItem(parsed.data, pendingSave.idFor(parsed.data))
      pendingSave.settle(res.ok ? null : res.error)
      set({ saving: false, fieldErrors: res.ok ? {} : (res.error.fields ?? {}) })
      const stale =
        !res.ok && (res.error.code === 'SYS.CONFLICT' || res.error.code === 'POINTS.ITEM_NOT_FOUND')
      if (res.ok || stale) await get().loadItems()
      return res.ok ? null : res.error
    },
    clearFieldErrors() {
      set({ fieldErrors: {} })
    },

    ledger: null,
    ledgerStatus: 'idle',
    ledgerError: null,
    loadingMoreLedger: false,
    async findLedger(cardNo) {
      const ticket = ++latestLedger
      set({ ledgerStatus: 'loading', ledgerError: null })
      const res = await points.memberLedger(cardNo, 0, LEDGER_PAGE_SIZE)
      // A slower answer about an earlier card must not replace the card asked for last.
      if (ticket !== latestLedger) return
      if (res.ok) set({ ledgerStatus: 'ready', ledger: res.data })
      else set({ ledgerStatus: 'error', ledger: null, ledgerError: res.error })
    },
    async loadMoreLedger() {
      const { ledger, loadingMoreLedger } = get()
      if (!ledger || loadingMoreLedger || ledger.entries.length >= ledger.total) return
      const ticket = latestLedger
      set({ loadingMoreLedger: true })
      const res = await points.memberLedger(
        ledger.cardholder.cardNo,
        ledger.entries.length,
        LEDGER_PAGE_SIZE,
      )
      if (ticket !== latestLedger) return set({ loadingMoreLedger: false })
      if (!res.ok) return set({ loadingMoreLedger: false, ledgerError: res.error })
      const known = new Set(ledger.entries.map((e) => e.id))
      set({
        loadingMoreLedger: false,
        ledger: {
          ...res.data,
          entries: [...ledger.entries, ...res.data.entries.filter((e) => !known.has(e.id))],
        },
      })
    },

    adjusting: false,
    lastAdjustment: null,
    reversingId: null,
    async adjust(draft) {
      const parsed = adjustInput.safeParse({
        cardNo: draft.cardNo,
        points: numberOf(draft.points),
        reason: draft.reason,
      })
      if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
      set({ adjusting: true, lastAdjustment: null })
      const res = await points.adjust(parsed.data, pendingAdjust.idFor(parsed.data))
      pendingAdjust.settle(res.ok ? null : res.error)
      set({ adjusting: false })
      if (!res.ok) return res.error
      set({ lastAdjustment: res.data })
      // Show the member just corrected, with the new entry on top.
      await get().findLedger(parsed.data.cardNo)
      return null
    },
    async reverse(entryId, reason) {
      const parsed = reverseInput.safeParse({ entryId, reason })
      if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
      set({ reversingId: entryId })
      const res = await points.reverse(
        entryId,
        parsed.data.reason,
        pendingReverse.idFor(parsed.data),
      )
      pendingReverse.settle(res.ok ? null : res.error)
      set({ reversingId: null })
      const cardNo = get().ledger?.cardholder.cardNo
      // Success or a refusal (already reversed, …): either way the rows' 冲正 buttons may be stale.
      if (cardNo && (res.ok || !res.error.fields)) await get().findLedger(cardNo)
      return res.ok ? null : res.error
    },

    progress: null,
    progressStatus: 'idle',
    progressError: null,
    running: false,
    async loadProgress() {
      set((s) => ({ progressStatus: s.progress ? s.progressStatus : 'loading' }))
      const res = await jobs.expiryProgress()
      if (res.ok) set({ progressStatus: 'ready', progress: res.data, progressError: null })
      else set({ progressStatus: 'error', progressError: res.error })
    },
    async runExpiry() {
      if (get().running) return null
      set({ running: true, progressError: null })
      // Each call settles as many accounts as fit in one function's time and answers with the
      // run's progress; keep calling until today's run is done.
      for (let call = 0; call < MAX_EXPIRY_CALLS; call += 1) {
        const res = await jobs.expirePoints(newRequestId())
        if (!res.ok) {
          set({ running: false, progressError: res.error })
          return res.error
        }
        set({ progress: res.data, progressStatus: 'ready' })
        if (res.data.status === 'done') break
      }
      set({ running: false })
      return null
    },
  }))
}

export const usePointsAdminStore = createPointsAdminStore(pointsApi, jobsApi)
