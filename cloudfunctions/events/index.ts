import { eventsContract } from '../../src/contracts/events.contract'
import { cloudbaseMain } from '../_shared/cloudbase-main'
import { createHandler } from '../_shared/handler'
import { checkInEvents, checkInMember } from '../_shared/use-cases/event-check-in'
import {
  closeSelection,
  eventRoster,
  exportAttendance,
  selectForEvent,
} from '../_shared/use-cases/event-roster'
import { cancelEventSignup, signUpForEvent } from '../_shared/use-cases/event-signup'
import { eventDetail, listEvents, mySignups } from '../_shared/use-cases/list-events'
import {
  adminListEvents,
  cancelEvent,
  publishEvent,
  saveEvent,
} from '../_shared/use-cases/manage-events'

/** events: members sign up and cancel; admins run events; staff select and export; clerks check in. */
export const eventsFunction = createHandler(eventsContract, {
  list: (input, caller, deps) => listEvents(deps, caller, input),
  detail: (input, caller, deps) => eventDetail(deps, caller, input),
  signUp: (input, caller, deps, requestId) => signUpForEvent(deps, caller, input, requestId),
  cancelSignup: (input, caller, deps, requestId) =>
    cancelEventSignup(deps, caller, input, requestId),
  mySignups: (_input, caller, deps) => mySignups(deps, caller),
  adminList: (input, caller, deps) => adminListEvents(deps, caller, input),
  save: (input, caller, deps, requestId) => saveEvent(deps, caller, input, requestId),
  publish: (input, caller, deps, requestId) => publishEvent(deps, caller, input, requestId),
  cancel: (input, caller, deps, requestId) => cancelEvent(deps, caller, input, requestId),
  roster: (input, caller, deps) => eventRoster(deps, caller, input),
  select: (input, caller, deps, requestId) => selectForEvent(deps, caller, input, requestId),
  closeSelection: (input, caller, deps) => closeSelection(deps, caller, input),
  exportAttendance: (input, caller, deps, requestId) =>
    exportAttendance(deps, caller, input, requestId),
  checkInEvents: (_input, caller, deps) => checkInEvents(deps, caller),
  checkIn: (input, caller, deps, requestId, admission) =>
    checkInMember(deps, caller, input, requestId, admission),
})

export const main = cloudbaseMain(eventsFunction)
