import { create } from 'zustand'
import { fieldErrors } from '@/contracts/define'
import type { ApiError } from '@/contracts/error-codes'
import type { JobProgress } from '@/contracts/jobs.contract'
import {
  memberStarsInput,
  overrideStarInput,
  setThresholdsInput,
  starImportInput,
  type MemberStarsView,
  type StarImportReport,
  type StarSettingsView,
} from '@/contracts/star-club'
import { adminApi, type AdminApi } from '@/services/admin.api'
import { jobsApi, type JobsApi } from '@/services/jobs.api'
import { newRequestId } from '@/services/request-id'
import { retryableRequest } from './retryable-request'
import { invalidForm, numberOf } from './form-input'
import type { LoadStatus } from './session.store'

export type StarAdminApi = Pick<
  AdminApi,
  | 'starSettings'
  | 'setStarThresholds'
  | 'previewStarImport'
  | 'applyStarImport'
  | 'memberStars'
  | 'overrideStar'
>
export type AdjustmentApi = Pick<JobsApi, 'adjustStars' | 'adjustmentProgress'>

/** One press of 执行年度调整 makes at most this many calls; a run not done by then can be resumed. */
export const MAX_ADJUSTMENT_CALLS = 50

export type StarAdminState = {
  /** 年度星级调整: the run for a year's earnings. */
  progress: JobProgress | null
  progressError: ApiError | null
  running: boolean
  loadProgress(year: number): Promise<void>
  runAdjustment(year: number): Promise<ApiError | null>

  /** 升星门槛. */
  settings: StarSettingsView | null
  settingsStatus: LoadStatus
  savingThresholds: boolean
  loadSettings(): Promise<void>
  saveThresholds(effectiveYear: string, thresholds: string[]): Promise<ApiError | null>

  /** 星级导入: the report of the file last checked, and whether it was applied. */
  report: StarImportReport | null
  importing: boolean
  previewImport(year: string, csv: string): Promise<ApiError | null>
  applyImport(year: string, csv: string): Promise<ApiError | null>
  clearReport(): void

  /** 星级修改: the member last looked up. */
  member: MemberStarsView | null
  memberError: ApiError | null
  overriding: boolean
  findMember(cardNo: string): Promise<ApiError | null>
  override(star: number, reason: string): Promise<ApiError | null>
}

/** The admin's star desk: the yearly adjustment, thresholds, the import and overrides. */
export function createStarAdminStore(admin: StarAdminApi, jobs: AdjustmentApi) {
  const pendingThresholds = retryableRequest()
  const pendingImport = retryableRequest()
  const pendingOverride = retryableRequest()

  return create<StarAdminState>()((set, get) => ({
    progress: null,
    progressError: null,
    running: false,
    async loadProgress(year) {
      const res = await jobs.adjustmentProgress(year)
      if (res.ok) set({ progress: res.data, progressError: null })
      else set({ progressError: res.error })
    },
    async runAdjustment(year) {
      if (get().running) return null
      set({ running: true, progressError: null })
      // Each call adjusts as many members as fit in one function's time and answers with the
      // run's progress; keep calling until the year is done.
      for (let call = 0; call < MAX_ADJUSTMENT_CALLS; call += 1) {
        const res = await jobs.adjustStars(year, newRequestId())
        if (!res.ok) {
          set({ running: false, progressError: res.error })
          return res.error
        }
        set({ progress: res.data })
        if (res.data.status === 'done') break
      }
      set({ running: false })
      return null
    },

    settings: null,
    settingsStatus: 'idle',
    savingThresholds: false,
    async loadSettings() {
      set((s) => ({ settingsStatus: s.settings ? s.settingsStatus : 'loading' }))
      const res = await admin.starSettings()
      if (res.ok) set({ settingsStatus: 'ready', settings: res.data })
      else set({ settingsStatus: 'error' })
    },
    async saveThresholds(effectiveYear, thresholds) {
      const parsed = setThresholdsInput.safeParse({
        effectiveYear: numberOf(effectiveYear),
        thresholds: thresholds.map(numberOf),
      })
      if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
      set({ savingThresholds: true })
      const res = await admin.setStarThresholds(parsed.data, pendingThresholds.idFor(parsed.data))
      pendingThresholds.settle(res.ok ? null : res.error)
      set({ savingThresholds: false })
      if (!res.ok) return res.error
      set({ settings: res.data, settingsStatus: 'ready' })
      return null
    },

    report: null,
    importing: false,
    async previewImport(year, csv) {
      const parsed = starImportInput.safeParse({ year: numberOf(year), csv })
      if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
      set({ importing: true, report: null })
      const res = await admin.previewStarImport(parsed.data)
      set({ importing: false, report: res.ok ? res.data : null })
      return res.ok ? null : res.error
    },
    async applyImport(year, csv) {
      const parsed = starImportInput.safeParse({ year: numberOf(year), csv })
      if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
      set({ importing: true })
      const res = await admin.applyStarImport(parsed.data, pendingImport.idFor(parsed.data))
      pendingImport.settle(res.ok ? null : res.error)
      set({ importing: false })
      if (!res.ok) return res.error
      set({ report: res.data })
      return null
    },
    clearReport() {
      set({ report: null })
    },

    member: null,
    memberError: null,
    overriding: false,
    async findMember(cardNo) {
      const parsed = memberStarsInput.safeParse({ cardNo: cardNo.replace(/\s+/g, '') })
      if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
      const res = await admin.memberStars(parsed.data.cardNo)
      set({ member: res.ok ? res.data : null, memberError: res.ok ? null : res.error })
      return res.ok ? null : res.error
    },
    async override(star, reason) {
      const member = get().member
      if (!member) return null
      const parsed = overrideStarInput.safeParse({ memberId: member.memberId, star, reason })
      if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
      set({ overriding: true })
      const res = await admin.overrideStar(parsed.data, pendingOverride.idFor(parsed.data))
      pendingOverride.settle(res.ok ? null : res.error)
      set({ overriding: false })
      if (!res.ok) return res.error
      set({ member: res.data })
      return null
    },
  }))
}

export const useStarAdminStore = createStarAdminStore(adminApi, jobsApi)
