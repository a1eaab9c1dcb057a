/** What a chart shows: bars (grouped when there are several series) or lines over categories. */
export type ChartSpec = {
  type: 'column' | 'line'
  categories: string[]
  series: { name: string; data: number[] }[]
}

/** The club's palette: brand red first, then colours that stay apart in print. */
export const CHART_COLORS = ['#c8102e', '#1f77b4', '#f0a500', '#2ca02c', '#7f7f7f', '#9467bd']

/** The y axis is cut into this many steps. */
const Y_STEPS = 5

/** The smallest multiple of the steps at or above the highest value (at least one per step). */
export const wholeTop = (highest: number) =>
  Math.max(Y_STEPS, Math.ceil(highest / Y_STEPS) * Y_STEPS)

/**
 * The uCharts options for a spec drawn on a `width` × `height` (CSS pixels) canvas 2D at
 * `pixelRatio`: uCharts draws in device pixels, so every size goes in multiplied. Values are
 * labelled on the bars of a single series; a grouped chart relies on its legend and the table.
 */
export function chartOptions(
  spec: ChartSpec,
  size: { width: number; height: number; pixelRatio: number },
) {
  const pix = size.pixelRatio
  const single = spec.series.length === 1
  const highest = Math.max(0, ...spec.series.flatMap((s) => s.data))
  return {
    type: spec.type,
    canvas2d: true,
    width: size.width * pix,
    height: size.height * pix,
    pixelRatio: pix,
    animation: false,
    background: '#FFFFFF',
    color: CHART_COLORS,
    padding: [12, 12, 4, 4],
    fontSize: 11,
    dataLabel: single && spec.type === 'column',
    dataPointShape: spec.type === 'line',
    enableScroll: false,
    legend: { show: !single, position: 'bottom', fontSize: 11 },
    categories: spec.categories,
    series: spec.series.map((s) => ({ name: s.name, data: s.data })),
    xAxis: { disableGrid: true, fontSize: 10, rotateLabel: spec.categories.length > 8 },
    yAxis: {
      gridType: 'dash',
      dashLength: 4,
      splitNumber: Y_STEPS,
      // Counts and points are whole numbers: a top that is a multiple of the steps keeps every
      // tick whole (no "0.40 members"); an all-zero chart still gets a range to draw in.
      data: [{ min: 0, max: wholeTop(highest), fontSize: 10 }],
    },
    extra: {
      column: { type: 'group', width: single ? 18 : 10, seriesGap: 2, categoryGap: 3 },
      line: { type: 'straight', width: 2 },
    },
  }
}
