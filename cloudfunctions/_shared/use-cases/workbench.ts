import type { WorkbenchView } from '../../../src/contracts/admin.contract'
import { hasStaffPermission } from '../../../src/domain/member/roles'
import { shanghaiDayRange } from '../../../src/domain/shared/calendar'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireStaff, type Caller } from '../caller'
import type { Deps } from '../ports'
import { checkInEvents } from './event-check-in'

/**
 * 员工工作台: who the staff member is, and what waits for them now — for a clerk the events open
 * for check-in and the sales and check-ins they recorded today; for a reviewer (and an admin) the queues: registrations and club applications to
 * review, open and overdue complaints, withdrawals to confirm. Counts only: no personal data.
 */
export async function workbench(deps: Deps, caller: Caller): Promise<Result<WorkbenchView>> {
  const staff = await requireStaff(deps, caller, ['clerk', 'reviewer', 'admin'])
  if (!staff.ok) return staff
  const read = deps.store.read
  const now = deps.clock.now()
  const isClerk = hasStaffPermission(staff.data.role, 'clerk')
  const checkIns = isClerk ? await checkInEvents(deps, caller) : null
  const day = shanghaiDayRange(now)
  const today = isClerk ? await read.reports.clerkTally(staff.data.id, day.from, day.to) : null
  const reviews = hasStaffPermission(staff.data.role, 'reviewer')
    ? await Promise.all([
        read.members.listByStatus('pending', 0, 1),
        read.clubs.listByState('applied', 0, 1),
        read.complaints.list(false, 0, 1),
        read.complaints.countOverdue(now.toISOString()),
        read.withdrawals.listOpen(0, 1),
      ])
    : null
  return ok({
    name: staff.data.name,
    role: staff.data.role,
    openCheckIns: checkIns?.ok ? checkIns.data.length : 0,
    today,
    queues: reviews && {
      registrations: reviews[0].total,
      clubApplications: reviews[1].total,
      openComplaints: reviews[2].total,
      overdueComplaints: reviews[3],
      withdrawals: reviews[4].total,
    },
  })
}
