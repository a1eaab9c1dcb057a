import type { ClubEvent } from '../../../../src/domain/event/event'
import type { Signup } from '../../../../src/domain/event/signup'
import type {
  Repositories,
  RequestRecord,
  SettledAlone,
  SignupQueue,
  SignupScene,
} from '../../ports'
import { noMemberScene } from '../../ports'
import { ticketRecord } from '../../signup-queue-over-repositories'
import {
  isDuplicateWrite,
  isWriteConflict,
  raceLost,
  singleDoc,
  withoutId,
  type CollectionSource,
  type DbCommand,
} from './cloudbase-access'
import { QUEUE_BATCH } from '../../event-queue'
import { memberSceneOf, memberScenePipeline } from './cloudbase-scenes'
import { COLLECTIONS } from './cloudbase-schema'
import { signupIdOf, toEvent } from './cloudbase-event-repositories'

type Doc = Record<string, unknown>

/**
 * A sign-up settled alone, kept on its event by the write that counted it (`placing`) until its
 * sign-up and answer are known written: should the call stop between that write and the next,
 * whoever next settles the event's queue — or the `signupQueues` timer — finishes it from here.
 */
export type Placing = {
  requestId: string
  signupId: string
  signup: Signup
  answer: unknown
  /** When the sign-up arrived (its ticket's instant). */
  at: string
}

/** An equality join on a field of the row so far (indexed on the joined collection's side). */
const join = (from: string, localField: string, foreignField: string, as: string) => ({
  $lookup: { from, localField, foreignField, as },
})
/** A join of what a sub-pipeline on `from` finds (no variables: its filter is literal). */
const subquery = (from: string, pipeline: Doc[], as: string) => ({
  $lookup: { from, let: {}, pipeline, as },
})

/**
 * A sign-up's scene as one aggregation from the member's document (their scene, as
 * `memberScenePipeline`), with the event, the request record under this request id, the first
 * ticket queued for the event if any (`queued.eventId` is indexed), how many wait on its list, and
 * the sign-up of the event's last lone settlement, to tell whether that one finished.
 */
export function signupScenePipeline(openid: string, eventId: string, requestId: string): Doc[] {
  return [
    ...memberScenePipeline(openid),
    {
      $addFields: { sceneEventId: { $literal: eventId }, sceneRequestId: { $literal: requestId } },
    },
    join(COLLECTIONS.events, 'sceneEventId', '_id', 'sceneEvent'),
    join(COLLECTIONS.requests, 'sceneRequestId', '_id', 'scenePrior'),
    subquery(
      COLLECTIONS.requests,
      [{ $match: { 'queued.eventId': eventId } }, { $limit: 1 }, { $project: { _id: 1 } }],
      'sceneQueued',
    ),
    subquery(
      COLLECTIONS.eventSignups,
      [{ $match: { eventId, status: 'waitlisted' } }, { $count: 'n' }],
      'sceneWaitlisted',
    ),
    { $addFields: { scenePlacingId: { $arrayElemAt: ['$sceneEvent.placing.signupId', 0] } } },
    join(COLLECTIONS.eventSignups, 'scenePlacingId', '_id', 'scenePlacing'),
  ]
}

/** Whether a lone settlement's sign-up is written (`stored`: the sign-up under its id). */
const placed = (placing: Placing, stored: { version?: unknown } | null | undefined) =>
  !!stored && (stored.version as number) >= placing.signup.version

/** The aggregation's one row as the scene (no row: no member, and nothing else read). */
export function signupSceneOf(row: Doc | undefined): SignupScene {
  if (!row) return { ...noMemberScene(), event: null, prior: null, alone: null }
  const {
    sceneEventId: _eventId,
    sceneRequestId: _requestId,
    sceneEvent,
    scenePrior,
    sceneQueued,
    sceneWaitlisted,
    scenePlacingId: _placingId,
    scenePlacing,
    ...memberRow
  } = row as Doc & {
    sceneEvent: Doc[]
    scenePrior: Doc[]
    sceneQueued: Doc[]
    sceneWaitlisted: Doc[]
    scenePlacing: Doc[]
  }
  const eventDoc = sceneEvent[0]
  const placing = eventDoc?.placing as Placing | undefined
  const finished = !placing || placed(placing, scenePlacing[0])
  return {
    ...memberSceneOf(memberRow),
    event: eventDoc ? toEvent(eventDoc) : null,
    prior: scenePrior[0] ? withoutId<RequestRecord>(scenePrior[0], 'requestId') : null,
    alone:
      eventDoc && sceneQueued.length === 0 && finished
        ? { waitlisted: (sceneWaitlisted[0]?.n as number | undefined) ?? 0 }
        : null,
  }
}

