import type { AdminReport, ReportExport } from '@/contracts/reports'
import { createReportsStore } from '@/stores/reports.store'
import { deferred, failure, isAcceptedRequestId, networkDown, success } from './fake-transport'

// The store modules also build the app's own stores over services/cloud.ts, which imports
// @tarojs/taro (ESM-only); these tests inject their own apis, so an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

const reportOf = (year: number) =>
  ({ year, generatedAt: '2026-11-23T02:00:00.000Z' }) as AdminReport
const FILE: ReportExport = { filename: 'report-club-2026.csv', csv: '\uFEFF名单', rows: 2 }

function reportsApi() {
  return {
    reports: jest.fn(async (year: number) => success(reportOf(year))),
    exportReport: jest.fn(async (_year: number, _report: string, _requestId: string) =>
      success(FILE),
    ),
  }
}

describe('createReportsStore', () => {
  it('starts on the current Shanghai year (2026 from 16:00 UTC on 31 December 2025)', () => {
    const store = createReportsStore(reportsApi(), () => new Date('2025-12-31T16:00:00.000Z'))

    expect(store.getState()).toMatchObject({ year: 2026, status: 'idle', report: null })
  })

  it('loads the report of the year asked for', async () => {
    const api = reportsApi()
    const store = createReportsStore(api)

    await store.getState().load(2025)

    expect(api.reports).toHaveBeenCalledWith(2025)
    expect(store.getState()).toMatchObject({ year: 2025, status: 'ready', report: reportOf(2025) })
  })

  it('keeps the year asked for last when an earlier answer arrives late', async () => {
    const api = reportsApi()
    const slow = deferred<ReturnType<typeof success<AdminReport>>>()
    api.reports.mockReturnValueOnce(slow.promise)
    const store = createReportsStore(api)

    const first = store.getState().load(2024)
    await store.getState().load(2026)
    slow.resolve(success(reportOf(2024)))
    await first

    expect(store.getState()).toMatchObject({ year: 2026, report: reportOf(2026) })
  })

  it('shows the error of a refused load', async () => {
    const api = reportsApi()
    api.reports.mockResolvedValueOnce(failure('AUTH.FORBIDDEN'))
    const store = createReportsStore(api)

    await store.getState().load(2026)

    expect(store.getState()).toMatchObject({
      status: 'error',
      error: { code: 'AUTH.FORBIDDEN' },
    })
  })

  it('exports a section of the year shown and hands back the file', async () => {
    const api = reportsApi()
    const store = createReportsStore(api)
    await store.getState().load(2026)

    const outcome = await store.getState().exportSection('club')

    expect(outcome).toEqual({ file: FILE })
    expect(api.exportReport).toHaveBeenCalledWith(2026, 'club', expect.any(String))
    expect(isAcceptedRequestId(api.exportReport.mock.calls[0]![2])).toBe(true)
    expect(store.getState().exporting).toBeNull()
  })

  it('sends an export again with the same request id after a network failure, so it is audited once', async () => {
    const api = reportsApi()
    api.exportReport.mockResolvedValueOnce(networkDown())
    const store = createReportsStore(api)

    const first = await store.getState().exportSection('points')
    const second = await store.getState().exportSection('points')
    const other = await store.getState().exportSection('events')

    expect(first).toEqual({ error: expect.objectContaining({ code: 'NETWORK' }) })
    expect(second).toEqual({ file: FILE })
    expect(other).toEqual({ file: FILE })
    const [a, b, c] = api.exportReport.mock.calls.map((call) => call[2])
    expect(b).toBe(a)
    expect(c).not.toBe(a)
  })
})
