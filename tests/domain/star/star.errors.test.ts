import {
  importEmpty,
  importInvalid,
  STAR_ERROR_CODES,
  thresholdsInvalid,
  thresholdYearPast,
  yearAlreadyAdjusted,
  yearNotEnded,
} from '@/domain/star/star.errors'

describe('star errors', () => {
  it.each([
    ['STAR.YEAR_NOT_ENDED', yearNotEnded(2027), { year: '2027年尚未结束' }],
    ['STAR.YEAR_ALREADY_ADJUSTED', yearAlreadyAdjusted(2027), { year: '2027年的年度调整已开始' }],
    [
      'STAR.THRESHOLDS_INVALID',
      thresholdsInvalid({ 'thresholds.1': '须高于2星门槛' }),
      {
        'thresholds.1': '须高于2星门槛',
      },
    ],
    ['STAR.THRESHOLD_YEAR_PAST', thresholdYearPast(2027), { effectiveYear: '不能早于2027年' }],
    ['STAR.IMPORT_INVALID', importInvalid(3), { csv: '有3行数据有误' }],
    ['STAR.IMPORT_EMPTY', importEmpty(), { csv: '请提供“许可证号,星级”数据行' }],
  ])('returns %s as a failure with its field messages', (code, failure, fields) => {
    expect(failure).toEqual({ ok: false, error: { code, message: expect.any(String), fields } })
    expect(STAR_ERROR_CODES).toContain(code)
  })

  it('names the year in the message of a year not yet over', () => {
    expect(yearNotEnded(2027).error.message).toBe('2027年尚未结束，不能进行年度评星')
  })

  it('counts the faulty rows in the message of an invalid import', () => {
    expect(importInvalid(12).error.message).toBe('有12行数据有误，请修正后再导入')
  })
})
