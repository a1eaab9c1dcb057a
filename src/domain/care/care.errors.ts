import { fail } from '../shared/result'

export const COMPLAINT_ERROR_CODES = [
  'COMPLAINT.NOT_FOUND',
  'COMPLAINT.ALREADY_ANSWERED',
  'COMPLAINT.NOT_YET_MEMBER',
  'COMPLAINT.ACCOUNT_CLOSED',
] as const
export type ComplaintErrorCode = (typeof COMPLAINT_ERROR_CODES)[number]

export const complaintNotFound = () => fail('COMPLAINT.NOT_FOUND', '未找到该投诉或建议')
export const complaintAnswered = () =>
  fail('COMPLAINT.ALREADY_ANSWERED', '该投诉已回复，请刷新列表')
export const complaintNotYetMember = () =>
  fail('COMPLAINT.NOT_YET_MEMBER', '注册审核通过后才能提交投诉与建议')
export const complaintAccountClosed = () =>
  fail('COMPLAINT.ACCOUNT_CLOSED', '账号已注销或退出，不能再提交投诉与建议')
