/** A tobacco retail licence number (烟草专卖零售许可证号): 8–20 digits or capital letters. */
export const LICENCE_NO_PATTERN = /^[0-9A-Z]{8,20}$/

/** The licence number as stored and matched: spaces removed, letters upper-cased. */
export function normaliseLicenceNo(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase()
}
