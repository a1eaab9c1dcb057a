import type { FunctionHandler } from '../cloudfunctions/_shared/handler'
import { adminFunction } from '../cloudfunctions/admin/index'
import { cardFunction } from '../cloudfunctions/card/index'
import { eventsFunction } from '../cloudfunctions/events/index'
import { jobsFunction } from '../cloudfunctions/jobs/index'
import { memberFunction } from '../cloudfunctions/member/index'
import { pointsFunction } from '../cloudfunctions/points/index'
import type { DemoClock } from './demo-clock'
import { demoFunction } from './demo-function'
import type { JobTimer } from './local-timers'

/** Every cloud function CloudBase runs; the local host serves the same entries. */
export const FUNCTIONS = [
  memberFunction,
  adminFunction,
  pointsFunction,
  jobsFunction,
  cardFunction,
  eventsFunction,
] as const

/**
 * What the local host serves: the cloud functions and, on this host only, `demo` over its demo
 * clock (never deployed to CloudBase). `timers`: the job timers a move runs (default: all of
 * cloudbaserc.json's; none when the host's timers are off).
 */
export function localHostFunctions(
  clock: DemoClock,
  timers?: readonly JobTimer[],
): readonly FunctionHandler[] {
  return [...FUNCTIONS, demoFunction(clock, timers)]
}
