import type { Repositories, RequestRecord, SignupQueue } from '../../ports'
import { ticketRecord } from '../../signup-queue-over-repositories'
import {
  isDuplicateWrite,
  isWriteConflict,
  singleDoc,
  withoutId,
  type CollectionSource,
} from './cloudbase-access'
import { QUEUE_BATCH } from '../../event-queue'
import { COLLECTIONS } from './cloudbase-schema'

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
  read: Repositories,
  attempt: Attempt,
): SignupQueue {
  const requests = () => db.collection(COLLECTIONS.requests)
  return {
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
