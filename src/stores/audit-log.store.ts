import { create } from 'zustand'
import { fieldErrors } from '@/contracts/define'
import type { ApiError } from '@/contracts/error-codes'
import { auditLogInput, type AuditEntryView, type AuditLogQuery } from '@/contracts/reports'
import { reportsApi, type ReportsApi } from '@/services/reports.api'
import { invalidForm } from './form-input'
import type { LoadStatus } from './session.store'

/** The filters as typed: blank means "any". */
export type AuditFilters = {
  actorId: string
  member: string
  action: string
  from: string
  to: string
}

export const NO_FILTERS: AuditFilters = { actorId: '', member: '', action: '', from: '', to: '' }

/** Records fetched per page (加载更多 fetches the next). */
export const AUDIT_PAGE = 20

export type AuditLogState = {
  filters: AuditFilters
  items: AuditEntryView[]
  total: number
  status: LoadStatus
  error: ApiError | null
  loadingMore: boolean
  /** Searches from the first page; a refused filter comes back with its field messages. */
  search(filters: AuditFilters): Promise<ApiError | null>
  loadMore(): Promise<void>
}

/** The filters as the contract takes them: blanks left out, the rest trimmed. */
function queryOf(filters: AuditFilters): AuditLogQuery {
  const query: Record<string, string> = {}
  for (const [key, value] of Object.entries(filters)) if (value.trim()) query[key] = value.trim()
  return query
}

/** 审计日志 (admin): audit records filtered by actor, member, action and dates, page by page. */
export function createAuditLogStore(api: Pick<ReportsApi, 'auditLog'>) {
  let latest = 0

  return create<AuditLogState>()((set, get) => ({
    filters: NO_FILTERS,
    items: [],
    total: 0,
    status: 'idle',
    error: null,
    loadingMore: false,
    async search(filters) {
      const query = { ...queryOf(filters), offset: 0, limit: AUDIT_PAGE }
      const parsed = auditLogInput.safeParse(query)
      if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
      const ticket = ++latest
      set({ filters, status: 'loading', error: null })
      const res = await api.auditLog(query)
      // A slower answer to an older search must not replace the newest one.
      if (ticket !== latest) return null
      if (!res.ok) {
        set({ status: 'error', error: res.error })
        return res.error
      }
      set({ status: 'ready', items: res.data.items, total: res.data.total })
      return null
    },
    async loadMore() {
      const { filters, items, total, loadingMore } = get()
      if (loadingMore || items.length >= total) return
      const ticket = latest
      set({ loadingMore: true })
      const res = await api.auditLog({
        ...queryOf(filters),
        offset: items.length,
        limit: AUDIT_PAGE,
      })
      if (ticket !== latest) return set({ loadingMore: false })
      if (res.ok) {
        set((s) => ({
          loadingMore: false,
          items: [...s.items, ...res.data.items],
          total: res.data.total,
        }))
      } else set({ loadingMore: false, error: res.error })
    },
  }))
}

export const useAuditLogStore = createAuditLogStore(reportsApi)
