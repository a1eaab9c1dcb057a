import { adminFunction } from '../cloudfunctions/admin/index'
import { cardFunction } from '../cloudfunctions/card/index'
import { eventsFunction } from '../cloudfunctions/events/index'
import { jobsFunction } from '../cloudfunctions/jobs/index'
import { memberFunction } from '../cloudfunctions/member/index'
import { pointsFunction } from '../cloudfunctions/points/index'

/** Every cloud function the local host serves; the same entries CloudBase runs. */
export const FUNCTIONS = [
  memberFunction,
  adminFunction,
  pointsFunction,
  jobsFunction,
  cardFunction,
  eventsFunction,
] as const
