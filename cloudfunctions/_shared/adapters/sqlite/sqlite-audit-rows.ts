import type { AuditRecord } from '../../ports'

/** An `audit_log` row as the audit record it stores (before/after kept as JSON text). */
export const rowToAudit = (r: Record<string, unknown>): AuditRecord => ({
  id: r.id as string,
  actorId: r.actor_id as string,
  actorRole: r.actor_role as string,
  action: r.action as string,
  targetType: r.target_type as string,
  targetId: r.target_id as string,
  before: JSON.parse(r.before_json as string),
  after: JSON.parse(r.after_json as string),
  reason: (r.reason as string | null) ?? null,
  requestId: (r.request_id as string | null) ?? null,
  at: r.at as string,
})
