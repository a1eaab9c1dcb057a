import type { JobRun, JobRunRepository, OutboxMessage, OutboxRepository } from '../../ports'
// A cycle with cloudbase-repositories, which composes these repositories: both sides use the
// other's exports only when called, never while the modules load, so either may load first.
import {
  collectionAccess,
  COLLECTIONS,
  isDuplicateWrite,
  readAll,
  saveVersioned,
  withoutId,
  type CollectionSource,
} from './cloudbase-repositories'

/**
 * The notification outbox and the batch job checkpoints over the CloudBase database. A message's
 * `_id` is its id, so `add` reads the document and adds it only when absent, inside the
 * transaction; a racing duplicate `add` is reported as not added. A job run is saved by version
 * like the other versioned documents. Outside a transaction (`writable: false`) they only read.
 */
export function cloudbaseJobRepositories(
  source: CollectionSource,
  writable: boolean,
): {
  outbox: OutboxRepository
  jobs: JobRunRepository
} {
  const { coll, getDoc, mustWrite } = collectionAccess(source, writable)

  return {
    outbox: {
      add: async ({ id, ...fields }) => {
        mustWrite()
        if (await getDoc(COLLECTIONS.outbox, id)) return false
        try {
          await coll(COLLECTIONS.outbox).add({ _id: id, ...fields })
          return true
        } catch (error) {
          if (isDuplicateWrite(error)) return false
          throw error
        }
      },
      forMember: async (memberId) => {
        const query = coll(COLLECTIONS.outbox)
          .where({ memberId })
          .orderBy('createdAt', 'asc')
          .orderBy('_id', 'asc')
        return (await readAll(query)).map((d) => withoutId<OutboxMessage>(d, 'id'))
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
