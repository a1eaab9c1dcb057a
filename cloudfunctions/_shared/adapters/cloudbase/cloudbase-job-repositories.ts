import type {
  JobRun,
  JobRunRepository,
  OutboxDelivery,
  OutboxMessage,
  OutboxRepository,
} from '../../ports'
import {
  collectionAccess,
  readAll,
  readByIds,
  readPage,
  withoutId,
  type CollectionSource,
  type DbCommand,
} from './cloudbase-access'
import { saveVersioned } from './cloudbase-versioned'
import { COLLECTIONS } from './cloudbase-schema'

type Doc = Record<string, unknown>

/** The message as producers wrote it, without its delivery fields. */
const toMessage = (d: Doc): OutboxMessage => ({
  id: d._id as string,
  memberId: d.memberId as string,
  kind: d.kind as string,
  payload: d.payload as Record<string, unknown>,
  createdAt: d.createdAt as string,
  status: d.status as OutboxMessage['status'],
})

const toDelivery = (d: Doc): OutboxDelivery => ({
  ...toMessage(d),
  attempts: (d.attempts as number | undefined) ?? 0,
  nextAttemptAt: (d.nextAttemptAt as string | null | undefined) ?? null,
  sentAt: (d.sentAt as string | null | undefined) ?? null,
  lastError: (d.lastError as string | null | undefined) ?? null,
  claimedAt: (d.claimedAt as string | null | undefined) ?? null,
  version: (d.version as number | undefined) ?? 1,
})

/**
 * The notification outbox and the batch job checkpoints over the CloudBase database. A message's
 * `_id` is its id, so `add` reads the document and adds it only when absent, inside the
 * transaction; a racing duplicate `add` is reported as not added. A message's delivery (a claim,
 * its end) is saved like the other versioned documents: read in the transaction, version compared
 * in JS, then `set`, so of two senders claiming the same message one conflicts (PLATFORM §1).
 * A job run is saved by version too. Outside a transaction (`writable: false`) they only read.
 */
/** A new message's delivery state: due at once, never tried, version 1. */
const newDelivery = (createdAt: string) => ({
  attempts: 0,
  nextAttemptAt: createdAt,
  sentAt: null,
  lastError: null,
  claimedAt: null,
  version: 1,
})

export function cloudbaseJobRepositories(
  source: CollectionSource,
  command: DbCommand,
  writable: boolean,
): {
  outbox: OutboxRepository
  jobs: JobRunRepository
} {
  const { coll, getDoc, insertNew, mustWrite } = collectionAccess(source, writable)

  return {
    outbox: {
      add: async ({ id, ...fields }) => {
        mustWrite()
        return insertNew(COLLECTIONS.outbox, {
          _id: id,
          ...fields,
          ...newDelivery(fields.createdAt),
        })
      },
      // No read first: a duplicate `_id` fails the add, which ends the transaction.
      addNew: async ({ id, ...fields }) => {
        mustWrite()
        await coll(COLLECTIONS.outbox).add({ _id: id, ...fields, ...newDelivery(fields.createdAt) })
      },
      taken: async (ids) =>
        (await readByIds(source, command, COLLECTIONS.outbox, ids)).map((d) => String(d._id)),
      forMember: async (memberId) => {
        const query = coll(COLLECTIONS.outbox)
          .where({ memberId })
          .orderBy('createdAt', 'asc')
          .orderBy('_id', 'asc')
        return (await readAll(query)).map(toMessage)
      },
      get: async (id) => {
        const d = await getDoc(COLLECTIONS.outbox, id)
        return d ? toDelivery(d) : null
      },
      save: async ({ id, ...fields }) => {
        mustWrite()
        const current = await getDoc(COLLECTIONS.outbox, id)
        if (!current || ((current.version as number | undefined) ?? 1) !== fields.version - 1) {
          return { ok: false, conflict: 'version' }
        }
        await coll(COLLECTIONS.outbox).doc(id).set(fields)
        return { ok: true }
      },
      // Index: status, nextAttemptAt, _id.
      due: async (now, limit) => {
        const query = coll(COLLECTIONS.outbox)
          .where({ status: 'pending', nextAttemptAt: command.lte(now) })
          .orderBy('nextAttemptAt', 'asc')
          .orderBy('_id', 'asc')
        return (await readPage(query, 0, limit)).map(toDelivery)
      },
      // Index: status, claimedAt, _id.
      stuck: async (claimedBefore, limit) => {
        const query = coll(COLLECTIONS.outbox)
          .where({ status: 'sending', claimedAt: command.lte(claimedBefore) })
          .orderBy('claimedAt', 'asc')
          .orderBy('_id', 'asc')
        return (await readPage(query, 0, limit)).map(toDelivery)
      },
      // Index: status, sentAt, _id.
      recentlySent: async (limit) => {
        const query = coll(COLLECTIONS.outbox)
          .where({ status: 'sent' })
          .orderBy('sentAt', 'desc')
          .orderBy('_id', 'desc')
        return (await readPage(query, 0, limit)).map(toDelivery)
      },
    },
    jobs: {
      get: async (id) => {
        const d = await getDoc(COLLECTIONS.jobRuns, id)
        return d ? withoutId<JobRun>(d, 'id') : null
      },
      save: async ({ id, ...fields }) => {
        mustWrite()
        return saveVersioned(source, COLLECTIONS.jobRuns, id, fields)
      },
    },
  }
}
