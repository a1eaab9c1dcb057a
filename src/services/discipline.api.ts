import type {
  IssueSanctionInput,
  MemberSanctionsView,
  SanctionView,
  StaffSanctionPage,
  StaffSanctionView,
  SuspensionEndReport,
} from '@/contracts/discipline'
import type { AppealDecision } from '@/domain/discipline/sanction'
import { callFunction } from './cloud'

/** Discipline and appeals (SPEC §8): the member's side, the admin's side and the job. */
export const disciplineApi = {
  mySanctions: () => callFunction<SanctionView[]>('member', 'mySanctions'),
  appealSanction: (input: { sanctionId: string; text: string }, requestId: string) =>
    callFunction<SanctionView>('member', 'appealSanction', input, requestId),
  issueSanction: (input: IssueSanctionInput, requestId: string) =>
    callFunction<StaffSanctionView>('admin', 'issueSanction', input, requestId),
  sanctions: (offset = 0, limit = 20) =>
    callFunction<StaffSanctionPage>('admin', 'sanctions', { offset, limit }),
  memberSanctions: (cardNo: string) =>
    callFunction<MemberSanctionsView>('admin', 'memberSanctions', { cardNo }),
  appeals: (offset = 0, limit = 20) =>
    callFunction<StaffSanctionPage>('admin', 'appeals', { offset, limit }),
  decideAppeal: (
    input: { sanctionId: string; decision: AppealDecision; note: string },
    requestId: string,
  ) => callFunction<StaffSanctionView>('admin', 'decideAppeal', input, requestId),
  endSuspensions: (requestId: string) =>
    callFunction<SuspensionEndReport>('jobs', 'endSuspensions', {}, requestId),
}
export type DisciplineApi = typeof disciplineApi
