import type { MySignupView } from '../../src/contracts/events.contract'
import { eventNotFound } from '../../src/domain/event/event.errors'
import { settleQueue, type QueuedSignup } from '../../src/domain/event/signup-queue'
import { ok, type Result } from '../../src/domain/shared/result'
import { signupView } from './event-views'
import type { Deps, Repositories } from './ports'

/** The most queued sign-ups one transaction settles: each costs two writes (sign-up, answer). */
export const QUEUE_BATCH = 25

/** Settles a batch of the event's queue in one transaction: every write, or none. */
export async function settleBatch(
  deps: Deps,
  tx: Repositories,
  eventId: string,
  batch: QueuedSignup[],
): Promise<Map<string, Result<MySignupView>>> {
  const answers = new Map<string, Result<MySignupView>>()
  const event = await tx.events.byId(eventId)
  if (!event) {
    for (const t of batch) answers.set(t.requestId, eventNotFound())
  } else {
    const memberIds = [...new Set(batch.map((t) => t.memberId))]
    const stored = await tx.signups.ofMembers(eventId, memberIds)
    const settled = settleQueue(event, batch, new Map(stored.map((s) => [s.memberId, s])))
    if (settled.event !== event && !(await tx.events.save(settled.event)).ok) {
      throw new Error(`event ${eventId} changed under its queue's transaction`)
    }
    for (const signup of settled.signups) {
      if (!(await tx.signups.save(signup)).ok) {
        throw new Error(
          `sign-up ${eventId}/${signup.memberId} changed under its queue's transaction`,
        )
      }
    }
    // Waitlist places: those already waiting (before this batch), then this batch's in order.
    const waiting = settled.signups.some((s) => s.status === 'waitlisted')
      ? await tx.signups.countBefore(eventId, 'waitlisted', event.signups + 1)
      : 0
    let behind = waiting
    const now = deps.clock.now()
    for (const { requestId, result } of settled.outcomes) {
      if (!result.ok) {
        answers.set(requestId, result)
        continue
      }
      const position = result.data.status === 'waitlisted' ? ++behind : null
      answers.set(requestId, ok(signupView(settled.event, result.data, position, now)))
    }
  }
  for (const [requestId, answer] of answers) await tx.requests.settle(requestId, answer)
  return answers
}
