/**
 * One figure of `npm run bench`: a value, and where the same run measured a baseline for it, the
 * ratio value / baseline and what the baseline was (`vs`).
 */
export type Figure = {
  /** A stable key for bench/results.json (`earn.ratio`, `cloudbase.roundtrips.card.verify`…). */
  id?: string
  name: string
  value: number
  unit: string
  ratio?: number
  vs?: string
}

const decimals = (unit: string) => (unit === 's' ? 2 : unit === 'ms' || unit === 'KB' ? 1 : 0)

/** The figures as one table: figure, value, unit, ratio, baseline. */
export function figureTable(figures: Figure[]): string {
  const width = Math.max(6, ...figures.map((f) => f.name.length))
  const unitWidth = Math.max(4, ...figures.map((f) => f.unit.length))
  const lines = [
    `${'figure'.padEnd(width)}  ${'value'.padStart(10)}  ${'unit'.padEnd(unitWidth)}  ${'ratio'.padStart(7)}  vs`,
  ]
  for (const f of figures) {
    const value = f.value.toFixed(decimals(f.unit)).padStart(10)
    const ratio = (f.ratio === undefined ? '' : f.ratio.toFixed(3)).padStart(7)
    lines.push(
      `${f.name.padEnd(width)}  ${value}  ${f.unit.padEnd(unitWidth)}  ${ratio}  ${f.vs ?? ''}`.trimEnd(),
    )
  }
  return lines.join('\n')
}
