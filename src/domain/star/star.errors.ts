import { fail } from '../shared/result'

export const STAR_ERROR_CODES = [
  'STAR.YEAR_NOT_ENDED',
  'STAR.YEAR_ALREADY_ADJUSTED',
  'STAR.THRESHOLDS_INVALID',
  'STAR.THRESHOLD_YEAR_PAST',
  'STAR.IMPORT_INVALID',
  'STAR.IMPORT_EMPTY',
] as const
export type StarErrorCode = (typeof STAR_ERROR_CODES)[number]

export const yearNotEnded = (year: number) =>
  fail('STAR.YEAR_NOT_ENDED', `${year}年尚未结束，不能进行年度评星`, {
    year: `${year}年尚未结束`,
  })
export const yearAlreadyAdjusted = (year: number) =>
  fail(
    'STAR.YEAR_ALREADY_ADJUSTED',
    `${year}年的星级已开始调整，不能再导入；个别会员请用星级修改`,
    {
      year: `${year}年的年度调整已开始`,
    },
  )
export const thresholdsInvalid = (fields: Record<string, string>) =>
  fail('STAR.THRESHOLDS_INVALID', '升星门槛有误，请检查', fields)
export const thresholdYearPast = (year: number) =>
  fail('STAR.THRESHOLD_YEAR_PAST', '只能为今年或以后的年份设置门槛', {
    effectiveYear: `不能早于${year}年`,
  })
export const importInvalid = (problemRows: number) =>
  fail('STAR.IMPORT_INVALID', `有${problemRows}行数据有误，请修正后再导入`, {
    csv: `有${problemRows}行数据有误`,
  })
export const importEmpty = () =>
  fail('STAR.IMPORT_EMPTY', '文件中没有数据行', { csv: '请提供“许可证号,星级”数据行' })
