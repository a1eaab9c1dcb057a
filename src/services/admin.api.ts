import type { RegistrationPage, ReviewOutcome } from '@/contracts/admin.contract'
import type { MemberStatus } from '@/domain/member/member'
import { callFunction } from './cloud'

export const adminApi = {
  registrations: (query: { status: MemberStatus; offset?: number; limit?: number }) =>
    callFunction<RegistrationPage>('admin', 'registrations', query),
  approveRegistration: (memberId: string, requestId: string) =>
    callFunction<ReviewOutcome>('admin', 'approveRegistration', { memberId }, requestId),
  rejectRegistration: (memberId: string, reason: string, requestId: string) =>
    callFunction<ReviewOutcome>('admin', 'rejectRegistration', { memberId, reason }, requestId),
}
export type AdminApi = typeof adminApi
