/**
 * The one CSV writer of every export (attendance lists, reports). Files open in Excel, so text that
 * starts like a formula must stay text: OWASP's "CSV injection" rule, applied to every text cell.
 */

/**
 * A cell: text (anything a person typed, labels, dates, masked numbers) or a number the code
 * computed (a count, signed points). Only text is escaped, so -1500 stays a number in Excel.
 */
export type CsvCell = string | number

/** A table to write: its column titles and rows (a row may be empty, for a blank line). */
export type CsvTable = { fields: string[]; data: CsvCell[][] }

/** What Excel, LibreOffice and Google Sheets read as the start of a formula (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/
/** What makes a cell need quotes: the separator, a quote, a line break, a BOM, space at an end. */
const NEEDS_QUOTES = /[",\r\n\uFEFF]|^\s|\s$/

/**
 * One cell as CSV. Text starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
 * leading `'` (shown as text, never run) and quotes; quotes inside are doubled. A number is
 * written as it is (not-finite numbers, which the code never means to write, as empty).
 */
export function csvCell(cell: CsvCell): string {
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : ''
  const neutral = FORMULA_START.test(cell)
  const text = neutral ? `'${cell}` : cell
  return neutral || NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * The table as a CSV file for Excel: UTF-8 with a byte-order mark (so Excel reads Chinese),
 * comma-separated, rows ended by CRLF, every text cell escaped by `csvCell`. A shorter row is
 * padded with empty cells to the width of the titles; an empty row stays a blank line.
 */
export function toCsv(table: CsvTable): string {
  const width = table.fields.length
  const padded = (row: CsvCell[]) =>
    row.length === 0 || row.length >= width
      ? row
      : [...row, ...Array<string>(width - row.length).fill('')]
  const lines = [table.fields, ...table.data].map((row) => padded(row).map(csvCell).join(','))
  return '\uFEFF' + lines.join('\r\n')
}
