import { markUnknownLicences, parseStarImport, type StarImportRow } from '@/domain/star/star-import'

const A = '440100112233'
const B = '440100112234'
const C = '440100112235'

const row = (line: number, licenceNo: string, star: StarImportRow['star']): StarImportRow => ({
  line,
  licenceNo,
  star,
  problems: [],
  duplicateLines: [],
})

describe('parseStarImport', () => {
  it('reads rows of licence number and star, numbered from line 1 without a header', () => {
    const csv = `${A},3\n${B},5\n${C},1\n`

    const rows = parseStarImport(csv)

    expect(rows).toEqual([row(1, A, 3), row(2, B, 5), row(3, C, 1)])
  })

  it('reads a file without a final line break', () => {
    const rows = parseStarImport(`${A},3\n${B},5`)

    expect(rows).toEqual([row(1, A, 3), row(2, B, 5)])
  })

  it.each([
    ['Chinese', '许可证号,星级'],
    ['Chinese, star only', '零售户编码,星级'],
    ['Chinese, licence only', '烟草专卖零售许可证,评定结果'],
    ['English (British)', 'licence,star'],
    ['English (American)', 'License No,Star'],
    ['English, upper case', 'LICENCE_NO,STAR'],
  ])('skips a %s header and counts it as line 1', (_what, header) => {
    const csv = `${header}\n${A},3\n${B},4\n`

    const rows = parseStarImport(csv)

    expect(rows).toEqual([row(2, A, 3), row(3, B, 4)])
  })

  it('treats a first line without a header word as data', () => {
    const rows = parseStarImport(`${A},3\n`)

    expect(rows).toEqual([row(1, A, 3)])
  })

  it('ignores the byte order mark Excel writes at the start of a UTF-8 file', () => {
    const csv = `\uFEFF许可证号,星级\r\n${A},3\r\n`

    const rows = parseStarImport(csv)

    expect(rows).toEqual([row(2, A, 3)])
  })

  it('ignores a byte order mark before a first data row, which keeps its licence intact', () => {
    const rows = parseStarImport(`\uFEFF${A},3\n`)

    expect(rows).toEqual([row(1, A, 3)])
  })

  it('reads Windows line breaks', () => {
    const rows = parseStarImport(`${A},3\r\n${B},4\r\n`)

    expect(rows).toEqual([row(1, A, 3), row(2, B, 4)])
  })

  it('ignores blank lines and lines of blanks only', () => {
    const csv = `${A},3\n\n   \n , \n${B},4\n\n`

    const rows = parseStarImport(csv)

    expect(rows.map((r) => [r.licenceNo, r.star, r.problems])).toEqual([
      [A, 3, []],
      [B, 4, []],
    ])
  })

  // Known bug: Papa's skipEmptyLines drops blank lines before `line = index + 1` is computed, so
  // every row after a blank line gets a smaller line number than the one the admin sees in the file.
  it('numbers rows by their line in the file, counting the blank lines skipped', () => {
    const csv = `许可证号,星级\n\n${A},3\n\n${B},4\n`

    const rows = parseStarImport(csv)

    expect(rows.map((r) => r.line)).toEqual([3, 5])
  })

  it('gives an empty list for an empty file or a header alone', () => {
    expect(parseStarImport('')).toEqual([])
    expect(parseStarImport('\n\n')).toEqual([])
    expect(parseStarImport('许可证号,星级\n')).toEqual([])
  })

  it('normalises the licence number: spaces removed, letters upper-cased', () => {
    const rows = parseStarImport(' 4401 0011 ab33 , 3 \n')

    expect(rows).toEqual([row(1, '44010011AB33', 3)])
  })

  it('reads quoted cells', () => {
    const rows = parseStarImport(`"${A}","4"\n`)

    expect(rows).toEqual([row(1, A, 4)])
  })

  it.each([
    ['1', 1],
    ['5', 5],
    ['3★', 3],
    ['3星', 3],
    [' 4★ ', 4],
    ['2星 ', 2],
  ])('accepts the star %p as %i★', (cell, star) => {
    const rows = parseStarImport(`${A},${cell}\n`)

    expect(rows).toEqual([row(1, A, star as StarImportRow['star'])])
  })

  it.each(['0', '6', 'abc', '3.5', '', '33', '-1', '★', '星', '3★★', '三星', '3 星', '５'])(
    'refuses the star %p',
    (cell) => {
      const rows = parseStarImport(`${A},${cell}\n`)

      expect(rows).toEqual([{ ...row(1, A, null), problems: ['star-invalid'] }])
    },
  )

  it.each([
    ['one cell', `${A}`, ['columns', 'star-invalid']],
    ['three cells', `${A},3,备注`, ['columns']],
    ['a trailing comma', `${A},3,`, ['columns']],
  ])('marks a row of %s as having the wrong column count', (_what, line, problems) => {
    const rows = parseStarImport(`${line}\n`)

    expect(rows).toHaveLength(1)
    expect(rows[0]?.problems).toEqual(problems)
  })

  it('keeps the star of a row with an extra column, so the admin sees what was read', () => {
    const rows = parseStarImport(`${A},3,备注\n`)

    expect(rows).toEqual([{ ...row(1, A, 3), problems: ['columns'] }])
  })

  it.each([
    ['too short', '4401001'],
    ['too long', '440100112233445566778'],
    ['punctuation', '4401-0011-2233'],
    ['Chinese characters', '粤4401001122'],
    ['empty', ''],
  ])('marks a licence number that is %s as malformed', (_what, licence) => {
    const rows = parseStarImport(`${licence},3\n`)

    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ star: 3, problems: ['licence-format'] })
  })

  it.each([
    ['8 characters', '44010011'],
    ['20 characters', '44010011223344556677'],
    ['capital letters', 'GD4401001122'],
  ])('accepts a licence number of %s', (_what, licence) => {
    const rows = parseStarImport(`${licence},3\n`)

    expect(rows).toEqual([row(1, licence, 3)])
  })

  it('lists every problem of a row together', () => {
    const rows = parseStarImport('4401,9,x\n')

    expect(rows[0]?.problems).toEqual(['columns', 'licence-format', 'star-invalid'])
  })

  it('marks every occurrence of a licence listed more than once, with all its lines', () => {
    const csv = `许可证号,星级\n${A},3\n${B},4\n${A},5\n${C},2\n${A},3\n`

    const rows = parseStarImport(csv)

    expect(rows).toEqual([
      { ...row(2, A, 3), problems: ['duplicate'], duplicateLines: [2, 4, 6] },
      row(3, B, 4),
      { ...row(4, A, 5), problems: ['duplicate'], duplicateLines: [2, 4, 6] },
      row(5, C, 2),
      { ...row(6, A, 3), problems: ['duplicate'], duplicateLines: [2, 4, 6] },
    ])
  })

  it('finds duplicates after normalising, so spacing or case do not hide them', () => {
    const rows = parseStarImport('gd4401001122,3\nGD 4401 0011 22,4\n')

    expect(rows.map((r) => [r.line, r.problems, r.duplicateLines])).toEqual([
      [1, ['duplicate'], [1, 2]],
      [2, ['duplicate'], [1, 2]],
    ])
  })

  it('adds the duplicate mark after a row’s other problems', () => {
    const rows = parseStarImport(`${A},3\n${A},7\n`)

    expect(rows.map((r) => r.problems)).toEqual([['duplicate'], ['star-invalid', 'duplicate']])
  })

  it('does not call rows without any licence number duplicates of each other', () => {
    const rows = parseStarImport(',3\n,4\n')

    expect(rows.map((r) => [r.problems, r.duplicateLines])).toEqual([
      [['licence-format'], []],
      [['licence-format'], []],
    ])
  })

  // Known bug: HEADER_HINT (/许可证|licen[cs]e|星级|star/i) is tested on the first row's text, and a
  // well-formed licence number may contain STAR or LICENCE, so that row is dropped without a problem.
  it('keeps a first data row whose licence number happens to contain “STAR”', () => {
    const csv = `ASTAR1234567,3\n${B},4\n`

    const rows = parseStarImport(csv)

    expect(rows).toEqual([row(1, 'ASTAR1234567', 3), row(2, B, 4)])
  })
})

