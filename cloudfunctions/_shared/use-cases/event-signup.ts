import type { MySignupView } from '../../../src/contracts/events.contract'
import { eventNotFound, signupQueued } from '../../../src/domain/event/event.errors'
import { cancelSignup } from '../../../src/domain/event/signup'
import { settleQueue, type QueuedSignup } from '../../../src/domain/event/signup-queue'
import { notSignedIn, requestIdReused } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { memberAllowed, requireMember, type Caller } from '../caller'
import { QUEUE_BATCH, settleBatch } from '../event-queue'
import { idempotent, sameRequest } from '../idempotent'
import { applicantFrom, mySignupView, signupView } from '../event-views'
import { givePlaceBack } from '../event-places'
import type { Deps, Repositories, RequestRecord } from '../ports'

/**
 * A member signs up for an event (SPEC §7), first come, first served in the order of arrival.
 *
 * What it decides on is read first, in one read (`signupQueue.scene`): the member's standing
 * (status, star, club, no-shows), the event, the record of this request id if it came before, and
 * whether the event's queue is empty. A refusal (not eligible, already signed up) is answered from
 * it and leaves no trace. Otherwise the sign-up queues for the event — its ticket, the request
 * record written alone under the request id with the moment it arrived (a retry finds it) — and:
 *
 * - **alone** (the queue was empty: the usual case), it is settled at once on the event it read
 *   (`settleAlone`): the event, the sign-up and the answer written while the event is still at
 *   the version read. On CloudBase that is two more round trips and no transaction;
 * - **in a burst** (the queue was not empty, or the event moved meanwhile), the call waits for its
 *   answer while taking turns at settling the queue: one transaction reads the event and the first
 *   queued sign-ups (this one and those that arrived before or with it), decides each in arrival
 *   order exactly as a sign-up alone would be decided, and writes the event's counters, the
 *   sign-ups and each request's answer together. Whoever's transaction commits settles the others'
 *   sign-ups too, so simultaneous sign-ups no longer race each other for the event.
 *
 * Either way places and the waitlist follow arrival, never more than `capacity` are confirmed, and
 * a retry of the same request id gets the first answer; a refusal is forgotten once given, so a
 * request that was refused may be sent again.
 */
export async function signUpForEvent(
  deps: Deps,
  caller: Caller,
  input: { eventId: string; acknowledged: boolean },
  requestId: string,
): Promise<Result<MySignupView>> {
  const now = deps.clock.now()
  if (!caller.openid) return notSignedIn()
  // Everything it decides on in one read (one request on CloudBase); nothing of it is written here.
  const scene = await deps.store.signupQueue.scene(caller.openid, input.eventId, requestId)
  const allowed = memberAllowed(scene.member, scene.staff)
  if (!allowed.ok) return allowed
  const member = allowed.data
  const key = { requestId, openid: caller.openid, fn: 'events', action: 'signUp' }
  if (scene.prior) return answerOfPrior(deps, scene.prior, key, input.eventId, requestId)
  if (!scene.event) return eventNotFound()
  const ticket: QueuedSignup = {
    requestId,
    eventId: input.eventId,
    memberId: member.id,
    acknowledged: input.acknowledged,
    applicant: applicantFrom(deps, { ...scene, member }, now),
    arrivedAt: now.toISOString(),
  }
  // Decided on the event as read: a refusal does not depend on who is ahead in the queue.
  const existing = scene.signups.find((s) => s.eventId === input.eventId)
  const alone = settleQueue(scene.event, [ticket], new Map(existing ? [[member.id, existing]] : []))
  const decided = alone.outcomes[0]!.result
  if (!decided.ok) return decided
  const prior = await deps.store.signupQueue.add(ticket, caller.openid, now.toISOString())
  if (prior) return answerOfPrior(deps, prior, key, input.eventId, requestId)
  if (scene.alone) {
    const position = decided.data.status === 'waitlisted' ? scene.alone.waitlisted + 1 : null
    const answer = ok(signupView(alone.event, decided.data, position, now))
    const settled = await deps.store.signupQueue.settleAlone({
      ticket,
      before: scene.event,
      event: alone.event,
      signup: decided.data,
      answer,
    })
    if (settled) return answer
  }
  return waitForAnswer(deps, input.eventId, requestId, true)
}

/**
 * A request id already on file: its answer, or its turn in the queue while still queued. A
 * refusal settled while its call was gone (by another's turn, or the timer) is given once and
 * forgotten, as any refusal: sent again, the request is decided anew.
 */
async function answerOfPrior(
  deps: Deps,
  prior: RequestRecord,
  key: { requestId: string; openid: string; fn: string; action: string },
  eventId: string,
  requestId: string,
): Promise<Result<MySignupView>> {
  if (!sameRequest(prior, key)) return requestIdReused()
  if (!prior.result) return waitForAnswer(deps, eventId, requestId, false)
  return given(deps, requestId, prior.result as Result<MySignupView>)
}

/** An answer as given to its caller: a refusal is forgotten once given (it may be sent again). */
async function given(
  deps: Deps,
  requestId: string,
  answer: Result<MySignupView>,
): Promise<Result<MySignupView>> {
  if (!answer.ok) await deps.store.signupQueue.forget(requestId)
  return answer
}

/** Takes turns at the event's queue until this request is answered, or says it is still queued. */
async function waitForAnswer(
  deps: Deps,
  eventId: string,
  requestId: string,
  queuedNow: boolean,
): Promise<Result<MySignupView>> {
  const answer = await deps.store.signupQueue.answer(
    eventId,
    requestId,
    (tx, helping) => settleTurn(deps, tx, eventId, requestId, helping),
    { queuedNow },
  )
  return answer ? given(deps, requestId, answer) : signupQueued()
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
