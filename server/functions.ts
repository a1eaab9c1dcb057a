import type { FunctionHandler } from '../cloudfunctions/_shared/handler'
import { adminFunction } from '../cloudfunctions/admin/index'
import { cardFunction } from '../cloudfunctions/card/index'
import { eventsFunction } from '../cloudfunctions/events/index'
import { jobsFunction } from '../cloudfunctions/jobs/index'
import { memberFunction } from '../cloudfunctions/member/index'
import { pointsFunction } from '../cloudfunctions/points/index'
import type { DemoClock } from './demo-clock'
import { demoFunction } from './demo-function'

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
 * clock (never deployed to CloudBase).
 */
export function localHostFunctions(clock: DemoClock): readonly FunctionHandler[] {
  return [...FUNCTIONS, demoFunction(clock)]
}
