import { createHandler, type FunctionHandler } from '../cloudfunctions/_shared/handler'
import { demoContract } from '../src/contracts/demo.contract'
import type { DemoClock } from './demo-clock'
import { moveClock, resetClock, showClock } from './demo-clock-actions'
import { jobTimers, type JobTimer } from './local-timers'

/**
 * demo: the local host's own function, over its demo clock (演示时钟). Built like the cloud
 * functions, served only by the local host (server/functions.ts `localHostFunctions`); CloudBase
 * never gets it (tests/security/demo-clock-local-only.test.ts).
 */
export function demoFunction(clock: DemoClock, timers?: readonly JobTimer[]): FunctionHandler {
  // cloudbaserc.json is read at the first move, not at start: a host that never moves the clock
  // (a bundled copy in the fault tests, with its timers off) needs no file beside it.
  let schedule = timers
  const host = { clock, timers: () => (schedule ??= jobTimers()) }
  return createHandler(demoContract, {
    clock: () => showClock(host),
    moveClock: (input, caller, deps, requestId) => moveClock(deps, host, caller, input, requestId),
    resetClock: (_input, caller, deps, requestId) => resetClock(deps, host, caller, requestId),
  })
}
