import Papa from 'papaparse'
import { LICENCE_NO_PATTERN, normaliseLicenceNo } from '../member/licence'
import { isStarValue, type StarValue } from './star'

/** What can be wrong with one row of a star import (星级导入). */
export type StarImportProblem =
  'columns' | 'licence-format' | 'star-invalid' | 'duplicate' | 'unknown-licence'

export type StarImportRow = {
  /** The line in the file, counting from 1 (the header, when present, is line 1). */
  line: number
  licenceNo: string
  star: StarValue | null
  problems: StarImportProblem[]
  /** For a duplicate: every line holding the same licence number. */
  duplicateLines: number[]
}

/** The most rows one import takes (a function call carries at most 100 KB of text). */
export const MAX_IMPORT_ROWS = 4000

const HEADER_HINT = /许可证|licen[cs]e|星级|star/i

/**
 * Reads a star import: CSV rows of `licence number, star` (1–5), an optional header line, blank
 * lines ignored. Each row gets its problems: wrong column count, a malformed licence number, a
 * star outside 1–5, or a licence listed more than once (every such row is marked, with the lines).
 * Unknown licences are marked later by whoever can look members up.
 */
export function parseStarImport(text: string): StarImportRow[] {
  // Blank lines are kept while parsing so that every row keeps the number of its line in the file.
  const records = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false }).data
  const rows: StarImportRow[] = []
  records.forEach((cells, index) => {
    if (cells.every((cell) => cell.trim() === '')) return
    if (index === 0 && isHeader(cells)) return
    const line = index + 1
    const licenceNo = normaliseLicenceNo(cells[0] ?? '')
    const star = starOf(cells[1] ?? '')
    const problems: StarImportProblem[] = []
    if (cells.length !== 2) problems.push('columns')
    if (!LICENCE_NO_PATTERN.test(licenceNo)) problems.push('licence-format')
    if (star === null) problems.push('star-invalid')
    rows.push({ line, licenceNo, star, problems, duplicateLines: [] })
  })
  return markDuplicates(rows)
}

/** `3`, ` 3 `, `3★` or `3星` → 3; anything else (0, 6, 3.5, abc) → null. */
function starOf(text: string): StarValue | null {
  const digits = text.trim().replace(/[★星]$/, '')
  const value = /^\d$/.test(digits) ? Number(digits) : NaN
  return isStarValue(value) ? value : null
}

/** A first line naming the columns rather than holding a star (a data row may contain "STAR"). */
const isHeader = (cells: string[]) =>
  HEADER_HINT.test(cells.join(',')) && starOf(cells[1] ?? '') === null

function markDuplicates(rows: StarImportRow[]): StarImportRow[] {
  const lines = new Map<string, number[]>()
  for (const row of rows) {
    if (!row.licenceNo) continue
    lines.set(row.licenceNo, [...(lines.get(row.licenceNo) ?? []), row.line])
  }
  return rows.map((row) => {
    const same = lines.get(row.licenceNo) ?? []
    return same.length > 1
      ? { ...row, problems: [...row.problems, 'duplicate'], duplicateLines: same }
      : row
  })
}

/** Marks rows whose licence number belongs to no member. */
export function markUnknownLicences(
  rows: readonly StarImportRow[],
  isKnown: (licenceNo: string) => boolean,
): StarImportRow[] {
  return rows.map((row) =>
    row.problems.includes('licence-format') || isKnown(row.licenceNo)
      ? row
      : { ...row, problems: [...row.problems, 'unknown-licence'] },
  )
}
