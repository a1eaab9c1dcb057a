import type {
  IssuedInvite,
  JoinedStaff,
  StaffInviteView,
  StaffListView,
  StaffView,
} from '@/contracts/staff'
import type { StaffRole } from '@/domain/member/roles'
import { callFunction } from './cloud'

/** 员工管理 (admin, in the admin function) and the invitee's 接受邀请 (member function). */
export const staffApi = {
  list: (offset = 0, limit = 100) =>
    callFunction<StaffListView>('admin', 'staff', { offset, limit }),
  invite: (input: { role: StaffRole; name: string; site: string | null }, requestId: string) =>
    callFunction<IssuedInvite>('admin', 'inviteStaff', input, requestId),
  cancelInvite: (inviteId: string, requestId: string) =>
    callFunction<StaffInviteView>('admin', 'cancelStaffInvite', { inviteId }, requestId),
  changeRole: (input: { staffId: string; role: StaffRole; reason: string }, requestId: string) =>
    callFunction<StaffView>('admin', 'changeStaffRole', input, requestId),
  changeSite: (
    input: { staffId: string; site: string | null; reason: string },
    requestId: string,
  ) => callFunction<StaffView>('admin', 'changeStaffSite', input, requestId),
  revoke: (input: { staffId: string; reason: string }, requestId: string) =>
    callFunction<StaffView>('admin', 'revokeStaff', input, requestId),
  acceptInvite: (code: string, requestId: string) =>
    callFunction<JoinedStaff>('member', 'acceptStaffInvite', { code }, requestId),
}
export type StaffApi = typeof staffApi
