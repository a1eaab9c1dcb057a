import { fail } from '../shared/result'

export const CLUB_ERROR_CODES = [
  'CLUB.STAR_TOO_LOW',
  'CLUB.ALREADY_APPLIED',
  'CLUB.ALREADY_MEMBER',
  'CLUB.NOT_ALLOWED',
  'CLUB.NOT_APPLIED',
  'CLUB.NOT_A_MEMBER',
  'CLUB.SUGGESTION_NOT_FOUND',
  'CLUB.SUGGESTION_ANSWERED',
] as const
export type ClubErrorCode = (typeof CLUB_ERROR_CODES)[number]

export const starTooLow = () => fail('CLUB.STAR_TOO_LOW', '三星及以上会员才能申请加入俱乐部')
export const alreadyApplied = () => fail('CLUB.ALREADY_APPLIED', '您的入会申请正在审核中')
export const alreadyInClub = () => fail('CLUB.ALREADY_MEMBER', '您已是俱乐部会员')
export const clubNotAllowed = () => fail('CLUB.NOT_ALLOWED', '当前账号状态不能申请加入俱乐部')
export const notApplied = () => fail('CLUB.NOT_APPLIED', '该申请已处理，请刷新列表')
export const notInClub = () => fail('CLUB.NOT_A_MEMBER', '仅限俱乐部会员')
export const suggestionNotFound = () => fail('CLUB.SUGGESTION_NOT_FOUND', '未找到该建议')
export const suggestionAnswered = () => fail('CLUB.SUGGESTION_ANSWERED', '该建议已答复，请刷新列表')
