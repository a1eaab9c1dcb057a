import type {
  AdminReport,
  AuditLogPage,
  AuditLogQuery,
  ReportExport,
  ReportSection,
} from '@/contracts/reports'
import { callFunction } from './cloud'

/** The admin reports (SPEC §11) and the audit log, both actions of the admin function. */
export const reportsApi = {
  reports: (year: number) => callFunction<AdminReport>('admin', 'reports', { year }),
  exportReport: (year: number, report: ReportSection, requestId: string) =>
    callFunction<ReportExport>('admin', 'exportReport', { year, report }, requestId),
  auditLog: (query: AuditLogQuery) => callFunction<AuditLogPage>('admin', 'auditLog', query),
}
export type ReportsApi = typeof reportsApi
