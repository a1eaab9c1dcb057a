import type { ComplaintView, FileComplaintInput, StaffComplaintPage } from '@/contracts/complaints'
import { callFunction, uploadPhoto } from './cloud'

/** The member's side of 投诉与建议: photos, filing, and their own list with the answers. */
export const complaintsApi = {
  uploadPhoto: (filePath: string) => uploadPhoto(filePath),
  file: (form: FileComplaintInput, requestId: string) =>
    callFunction<ComplaintView>('member', 'fileComplaint', form, requestId),
  mine: () => callFunction<ComplaintView[]>('member', 'myComplaints'),
}
export type ComplaintsApi = typeof complaintsApi

/** The staff side (投诉处理): the queue by reply target, and answering. */
export const complaintsAdminApi = {
  list: (answered: boolean, offset = 0, limit = 50) =>
    callFunction<StaffComplaintPage>('admin', 'complaints', { answered, offset, limit }),
  answer: (id: string, answer: string, requestId: string) =>
    callFunction<ComplaintView>('admin', 'answerComplaint', { id, answer }, requestId),
}
export type ComplaintsAdminApi = typeof complaintsAdminApi