describe('markUnknownLicences', () => {
  const members = new Set([A, C])
  const isKnown = (licenceNo: string) => members.has(licenceNo)

  it('marks rows whose licence number belongs to no member', () => {
    const rows = [row(1, A, 3), row(2, B, 4), row(3, C, 5)]

    const marked = markUnknownLicences(rows, isKnown)

    expect(marked).toEqual([
      row(1, A, 3),
      { ...row(2, B, 4), problems: ['unknown-licence'] },
      row(3, C, 5),
    ])
  })

  it('does not look up a malformed licence number, which is already marked', () => {
    const lookups: string[] = []
    const rows = [{ ...row(1, '4401', 3), problems: ['licence-format' as const] }]

    const marked = markUnknownLicences(rows, (licenceNo) => {
      lookups.push(licenceNo)
      return false
    })

    expect(marked).toEqual(rows)
    expect(lookups).toEqual([])
  })

  it('adds the mark after the problems a row already has', () => {
    const rows = parseStarImport(`${B},9\n${B},2\n`)

    const marked = markUnknownLicences(rows, isKnown)

    expect(marked.map((r) => r.problems)).toEqual([
      ['star-invalid', 'duplicate', 'unknown-licence'],
      ['duplicate', 'unknown-licence'],
    ])
  })

  it('leaves the rows it was given untouched', () => {
    const rows = [row(1, B, 4)]

    markUnknownLicences(rows, isKnown)

    expect(rows).toEqual([row(1, B, 4)])
  })

  it('gives an empty list for no rows', () => {
    expect(markUnknownLicences([], isKnown)).toEqual([])
  })
})
