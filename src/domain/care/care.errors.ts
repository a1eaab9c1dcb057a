import { fail } from '../shared/result'

export const COMPLAINT_ERROR_CODES = [
  'COMPLAINT.NOT_FOUND',
  'COMPLAINT.ALREADY_ANSWERED',
  'COMPLAINT.NOT_YET_MEMBER',
  'COMPLAINT.ACCOUNT_CLOSED',
  'COMPLAINT.PHOTO_NOT_FOUND',
  'COMPLAINT.PHOTO_QUOTA_EXCEEDED',
] as const
export type ComplaintErrorCode = (typeof COMPLAINT_ERROR_CODES)[number]

export const complaintNotFound = () => fail('COMPLAINT.NOT_FOUND', '未找到该投诉或建议')
export const complaintAnswered = () =>
  fail('COMPLAINT.ALREADY_ANSWERED', '该投诉已回复，请刷新列表')
export const complaintNotYetMember = () =>
  fail('COMPLAINT.NOT_YET_MEMBER', '注册审核通过后才能提交投诉与建议')
export const complaintAccountClosed = () =>
  fail('COMPLAINT.ACCOUNT_CLOSED', '账号已注销或退出，不能再提交投诉与建议')

/** The same answer for a photo that does not exist and one the caller may not see. */
export const photoNotFound = () => fail('COMPLAINT.PHOTO_NOT_FOUND', '图片不存在')
/** Too many photos within 24 hours; `message` says which limit, and is the photo field's too. */
export const photoQuotaExceeded = (message: string, field: 'photo' | 'photos' = 'photo') =>
  fail('COMPLAINT.PHOTO_QUOTA_EXCEEDED', message, { [field]: message })
