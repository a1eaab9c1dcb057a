import { create } from 'zustand'
import type { ApiError } from '@/contracts/error-codes'
import { fieldErrors } from '@/contracts/define'
import {
  earnPurchaseInput,
  type CardholderView,
  type PurchaseOutcome,
  type VoucherView,
} from '@/contracts/points.contract'
import { parseYuan } from '@/domain/points/money'
import type { PurchaseCategory } from '@/domain/points/purchase'
import { cardApi, type CardApi } from '@/services/card.api'
import { pointsApi, type PointsApi } from '@/services/points.api'
import { newRequestId } from '@/services/request-id'

/** What the counter answers before any member's code was checked. */
const CARD_NOT_SHOWN: ApiError = {
  code: 'POINTS.CARD_NOT_SHOWN',
  message: '请先扫描会员出示的会员码',
}

export type DraftLine = { category: PurchaseCategory; yuan: string }

/** What the counter did last, shown while it waits for the next member's code. */
export type LastDone =
  | { kind: 'purchase'; realName: string; cardNo: string; outcome: PurchaseOutcome }
  | { kind: 'voucher'; realName: string; cardNo: string; itemName: string }

export type CounterState = {
  cardholder: CardholderView | null
  looking: boolean
  sending: boolean
  fieldErrors: Record<string, string>
  error: ApiError | null
  /** The last sale or voucher handed over; the counter is back to "scan the next member". */
  lastDone: LastDone | null
  lookup(cardNo: string): Promise<void>
  /** Checks the code the member shows (SPEC §6: the card must be shown), then loads the member. */
  verifyCode(code: string): Promise<void>
  recordPurchase(draft: {
    lines: DraftLine[]
    voucherCodes: string[]
    receiptNo: string
  }): Promise<boolean>
  markVoucherUsed(code: string): Promise<{ voucher: VoucherView } | { error: ApiError }>
  reset(): void
}

/**
 * The clerk's counter (门店收银): verify the code on the card shown, record a purchase (amounts
 * typed in yuan, sent in fen), and hand over rewards against their vouchers. After each sale or
 * voucher the member is let go, so the next sale cannot land on their card: the counter waits for
 * the next code, with what was done summarised.
 */
export function createCounterStore(api: PointsApi, cards: Pick<CardApi, 'verify'>) {
  /** Kept while a purchase is unconfirmed, so a resend after a network failure is the same request. */
  let pending: { requestId: string; payload: string } | null = null

  return create<CounterState>()((set, get) => ({
    cardholder: null,
    looking: false,
    sending: false,
    fieldErrors: {},
    error: null,
    lastDone: null,
    async lookup(cardNo) {
      set({ looking: true, error: null, fieldErrors: {} })
      const res = await api.lookupCard(cardNo)
      if (res.ok) set({ looking: false, cardholder: res.data })
      else
        set({
          looking: false,
          cardholder: null,
          error: res.error,
          fieldErrors: res.error.fields ?? {},
        })
    },
    async verifyCode(code) {
      set({ looking: true, error: null, fieldErrors: {}, cardholder: null })
      const res = await cards.verify(code.trim(), newRequestId())
      if (!res.ok) {
        // Said once: under the field when the answer names it, below the buttons otherwise.
        set({ looking: false, error: res.error, fieldErrors: res.error.fields ?? {} })
        return
      }
      await get().lookup(res.data.cardNo)
    },
    async recordPurchase(draft) {
      const cardholder = get().cardholder
      if (!cardholder) return false
      const lineErrors: Record<string, string> = {}
      const lines = draft.lines.map((line, i) => {
        const amountFen = parseYuan(line.yuan)
        if (amountFen === null || amountFen === 0)
          lineErrors[`lines.${i}.amountFen`] = '请输入正确的金额，如 128.50'
        return { category: line.category, amountFen: amountFen ?? 0 }
      })
      if (Object.keys(lineErrors).length) {
        set({ fieldErrors: lineErrors })
        return false
      }
      const parsed = earnPurchaseInput.safeParse({
        cardNo: cardholder.cardNo,
        lines,
        voucherCodes: draft.voucherCodes,
        receiptNo: draft.receiptNo,
      })
      if (!parsed.success) {
        set({ fieldErrors: fieldErrors(parsed.error) })
        return false
      }
      const payload = JSON.stringify(parsed.data)
      if (pending?.payload !== payload) pending = { requestId: newRequestId(), payload }
      set({ sending: true, error: null, fieldErrors: {} })
      const res = await api.earnPurchase(parsed.data, pending.requestId)
      if (!res.ok) {
        if (res.error.code !== 'NETWORK' && res.error.code !== 'SYS.INTERNAL') pending = null
        set({ sending: false, error: res.error, fieldErrors: res.error.fields ?? {} })
        return false
      }
      pending = null
      set({
        sending: false,
        cardholder: null,
        lastDone: {
          kind: 'purchase',
          realName: cardholder.realName,
          cardNo: cardholder.cardNo,
          outcome: res.data,
        },
      })
      return true
    },
    async markVoucherUsed(code) {
      // Only to the holder, whose card this clerk has just verified.
      const cardholder = get().cardholder
      if (!cardholder) return { error: CARD_NOT_SHOWN }
      const res = await api.useVoucher(code.trim().toUpperCase(), cardholder.cardNo, newRequestId())
      if (!res.ok) return { error: res.error }
      set({
        cardholder: null,
        error: null,
        fieldErrors: {},
        lastDone: {
          kind: 'voucher',
          realName: cardholder.realName,
          cardNo: cardholder.cardNo,
          itemName: res.data.itemName,
        },
      })
      return { voucher: res.data }
    },
    reset() {
      pending = null
      set({ cardholder: null, error: null, fieldErrors: {} })
    },
  }))
}

export const useCounterStore = createCounterStore(pointsApi, cardApi)
