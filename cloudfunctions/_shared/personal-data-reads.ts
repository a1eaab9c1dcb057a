import { isActiveStaff } from '../../src/domain/staff/staff'
import { auditOf } from './audit'
import type { Caller } from './caller'
import type { Deps } from './ports'

/** At most this many member ids are listed in one read's audit row (a page is at most 100). */
const MEMBERS_LISTED = 200

/**
 * Audits a staff member's read of personal data (docs/security.md): who (the staff account), what
 * (the function and action, the query, the members whose data was answered) and why (the purpose
 * the action declares). A member reading their own data is not audited. When the row cannot be
 * written the read fails: personal data is not shown unaudited.
 */
export async function auditPersonalDataRead(
  deps: Deps,
  caller: Caller,
  read: { fn: string; action: string; input: unknown; purpose: string; answer: unknown },
): Promise<void> {
  const staff = await deps.store.read.staff.byOpenid(caller.openid)
  if (!staff || !isActiveStaff(staff)) return
  const memberIds = membersIn(read.answer)
  await deps.store.transaction((tx) =>
    tx.audit.append(
      auditOf(deps, staff, {
        action: 'personal-data.read',
        targetType: `${read.fn}.${read.action}`,
        targetId: memberIds.length === 1 ? memberIds[0]! : 'list',
        before: { query: read.input },
        after: { memberIds: memberIds.slice(0, MEMBERS_LISTED), members: memberIds.length },
        reason: read.purpose,
        requestId: '',
        now: deps.clock.now(),
      }),
    ),
  )
}

/** Every distinct `memberId` in an answer, in the order they appear. */
function membersIn(answer: unknown): string[] {
  const found = new Set<string>()
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit)
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'memberId' && typeof inner === 'string') found.add(inner)
        else visit(inner)
      }
    }
  }
  visit(answer)
  return [...found]
}
