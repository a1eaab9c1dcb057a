import type { Caller } from '../../cloudfunctions/_shared/caller'
import type { FunctionHandler } from '../../cloudfunctions/_shared/handler'
import type { Deps } from '../../cloudfunctions/_shared/ports'
import { adminFunction } from '../../cloudfunctions/admin/index'
import { cardFunction } from '../../cloudfunctions/card/index'
import { eventsFunction } from '../../cloudfunctions/events/index'
import { jobsFunction } from '../../cloudfunctions/jobs/index'
import { memberFunction } from '../../cloudfunctions/member/index'
import { pointsFunction } from '../../cloudfunctions/points/index'
import { adminContract } from '@/contracts/admin.contract'
import { cardContract } from '@/contracts/card.contract'
import { eventsContract } from '@/contracts/events.contract'
import { jobsContract } from '@/contracts/jobs.contract'
import { memberContract } from '@/contracts/member.contract'
import { pointsContract } from '@/contracts/points.contract'
import { sendSpoiledPayloads } from './hostile-payloads'

type Schema = { safeParse(value: unknown): { success: boolean } }

/** Every cloud function's entry with its contract's actions, by function name. */
export const FUNCTIONS: Record<
  string,
  { fn: FunctionHandler; actions: Record<string, { input: Schema }> }
> = {
  member: { fn: memberFunction, actions: memberContract.actions },
  card: { fn: cardFunction, actions: cardContract.actions },
  points: { fn: pointsFunction, actions: pointsContract.actions },
  events: { fn: eventsFunction, actions: eventsContract.actions },
  admin: { fn: adminFunction, actions: adminContract.actions },
  jobs: { fn: jobsFunction, actions: jobsContract.actions },
}

/** `sendSpoiledPayloads` to `name.action`, its handler and schema found in the table. */
export function sendSpoiledTo(
  name: string,
  action: string,
  valid: Record<string, unknown>,
  caller: Caller,
  deps: Deps,
): Promise<number> {
  const { fn, actions } = FUNCTIONS[name]!
  return sendSpoiledPayloads(fn, action, valid, actions[action]!.input, caller, deps)
}
