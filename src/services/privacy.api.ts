import type { CorrectDataInput } from '@/contracts/member.contract'
import type {
  ConsentOutcome,
  CorrectionOutcome,
  MyDataExport,
  MyDataView,
  StaffWithdrawalPage,
  WithdrawalConfirmed,
  WithdrawalView,
} from '@/contracts/privacy'
import { callFunction } from './cloud'

/** Privacy self-service (SPEC §9): the member's own data, consent and withdrawal; the staff queue. */
export const privacyApi = {
  myData: () => callFunction<MyDataView>('member', 'myData'),
  correctData: (input: CorrectDataInput, requestId: string) =>
    callFunction<CorrectionOutcome>('member', 'correctData', input, requestId),
  exportData: (requestId: string) =>
    callFunction<MyDataExport>('member', 'exportData', {}, requestId),
  consent: (version: string, requestId: string) =>
    callFunction<ConsentOutcome>('member', 'consent', { version }, requestId),
  myWithdrawal: () => callFunction<WithdrawalView | null>('member', 'myWithdrawal'),
  requestWithdrawal: (reason: string | undefined, requestId: string) =>
    callFunction<WithdrawalView>(
      'member',
      'requestWithdrawal',
      reason ? { reason } : {},
      requestId,
    ),
  cancelWithdrawal: (requestId: string) =>
    callFunction<WithdrawalView>('member', 'cancelWithdrawal', {}, requestId),
  withdrawals: (offset = 0, limit = 50) =>
    callFunction<StaffWithdrawalPage>('admin', 'withdrawals', { offset, limit }),
  confirmWithdrawal: (id: string, requestId: string) =>
    callFunction<WithdrawalConfirmed>('admin', 'confirmWithdrawal', { id }, requestId),
}
export type PrivacyApi = typeof privacyApi
