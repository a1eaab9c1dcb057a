import type { ClockMovedView, DemoClockView, MoveClockInput } from '@/contracts/demo.contract'
import { callFunction } from './cloud'

/** The local host's demo clock (演示时钟): H5 on the local host only; CloudBase has no `demo`. */
export const demoApi = {
  clock: () => callFunction<DemoClockView>('demo', 'clock'),
  moveClock: (input: MoveClockInput, requestId: string) =>
    callFunction<ClockMovedView>('demo', 'moveClock', input, requestId),
  resetClock: (requestId: string) =>
    callFunction<DemoClockView>('demo', 'resetClock', {}, requestId),
}
export type DemoApi = typeof demoApi
