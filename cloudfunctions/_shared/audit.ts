import type { AuditRecord, Deps, StaffRecord } from './ports'

/** An audit row for a privileged action (SPEC §1: who, what, when, before/after, reason). */
export function auditOf(
  deps: Pick<Deps, 'ids'>,
  /** The staff member, or the member acting on their own account. */
  staff: Pick<StaffRecord, 'id'> & { role: string },
  what: {
    action: string
    targetType: string
    targetId: string
    before: unknown
    after: unknown
    reason: string | null
    requestId: string
    now: Date
  },
): AuditRecord {
  return {
    id: deps.ids.next(),
    actorId: staff.id,
    actorRole: staff.role,
    action: what.action,
    targetType: what.targetType,
    targetId: what.targetId,
    before: what.before,
    after: what.after,
    reason: what.reason,
    requestId: what.requestId,
    at: what.now.toISOString(),
  }
}
