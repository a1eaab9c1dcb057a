import type { ClockMovedView, DemoClockView } from '@/contracts/demo.contract'
import type { DemoApi } from '@/services/demo.api'
import { createDemoClockStore } from '@/stores/demo-clock.store'
import { failure, isAcceptedRequestId, success } from './fake-transport'

// The store module also builds the app's store over services/cloud.ts (which imports the ESM-only
// @tarojs/taro); these tests inject their own api, so an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

const DAY = 24 * 3_600_000
const REAL: DemoClockView = { now: '2026-12-07T02:00:00.000Z', movedByMs: 0 }
const MOVED: ClockMovedView = {
  now: '2026-12-08T02:00:00.000Z',
  movedByMs: DAY,
  jobs: [{ timer: 'noShows', action: 'markNoShows', ok: true }],
}

function fakeApi(overrides: Partial<DemoApi> = {}): DemoApi & { requestIds: string[] } {
  const requestIds: string[] = []
  return {
    requestIds,
    clock: async () => success(REAL),
    moveClock: async (_input, requestId) => {
      requestIds.push(requestId)
      return success(MOVED)
    },
    resetClock: async (requestId) => {
      requestIds.push(requestId)
      return success(REAL)
    },
    ...overrides,
  }
}

const device = () => new Date('2026-12-07T02:00:00.000Z')

describe('demo clock store', () => {
  it('loads the host’s clock', async () => {
    const store = createDemoClockStore(fakeApi(), device)

    await store.getState().load()

    expect(store.getState()).toMatchObject({ status: 'ready', view: REAL, error: null })
  })

  it('after a move, shows the moved clock and the jobs that ran, with a fresh request id', async () => {
    const api = fakeApi()
    const store = createDemoClockStore(api, device)

    const error = await store.getState().move({ days: 1 })

    expect(error).toBeNull()
    expect(store.getState().view).toEqual({ now: MOVED.now, movedByMs: DAY })
    expect(store.getState().lastJobs).toEqual(MOVED.jobs)
    expect(api.requestIds.every(isAcceptedRequestId)).toBe(true)
  })

  it('tells the host’s time as the device’s clock runs on', async () => {
    const store = createDemoClockStore(fakeApi(), device)
    await store.getState().move({ days: 1 })

    const at = store.getState().nowAt(new Date('2026-12-07T03:30:00.000Z'))

    expect(at).toEqual(new Date('2026-12-08T03:30:00.000Z'))
  })

  it('returns a refused move with its field messages, and keeps the clock as it was', async () => {
    const refused = failure<ClockMovedView>('INPUT.INVALID', { to: '只能向后拨' })
    const store = createDemoClockStore(fakeApi({ moveClock: async () => refused }), device)
    await store.getState().load()

    const error = await store.getState().move({ to: '2026-12-01T00:00:00.000Z' })

    expect(error).toMatchObject({ code: 'INPUT.INVALID', fields: { to: '只能向后拨' } })
    expect(store.getState()).toMatchObject({ view: REAL, moving: false, lastJobs: null })
  })

  it('after a reset, shows the real time and no jobs', async () => {
    const store = createDemoClockStore(fakeApi(), device)
    await store.getState().move({ days: 1 })

    await store.getState().reset()

    expect(store.getState()).toMatchObject({ view: REAL, lastJobs: null })
  })

  it('keeps the error of a failed load', async () => {
    const store = createDemoClockStore(fakeApi({ clock: async () => failure('NETWORK') }), device)

    await store.getState().load()

    expect(store.getState()).toMatchObject({ status: 'error', error: { code: 'NETWORK' } })
  })
})
