import type { JobProgress } from '../../../src/contracts/jobs.contract'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireSystemOrAdmin, type Caller } from '../caller'
import { QUEUE_BATCH, settleBatch } from '../event-queue'
import { oneShotDone } from '../job-runs'
import type { Deps } from '../ports'

/**
 * A sign-up queued this long ago with no answer has no call waiting for it any more (a call
 * waits 10 s at most): its call stopped, or answered that it is still queued.
 */
export const QUEUE_STALE_MS = 15_000
/** Events whose queues one run settles. */
const EVENTS_PER_RUN = 50

/**
 * Settles the sign-ups left in their events' queues, and finishes those settled alone (on CloudBase,
 * cloudbase-signup-queue.ts) whose call stopped between its writes. Left by calls that stopped before answering them
 * (a function killed or timed out between queueing and settling), or that answered they were
 * still queued (a burst larger than a call may wait for). SPEC §7's order still holds: they are
 * settled in arrival order, before anything that arrived after them. Every minute on
 * CloudBase's timer, and runnable by an admin. Each batch is one transaction that answers what
 * is still queued, so a crash or a second run settles nothing twice; the answers wait under the
 * request ids for the members' retries.
 */
export async function settleSignupQueues(deps: Deps, caller: Caller): Promise<Result<JobProgress>> {
  const actor = await requireSystemOrAdmin(deps, caller)
  if (!actor.ok) return actor
  const started = deps.clock.now()
  const before = new Date(started.getTime() - QUEUE_STALE_MS).toISOString()
  const events = await deps.store.read.requests.queuedEvents(before, EVENTS_PER_RUN)
  // First the sign-ups settled alone whose call stopped half-way (on CloudBase): written as
  // decided, so that the queues below see them.
  const finished = await deps.store.signupQueue.finishAlone(before, EVENTS_PER_RUN)
  let settled = 0
  for (const eventId of events) {
    for (;;) {
      const count = await deps.store.transaction(async (tx) => {
        const batch = await tx.requests.queued(eventId, QUEUE_BATCH)
        if (batch.length > 0) await settleBatch(deps, tx, eventId, batch)
        return batch.length
      })
      settled += count
      if (count < QUEUE_BATCH) break
    }
  }
  return ok(
    oneShotDone('signup-queues', started, events.length, { settled, finished }, deps.clock.now()),
  )
}
