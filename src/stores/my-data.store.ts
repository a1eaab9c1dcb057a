import { create } from 'zustand'
import { fieldErrors } from '@/contracts/define'
import type { ApiError } from '@/contracts/error-codes'
import { correctDataInput } from '@/contracts/member.contract'
import type { MyDataExport, MyDataView, WithdrawalView } from '@/contracts/privacy'
import { privacyApi, type PrivacyApi } from '@/services/privacy.api'
import { invalidForm } from './form-input'
import { retryableRequest } from './retryable-request'
import type { LoadStatus } from './session.store'

/** The correction form as typed; `phoneCode` is WeChat's phone authorisation (mini-program). */
export type CorrectionDraft = {
  realName: string
  shopName: string
  shopAddress: string
  mobile: string
  phoneCode: string
  birthday: string
}

/** The form filled with the member's current data. */
export const draftOf = (data: MyDataView): CorrectionDraft => ({
  realName: data.realName,
  shopName: data.shopName,
  shopAddress: data.shopAddress,
  mobile: data.mobile,
  phoneCode: '',
  birthday: data.birthday,
})

/** What the correction sends: only the fields that differ from the current data. */
export function correctionOf(draft: CorrectionDraft, data: MyDataView): Record<string, string> {
  const input: Record<string, string> = {}
  for (const field of ['realName', 'shopName', 'shopAddress', 'birthday'] as const) {
    if (draft[field].trim() !== data[field]) input[field] = draft[field]
  }
  if (draft.phoneCode) input.phoneCode = draft.phoneCode
  else if (draft.mobile.trim() !== data.mobile) input.mobile = draft.mobile
  return input
}

/** How much an export holds, for the summary above the download button. */
export function exportSummary(exported: MyDataExport): { label: string; count: number }[] {
  return [
    { label: '积分明细', count: exported.points.ledger.length },
    { label: '兑换券', count: exported.vouchers.length },
    { label: '星级记录', count: exported.stars.length },
    { label: '活动报名', count: exported.signups.length },
    { label: '俱乐部建议', count: exported.suggestions.length },
    { label: '投诉与建议', count: exported.complaints.length },
    { label: '处分记录', count: exported.sanctions.length },
    { label: '消息通知', count: exported.notifications.length },
    { label: '注销申请', count: exported.withdrawals.length },
  ]
}

/** The file an export is saved as: 我的数据-YYYY-MM-DD.json (the day of the export, UTC date). */
export const exportFileName = (exported: MyDataExport) =>
  `我的数据-${exported.exportedAt.slice(0, 10)}.json`

export type MyDataState = {
  status: LoadStatus
  data: MyDataView | null
  /** The open withdrawal request, if any (注销申请处理中). */
  withdrawal: WithdrawalView | null
  error: ApiError | null
  saving: boolean
  fieldErrors: Record<string, string>
  exporting: boolean
  exported: MyDataExport | null
  withdrawing: boolean
  load(): Promise<void>
  /** Saves the fields that changed; field errors land in `fieldErrors`. */
  correct(draft: CorrectionDraft): Promise<ApiError | null>
  clearField(field: string): void
  exportData(): Promise<ApiError | null>
  requestWithdrawal(reason: string): Promise<ApiError | null>
  cancelWithdrawal(): Promise<ApiError | null>
}

/**
 * 我的数据: the member's own data, its correction and export, and withdrawal. Re-consent is the
 * consent store's (the tab pages ask for it).
 */
export function createMyDataStore(
  api: Pick<
    PrivacyApi,
    | 'myData'
    | 'correctData'
    | 'exportData'
    | 'myWithdrawal'
    | 'requestWithdrawal'
    | 'cancelWithdrawal'
  >,
) {
  const pendingCorrection = retryableRequest()
  const pendingExport = retryableRequest()
  const pendingWithdrawal = retryableRequest()

  return create<MyDataState>()((set, get) => ({
    status: 'idle',
    data: null,
    withdrawal: null,
    error: null,
    saving: false,
    fieldErrors: {},
    exporting: false,
    exported: null,
    withdrawing: false,
    async load() {
      set((s) => ({ status: s.data ? s.status : 'loading' }))
      const [data, withdrawal] = await Promise.all([api.myData(), api.myWithdrawal()])
      if (!data.ok) {
        // No account any more (withdrawn, or another identity): nothing of the old data stays.
        const gone = data.error.code.startsWith('AUTH.')
        return set({
          status: 'error',
          error: data.error,
          ...(gone ? { data: null, withdrawal: null, exported: null } : {}),
        })
      }
      set({
        status: 'ready',
        data: data.data,
        withdrawal: withdrawal.ok ? withdrawal.data : get().withdrawal,
        error: null,
      })
    },
    async correct(draft) {
      const data = get().data
      if (!data || get().saving) return null
      const parsed = correctDataInput.safeParse(correctionOf(draft, data))
      if (!parsed.success) {
        const failure = invalidForm(fieldErrors(parsed.error))
        set({ fieldErrors: failure.fields ?? {} })
        return failure
      }
      set({ saving: true, fieldErrors: {} })
      const res = await api.correctData(parsed.data, pendingCorrection.idFor(parsed.data))
      pendingCorrection.settle(res.ok ? null : res.error)
      set({ saving: false, fieldErrors: res.ok ? {} : (res.error.fields ?? {}) })
      if (!res.ok) return res.error
      await get().load()
      return null
    },
    clearField(field) {
      const { [field]: _removed, ...rest } = get().fieldErrors
      set({ fieldErrors: rest })
    },
    async exportData() {
      if (get().exporting) return null
      set({ exporting: true })
      const res = await api.exportData(pendingExport.idFor('export'))
      pendingExport.settle(res.ok ? null : res.error)
      set({ exporting: false, ...(res.ok ? { exported: res.data } : {}) })
      return res.ok ? null : res.error
    },
    async requestWithdrawal(reason) {
      if (get().withdrawing) return null
      const trimmed = reason.trim() || undefined
      set({ withdrawing: true })
      const res = await api.requestWithdrawal(
        trimmed,
        pendingWithdrawal.idFor({ request: trimmed ?? null }),
      )
      pendingWithdrawal.settle(res.ok ? null : res.error)
      set({ withdrawing: false, ...(res.ok ? { withdrawal: res.data } : {}) })
      return res.ok ? null : res.error
    },
    async cancelWithdrawal() {
      if (get().withdrawing) return null
      set({ withdrawing: true })
      const res = await api.cancelWithdrawal(pendingWithdrawal.idFor({ cancel: true }))
      pendingWithdrawal.settle(res.ok ? null : res.error)
      set({ withdrawing: false, ...(res.ok ? { withdrawal: null } : {}) })
      return res.ok ? null : res.error
    },
  }))
}

export const useMyDataStore = createMyDataStore(privacyApi)
