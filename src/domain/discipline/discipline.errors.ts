import { fail } from '../shared/result'

export const DISCIPLINE_ERROR_CODES = [
  'DISCIPLINE.NOT_FOUND',
  'DISCIPLINE.MEMBER_NOT_ACTIVE',
  'DISCIPLINE.END_DATE_INVALID',
  'DISCIPLINE.ALREADY_APPEALED',
  'DISCIPLINE.NOT_APPEALABLE',
  'DISCIPLINE.NO_APPEAL',
  'DISCIPLINE.APPEAL_DECIDED',
] as const
export type DisciplineErrorCode = (typeof DISCIPLINE_ERROR_CODES)[number]

export const sanctionNotFound = () => fail('DISCIPLINE.NOT_FOUND', '未找到该处分记录')
export const memberNotSanctionable = () =>
  fail('DISCIPLINE.MEMBER_NOT_ACTIVE', '该会员当前状态不能给予此处分')
export const endDateInvalid = (maxDays: number) =>
  fail('DISCIPLINE.END_DATE_INVALID', `暂停结束日期须在明天至${maxDays}天之内`, {
    endsOn: `请选择明天至${maxDays}天内的日期`,
  })
export const alreadyAppealed = () => fail('DISCIPLINE.ALREADY_APPEALED', '每项处分只能申诉一次')
export const notAppealable = () => fail('DISCIPLINE.NOT_APPEALABLE', '该处分已撤销，无需申诉')
export const noAppeal = () => fail('DISCIPLINE.NO_APPEAL', '该处分没有待裁决的申诉')
export const appealDecided = () => fail('DISCIPLINE.APPEAL_DECIDED', '该申诉已裁决，裁决为最终结果')
