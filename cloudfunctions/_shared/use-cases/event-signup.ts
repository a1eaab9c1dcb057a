import type { MySignupView } from '../../../src/contracts/events.contract'
import { eventNotFound, signupQueued } from '../../../src/domain/event/event.errors'
import { cancelSignup } from '../../../src/domain/event/signup'
import type { QueuedSignup } from '../../../src/domain/event/signup-queue'
import { requestIdReused } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireMember, type Caller } from '../caller'
import { QUEUE_BATCH, settleBatch } from '../event-queue'
import { idempotent, sameRequest } from '../idempotent'
import { memberApplicant, mySignupView } from '../event-views'
import { givePlaceBack } from '../event-places'
import type { Deps, Repositories } from '../ports'

/**
 * A member signs up for an event (SPEC §7), first come, first served in the order of arrival.
 *
 * Their standing (status, star, club, no-shows) is read first, in one read. The sign-up then
 * queues for the event — its request record, written alone under the request id with the moment
 * it arrived — and the call waits for its answer while taking turns at settling the queue: one
 * transaction reads the event and the first queued sign-ups (this one and those that arrived
 * before or with it), decides each in arrival order exactly as a sign-up alone would be decided,
 * and writes the event's counters, the sign-ups and each request's answer together. Whoever's
 * transaction commits settles the others' sign-ups too, so simultaneous sign-ups no longer race
 * each other for the event: places and the waitlist follow arrival, never more than `capacity`
 * are confirmed, and a call whose turn was lost finds its answer written by another. A retry of
 * the same request id gets the first answer; a refusal is forgotten once given, so a request that
 * was refused may be sent again.
 */
export async function signUpForEvent(
  deps: Deps,
  caller: Caller,
  input: { eventId: string; acknowledged: boolean },
  requestId: string,
): Promise<Result<MySignupView>> {
  const now = deps.clock.now()
  // The member's standing in one read (one request on CloudBase); nothing of it is written here.
  const standing = await memberApplicant(deps, caller, now)
  if (!standing.ok) return standing
  const { member, applicant } = standing.data
  const key = { requestId, openid: caller.openid, fn: 'events', action: 'signUp' }
  const ticket: QueuedSignup = {
    requestId,
    eventId: input.eventId,
    memberId: member.id,
    acknowledged: input.acknowledged,
    applicant,
    arrivedAt: now.toISOString(),
  }
  const prior = await deps.store.signupQueue.add(ticket, caller.openid, now.toISOString())
  if (prior && !sameRequest(prior, key)) return requestIdReused()
  if (prior?.result) return prior.result as Result<MySignupView>
  const answer = await deps.store.signupQueue.answer(
    input.eventId,
    requestId,
    (tx, helping) => settleTurn(deps, tx, input.eventId, requestId, helping),
    { queuedNow: prior === null },
  )
  if (!answer) return signupQueued()
  if (!answer.ok) await deps.store.signupQueue.forget(requestId)
  return answer
}

/**
 * One transaction's turn at the event's queue, for `requestId`: its answer once settled (by this
 * turn or an earlier one of another call's), null while it is still queued behind the head batch.
 * The head batch is settled when this request is in it, or when `helping` (the store settles the
 * head for anyone). A head whose calls all stopped is settled by the next call in it, or by the
 * `signupQueues` timer (settle-signup-queues.ts).
 */
async function settleTurn(
  deps: Deps,
  tx: Repositories,
  eventId: string,
  requestId: string,
  helping: boolean,
): Promise<Result<MySignupView> | null> {
  const batch = await tx.requests.queued(eventId, QUEUE_BATCH)
  const mine = batch.some((t) => t.requestId === requestId)
  if (mine || (helping && batch.length === QUEUE_BATCH)) {
    return (await settleBatch(deps, tx, eventId, batch)).get(requestId) ?? null
  }
  if (batch.length === QUEUE_BATCH) return null
  // No longer queued in this snapshot: another call's transaction has answered it.
  const record = await tx.requests.get(requestId)
  if (!record?.result) throw new Error(`sign-up ${requestId} is neither queued nor answered`)
  return record.result as Result<MySignupView>
}

/**
 * A member cancels their sign-up until 16:00 Shanghai on the event day (SPEC §7). A confirmed
 * place goes at once, in the same transaction, to the first on the waitlist, who is notified.
 */
export async function cancelEventSignup(
  deps: Deps,
  caller: Caller,
  input: { eventId: string },
  requestId: string,
): Promise<Result<MySignupView>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  const key = { requestId, openid: caller.openid, fn: 'events', action: 'cancelSignup' }
  return idempotent(deps, key, async (tx) => {
    const now = deps.clock.now()
    const event = await tx.events.byId(input.eventId)
    if (!event) return eventNotFound()
    const cancelled = cancelSignup(event, await tx.signups.get(event.id, member.data.id), now)
    if (!cancelled.ok) return cancelled
    const saved = await givePlaceBack(tx, event, cancelled.data, now)
    if (!saved.ok) return saved
    return ok((await mySignupView(tx, saved.data, cancelled.data.signup, now))!)
  })
}