/** The fields of `after` that differ from `before` (an event's counters, time and version). */
function changedFields(before: ClubEvent, after: ClubEvent): Doc {
  const { id: _id, ...fields } = after
  const was = before as unknown as Doc
  return Object.fromEntries(
    Object.entries(fields).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(was[k])),
  )
}

/** One attempt at a transaction: committed, or thrown (a write conflict included). */
type Attempt = <T>(work: (tx: Repositories, source: CollectionSource) => Promise<T>) => Promise<T>

/** How long a sign-up waits for its answer before saying it is still queued (functions: 15 s). */
export const QUEUE_WAIT_BUDGET_MS = 10_000
/** How far down the queue a waiting call looks for its ticket (eight batches: one query of ids). */
export const QUEUE_LOOK = 8 * QUEUE_BATCH
/** About how long settling one batch takes (its ~2×25 writes at ~10 ms a request). */
export const BATCH_MS = 500
/** Waits between looks: the next batch's members look every 100–200 ms. */
const LOOK_BASE_MS = 100

/**
 * The wait before the next look of a ticket `batchesAhead` batches behind the head: one batch's
 * time for each batch more than one ahead of it, plus 100–200 ms (jittered, so waiters drift apart).
 */
export function queueWait(batchesAhead: number, random: () => number = Math.random): number {
  return Math.max(0, batchesAhead - 1) * BATCH_MS + Math.round(LOOK_BASE_MS * (1 + random()))
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The sign-up queue on CloudBase. A ticket is one `add` under the request id (one request, atomic
 * on its own, no transaction), so arrivals never conflict with each other or with the event's
 * transactions; a duplicate id is a retry, answered with the record already there.
 *
 * Turns at settling. The first try is a plain transaction, which settles the head of the queue
 * when this sign-up is in it (alone, or in a quiet moment, that is at once). Under a burst it
 * meets another settling transaction (a write conflict), or finds itself behind the head. Then
 * the call does not run its transaction again and again — on a busy event that is what starves
 * the one settling — but looks down the queue now and then (one query, eight batches deep):
 * answered, it reads its answer; in the head batch, it takes a turn, claiming the queue first (a
 * write to the event's claim document as its transaction's first request, so a turn lost again
 * costs two requests, not a transaction's reads); further back, it waits about as long as the
 * batches ahead of it take; further back than eight batches, it answers at once that it is still
 * queued (its retry looks again). Only the head's members contend, and at most eight batches of
 * callers wait, never the whole burst.
 */
export function cloudbaseSignupQueue(
  db: CollectionSource,
  command: DbCommand,
  read: Repositories,
  attempt: Attempt,
): SignupQueue {
  const requests = () => db.collection(COLLECTIONS.requests)
  const events = () => db.collection(COLLECTIONS.events)

  /**
   * Writes a lone settlement's sign-up unless it is there already (written by the call, or by
   * whoever finished it): inserted as version 1, else moved on from the version before.
   */
  async function writeSignup(id: string, signup: Signup) {
    const coll = db.collection(COLLECTIONS.eventSignups)
    if (signup.version === 1) {
      try {
        await coll.add({ _id: id, ...signup })
      } catch (error) {
        if (!isDuplicateWrite(error)) throw error
      }
    } else {
      await coll.where({ _id: id, version: signup.version - 1 }).update({ ...signup })
    }
  }

  /** Its ticket answered, out of the queue: `requests.settle`, outside a transaction. */
  const answerTicket = (requestId: string, answer: unknown) =>
    requests()
      .doc(requestId)
      .update({ result: command.set(answer), queued: null })

  /**
   * Inside a queue's transaction, before it reads the queue: the event's last lone settlement,
   * if its call stopped half-way, finished — its sign-up written, its ticket answered (so the
   * queue's read no longer finds it) — and taken off the event.
   */
  async function finishPlacing(tx: Repositories, source: CollectionSource, eventId: string) {
    const event = singleDoc(await source.collection(COLLECTIONS.events).doc(eventId).get())
    const placing = event?.placing as Placing | undefined
    if (!placing) return
    const { signup } = placing
    const stored = await tx.signups.get(signup.eventId, signup.memberId)
    if (!placed(placing, stored) && !(await tx.signups.save(signup)).ok) throw raceLost()
    const ticket = await tx.requests.get(placing.requestId)
    if (ticket && !ticket.result) await tx.requests.settle(placing.requestId, placing.answer)
    await source.collection(COLLECTIONS.events).doc(eventId).update({ placing: command.remove() })
  }

  return {
    async scene(openid, eventId, requestId) {
      // Only a collection opened with `raw: true` sends the pipeline (PLATFORM §1).
      const res = await db
        .collection(COLLECTIONS.members)
        .options({ raw: true })
        .aggregate(signupScenePipeline(openid, eventId, requestId))
        .end()
      return signupSceneOf((res.data as Doc[] | undefined)?.[0])
    },
    /**
     * Two round trips, no transaction: the event's counters moved by one conditional update
     * (still at the version read), which keeps the settlement on the event (`placing`); then the
     * sign-up and the ticket's answer, together. A call that stops between them leaves the
     * ticket queued and the settlement on the event, for the next turn at the queue or the timer.
     */
    async settleAlone({ ticket, before, event, signup, answer }: SettledAlone) {
      const signupId = signupIdOf(event.id, signup.memberId)
      const placing: Placing = {
        requestId: ticket.requestId,
        signupId,
        signup,
        answer,
        at: ticket.arrivedAt,
      }
      const counted = await events()
        .where({ _id: event.id, version: before.version })
        .update({ ...changedFields(before, event), placing: command.set(placing) })
      if (counted.updated !== 1) return false
      await Promise.all([writeSignup(signupId, signup), answerTicket(ticket.requestId, answer)])
      return true
    },
    async finishAlone(before, limit) {
      const res = await events()
        .where({ 'placing.at': command.lt(before) })
        .orderBy('placing.at', 'asc')
        .limit(limit)
        .field({ _id: true })
        .get()
      const ids = (res.data as Doc[]).map((d) => String(d._id))
      let finished = 0
      for (const id of ids) {
        try {
          await attempt((tx, source) => finishPlacing(tx, source, id))
          finished++
        } catch (error) {
          // The event moved under it (a sign-up, a cancellation): the next run looks again.
          if (!isWriteConflict(error)) throw error
        }
      }
      return finished
    },
    async add(ticket, openid, at) {
      const { requestId, ...rest } = ticketRecord(ticket, openid, at)
      try {
        await requests().add({ _id: requestId, ...rest })
        return null
      } catch (error) {
        if (!isDuplicateWrite(error)) throw error
        const prior = singleDoc(await requests().doc(requestId).get())
        if (!prior) throw error
        return withoutId<RequestRecord>(prior, 'requestId')
      }
    },
    async forget(requestId) {
      await requests().doc(requestId).remove()
    },
    async answer(eventId, requestId, settle, { queuedNow }) {
      const turn = (claim: boolean) =>
        attempt(async (tx, source) => {
          if (claim) {
            await source
              .collection(COLLECTIONS.queueClaims)
              .doc(eventId)
              .set({ requestId, at: new Date().toISOString() })
          }
          await finishPlacing(tx, source, eventId)
          return settle(tx, false)
        }).catch((error: unknown) => {
          if (isWriteConflict(error)) return null
          throw error
        })
      // A ticket just queued tries at once: alone (the usual case) it is answered by this one
      // transaction. A retry looks first: a burst's retries must not all run transactions.
      if (queuedNow) {
        const first = await turn(false)
        if (first !== null) return first
      }
      const deadline = performance.now() + QUEUE_WAIT_BUDGET_MS
      while (performance.now() < deadline) {
        const ahead = await read.requests.queuedIds(eventId, QUEUE_LOOK)
        const place = ahead.indexOf(requestId)
        if (place >= 0 && place < QUEUE_BATCH) {
          const answer = await turn(true)
          if (answer !== null) return answer
          await sleep(queueWait(0))
        } else if (place < 0) {
          // Not in the first eight batches: answered by another's turn, or further back.
          const record = await read.requests.get(requestId)
          if (record?.result) return record.result as never
          // Further back than a call can wait for: answered as still queued, not polled.
          if (record?.queued) return null
          // Gone: a refusal, taken back by another call of this request id. Sent again, the
          // request queues anew (SYS.INTERNAL leaves the app to send it again).
          throw new Error(`sign-up ${requestId} was answered and taken back meanwhile`)
        } else {
          await sleep(queueWait(Math.floor(place / QUEUE_BATCH)))
        }
      }
      return null
    },
  }
}
