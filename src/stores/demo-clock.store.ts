import { create } from 'zustand'
import type { DemoClockView, DemoJobRun, MoveClockInput } from '@/contracts/demo.contract'
import type { ApiError } from '@/contracts/error-codes'
import { demoApi, type DemoApi } from '@/services/demo.api'
import { newRequestId } from '@/services/request-id'
import type { LoadStatus } from './session.store'

export type DemoClockState = {
  /** The local host's clock as last read; null until loaded. */
  view: DemoClockView | null
  /** The host's clock minus the device's when last read, so the time shown keeps running. */
  skewMs: number
  status: LoadStatus
  error: ApiError | null
  /** The job timers the last move ran, with their outcome; null before any move here. */
  lastJobs: DemoJobRun[] | null
  moving: boolean
  load(): Promise<void>
  /** Moves the clock forward (admin); the error of a refused move, else null. */
  move(input: MoveClockInput): Promise<ApiError | null>
  /** Back to the real time (admin); the error of a refusal, else null. */
  reset(): Promise<ApiError | null>
  /** The host's time when the device's clock shows `now`; null until loaded. */
  nowAt(now: Date): Date | null
}

/**
 * The demo clock (演示时钟) of the local host, for its page and the banner every H5 page shows
 * while the clock is moved. `deviceNow` is the device's clock.
 */
export function createDemoClockStore(api: DemoApi, deviceNow: () => Date = () => new Date()) {
  return create<DemoClockState>()((set, get) => {
    const show = (view: DemoClockView) =>
      set({
        view,
        skewMs: Date.parse(view.now) - deviceNow().getTime(),
        status: 'ready',
        error: null,
      })
    return {
      view: null,
      skewMs: 0,
      status: 'idle',
      error: null,
      lastJobs: null,
      moving: false,
      async load() {
        set({ status: 'loading', error: null })
        const res = await api.clock()
        if (res.ok) show(res.data)
        else set({ status: 'error', error: res.error })
      },
      async move(input) {
        if (get().moving) return null
        set({ moving: true })
        const res = await api.moveClock(input, newRequestId())
        set({ moving: false })
        if (!res.ok) return res.error
        const { jobs, ...view } = res.data
        show(view)
        set({ lastJobs: jobs })
        return null
      },
      async reset() {
        if (get().moving) return null
        set({ moving: true })
        const res = await api.resetClock(newRequestId())
        set({ moving: false })
        if (!res.ok) return res.error
        show(res.data)
        set({ lastJobs: null })
        return null
      },
      nowAt(now) {
        return get().view ? new Date(now.getTime() + get().skewMs) : null
      },
    }
  })
}

export const useDemoClockStore = createDemoClockStore(demoApi)
