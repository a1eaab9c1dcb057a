import type { QueuedSignup } from '../../src/domain/event/signup-queue'
import type { RequestRecord, Repositories, SignupQueue, SignupScene } from './ports'
import { memberSceneFromReads } from './scenes-over-repositories'

/** The request record that stands for a queued sign-up: no result yet, the ticket beside it. */
export const ticketRecord = (ticket: QueuedSignup, openid: string, at: string): RequestRecord => ({
  requestId: ticket.requestId,
  openid,
  fn: 'events',
  action: 'signUp',
  result: null,
  at,
  queued: ticket,
})

/**
 * A sign-up's scene from the repositories, one read each (cheap where reads are local). Never
 * `alone`: here a turn at the queue is one local transaction, and turns group-commit under a burst
 * (sqlite-store.ts), so settling alone would only add a transaction to every sign-up of a burst.
 */
export async function signupSceneFromReads(
  read: Repositories,
  openid: string,
  eventId: string,
  requestId: string,
): Promise<SignupScene> {
  const [scene, event, prior] = await Promise.all([
    memberSceneFromReads(read, openid),
    read.events.byId(eventId),
    read.requests.get(requestId),
  ])
  return { ...scene, event, prior, alone: null }
}

/**
 * The sign-up queue over the repositories and a store's transactions (the embedded store, where a
 * transaction is one SQLite transaction and costs no round trip): the ticket inserted in a
 * transaction of its own, a duplicate request id answered with the record already there, and the
 * queue settled by transactions that never conflict. Every sign-up takes its turn at the queue
 * (nothing is settled alone, so nothing is left half-way for `finishAlone`).
 */
export function signupQueueOverRepositories(
  read: Repositories,
  transaction: <T>(work: (tx: Repositories) => Promise<T>) => Promise<T>,
): SignupQueue {
  return {
    scene: (openid, eventId, requestId) => signupSceneFromReads(read, openid, eventId, requestId),
    // Never asked (the scene is never `alone`); were it, the queue would settle it as well.
    settleAlone: async () => false,
    finishAlone: async () => 0,
    async add(ticket, openid, at) {
      try {
        await transaction((tx) => tx.requests.put(ticketRecord(ticket, openid, at)))
        return null
      } catch (error) {
        const prior = await read.requests.get(ticket.requestId)
        if (prior) return prior
        throw error
      }
    },
    forget: (requestId) => transaction((tx) => tx.requests.remove(requestId)),
    // One writer, one transaction at a time: no turn is ever lost to a conflict, so each call
    // helps — settles the head of the queue whether or not it is in it. Each null is a batch
    // settled ahead of this request, so the loop ends.
    async answer(_eventId, _requestId, settle) {
      for (;;) {
        const answer = await transaction((tx) => settle(tx, true))
        if (answer !== null) return answer
      }
    },
  }
}
