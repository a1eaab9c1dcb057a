import type { RegistrationPage, ReviewOutcome, WorkbenchView } from '@/contracts/admin.contract'
import type { MemberStatus } from '@/domain/member/member'
import type {
  ClubApplicationPage,
  ClubView,
  MemberStarsView,
  StaffSuggestionPage,
  StarImportReport,
  StarSettingsView,
  SuggestionView,
} from '@/contracts/star-club'
import { callFunction } from './cloud'

export const adminApi = {
  registrations: (query: { status: MemberStatus; offset?: number; limit?: number }) =>
    callFunction<RegistrationPage>('admin', 'registrations', query),
  approveRegistration: (memberId: string, requestId: string) =>
    callFunction<ReviewOutcome>('admin', 'approveRegistration', { memberId }, requestId),
  rejectRegistration: (memberId: string, reason: string, requestId: string) =>
    callFunction<ReviewOutcome>('admin', 'rejectRegistration', { memberId, reason }, requestId),
  clubApplications: (offset = 0, limit = 20) =>
    callFunction<ClubApplicationPage>('admin', 'clubApplications', { offset, limit }),
  approveClub: (memberId: string, requestId: string) =>
    callFunction<ClubView>('admin', 'approveClub', { memberId }, requestId),
  rejectClub: (memberId: string, reason: string, requestId: string) =>
    callFunction<ClubView>('admin', 'rejectClub', { memberId, reason }, requestId),
  starSettings: () => callFunction<StarSettingsView>('admin', 'starSettings'),
  workbench: () => callFunction<WorkbenchView>('admin', 'workbench'),
  setStarThresholds: (input: { effectiveYear: number; thresholds: number[] }, requestId: string) =>
    callFunction<StarSettingsView>('admin', 'setStarThresholds', input, requestId),
  previewStarImport: (input: { year: number; csv: string }) =>
    callFunction<StarImportReport>('admin', 'previewStarImport', input),
  applyStarImport: (input: { year: number; csv: string }, requestId: string) =>
    callFunction<StarImportReport>('admin', 'applyStarImport', input, requestId),
  memberStars: (cardNo: string) =>
    callFunction<MemberStarsView>('admin', 'memberStars', { cardNo }),
  overrideStar: (input: { memberId: string; star: number; reason: string }, requestId: string) =>
    callFunction<MemberStarsView>('admin', 'overrideStar', input, requestId),
  clubSuggestions: (answered: boolean, offset = 0, limit = 20) =>
    callFunction<StaffSuggestionPage>('admin', 'clubSuggestions', { answered, offset, limit }),
  answerSuggestion: (id: string, answer: string, requestId: string) =>
    callFunction<SuggestionView>('admin', 'answerSuggestion', { id, answer }, requestId),
}
export type AdminApi = typeof adminApi
