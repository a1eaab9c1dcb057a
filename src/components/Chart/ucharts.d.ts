/** The slice of uCharts (@qiun/ucharts, which ships no types) the Chart component uses. */
declare module '@qiun/ucharts' {
  export default class UCharts {
    constructor(options: Record<string, unknown> & { context: unknown })
    updateData(data: Record<string, unknown>): void
  }
}
