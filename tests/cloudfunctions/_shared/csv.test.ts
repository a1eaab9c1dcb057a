import Papa from 'papaparse'
import { csvCell, toCsv } from '../../../cloudfunctions/_shared/csv'

describe('csvCell', () => {
  it.each([
    ['=SUM(1,2)', `"'=SUM(1,2)"`],
    ['+86 138', `"'+86 138"`],
    ['-1500', `"'-1500"`],
    ['@SUM(1,2)', `"'@SUM(1,2)"`],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
    ['=HYPERLINK("http://example.com","点我")', `"'=HYPERLINK(""http://example.com"",""点我"")"`],
    ['=1+1\n第二行', `"'=1+1\n第二行"`],
  ])(
    'writes the text %p, which starts like a formula, as quoted text after a quote',
    (text, cell) => {
      expect(csvCell(text)).toBe(cell)
    },
  )

  it.each([
    ['王建国', '王建国'],
    ['', ''],
    ['2026-05-10 14:00', '2026-05-10 14:00'],
    ['139****5678', '139****5678'],
    ['40%', '40%'],
    ['王=1+1', '王=1+1'],
    ["'=1+1", "'=1+1"],
  ])('writes the ordinary text %p as it is', (text, cell) => {
    expect(csvCell(text)).toBe(cell)
  })

  it.each([
    ['a comma', '王建国,=1+1', '"王建国,=1+1"'],
    ['a quote', '李"四', '"李""四"'],
    ['a line break', '第一行\n第二行', '"第一行\n第二行"'],
    ['a space in front', ' 王建国', '" 王建国"'],
    ['a space behind', '王建国 ', '"王建国 "'],
  ])('quotes a text with %s', (_case, text, cell) => {
    expect(csvCell(text)).toBe(cell)
  })

  it.each([
    [-1500, '-1500'],
    [0, '0'],
    [120, '120'],
    [-0.5, '-0.5'],
    [NaN, ''],
    [Infinity, ''],
  ])('writes the number %p the code computed as a plain number', (value, cell) => {
    expect(csvCell(value)).toBe(cell)
  })
})

describe('toCsv', () => {
  it('writes a file for Excel: a byte-order mark, titles, CRLF between rows', () => {
    const csv = toCsv({
      fields: ['姓名', '积分'],
      data: [
        ['王建国', 120],
        ['李秀英', -30],
      ],
    })

    expect(csv).toBe('\uFEFF姓名,积分\r\n王建国,120\r\n李秀英,-30')
  })

  it('pads a shorter row to the width of the titles and keeps an empty row as a blank line', () => {
    const csv = toCsv({ fields: ['a', 'b', 'c'], data: [['1'], [], ['x', 'y', 'z']] })

    expect(csv).toBe('\uFEFFa,b,c\r\n1,,\r\n\r\nx,y,z')
  })

  it('gives back every cell as written when a spreadsheet reads it, formulas as inert text', () => {
    const data = [
      [1, '@SUM(1,2)', '王建国,=1+1', '李"四', '第一行\n第二行', -1500],
      [2, '-SUM(1,2)', '', '+1', "=cmd|' /C calc'!A0", 0],
    ]

    const parsed = Papa.parse<string[]>(
      toCsv({ fields: ['序号', '姓名', '店铺', '备注', '说明', '积分'], data }).slice(1),
    ).data

    expect(parsed.slice(1)).toEqual([
      ['1', "'@SUM(1,2)", '王建国,=1+1', '李"四', '第一行\n第二行', '-1500'],
      ['2', "'-SUM(1,2)", '', "'+1", "'=cmd|' /C calc'!A0", '0'],
    ])
  })
})
