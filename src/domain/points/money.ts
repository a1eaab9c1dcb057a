/**
 * Money is integer fen everywhere (SPEC intro). Parses what a clerk types in yuan ("128.5",
 * "128.50", "128") exactly — no floating point — or null when it is not an amount.
 */
export function parseYuan(text: string): number | null {
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (!match) return null
  const [, yuan, cents = ''] = match
  return Number(yuan) * 100 + Number(cents.padEnd(2, '0'))
}

/** Fen as people read it: 12850 → "¥128.50". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}
