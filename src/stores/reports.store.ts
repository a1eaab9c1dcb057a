import { create } from 'zustand'
import type { ApiError } from '@/contracts/error-codes'
import type { AdminReport, ReportExport, ReportSection } from '@/contracts/reports'
import { shanghaiYear } from '@/domain/shared/calendar'
import { reportsApi, type ReportsApi } from '@/services/reports.api'
import { retryableRequest } from './retryable-request'
import type { LoadStatus } from './session.store'

export type ReportsState = {
  year: number
  report: AdminReport | null
  status: LoadStatus
  error: ApiError | null
  /** The section being exported, to show its button busy. */
  exporting: ReportSection | null
  /** Loads the report of `year` (the year shown stays until it arrives). */
  load(year: number): Promise<void>
  exportSection(section: ReportSection): Promise<{ file: ReportExport } | { error: ApiError }>
}

/** 报表 (admin): a year's report, and each section's CSV export. */
export function createReportsStore(
  api: Pick<ReportsApi, 'reports' | 'exportReport'>,
  now: () => Date = () => new Date(),
) {
  const pendingExport = retryableRequest()
  let latest = 0

  return create<ReportsState>()((set, get) => ({
    year: shanghaiYear(now()),
    report: null,
    status: 'idle',
    error: null,
    exporting: null,
    async load(year) {
      const ticket = ++latest
      set({ year, status: 'loading', error: null })
      const res = await api.reports(year)
      // A slower answer about another year must not replace the year asked for last.
      if (ticket !== latest) return
      if (res.ok) set({ status: 'ready', report: res.data })
      else set({ status: 'error', error: res.error })
    },
    async exportSection(section) {
      const { year } = get()
      set({ exporting: section })
      const res = await api.exportReport(year, section, pendingExport.idFor({ year, section }))
      pendingExport.settle(res.ok ? null : res.error)
      set({ exporting: null })
      return res.ok ? { file: res.data } : { error: res.error }
    },
  }))
}

export const useReportsStore = createReportsStore(reportsApi)
