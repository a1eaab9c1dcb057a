import type { TemplateKey } from '../../../../src/domain/notification/templates'
import type { Broadcast, BroadcastRepository, SubscriptionRepository } from '../../ports'
import {
  collectionAccess,
  readAfter,
  readPage,
  withoutId,
  type CollectionSource,
  type DbCommand,
} from './cloudbase-access'
import { saveVersioned } from './cloudbase-versioned'
import { COLLECTIONS } from './cloudbase-schema'

type Doc = Record<string, unknown>

/**
 * Subscribe-message credits and broadcasts over the CloudBase database. A credit document's `_id`
 * is `${memberId}_${templateKey}`; it is read and then changed by `inc` inside the transaction,
 * so two transactions taking the last credit conflict and the re-run finds none left (filtered
 * updates would escape the transaction, PLATFORM §1). A broadcast is versioned like the other
 * documents. Outside a transaction (`writable: false`) they only read.
 */
export function cloudbaseNotificationRepositories(
  source: CollectionSource,
  command: DbCommand,
  writable: boolean,
): {
  subscriptions: SubscriptionRepository
  broadcasts: BroadcastRepository
} {
  const { coll, getDoc, insertNew, mustWrite } = collectionAccess(source, writable)
  const creditId = (memberId: string, template: TemplateKey) => `${memberId}_${template}`

  return {
    subscriptions: {
      credits: async (memberId) => {
        const res = await coll(COLLECTIONS.subscriptions).where({ memberId }).limit(100).get()
        return Object.fromEntries(
          (res.data as Doc[]).map((d) => [d.templateKey as TemplateKey, d.credits as number]),
        )
      },
      grant: async (memberId, template, count, at) => {
        mustWrite()
        const id = creditId(memberId, template)
        if (await getDoc(COLLECTIONS.subscriptions, id)) {
          await coll(COLLECTIONS.subscriptions)
            .doc(id)
            .update({ credits: command.inc(count), updatedAt: at })
          return
        }
        await coll(COLLECTIONS.subscriptions).add({
          _id: id,
          memberId,
          templateKey: template,
          credits: count,
          updatedAt: at,
        })
      },
      take: async (memberId, template, at) => {
        mustWrite()
        const id = creditId(memberId, template)
        const current = await getDoc(COLLECTIONS.subscriptions, id)
        if (!current || (current.credits as number) < 1) return false
        await coll(COLLECTIONS.subscriptions)
          .doc(id)
          .update({ credits: command.inc(-1), updatedAt: at })
        return true
      },
      // Index: templateKey, memberId (keyset pages on memberId, credits filtered).
      holdersAfter: async (template, cursor, limit) =>
        (
          await readAfter(
            cursor,
            limit,
            async (after, want) => {
              const res = await coll(COLLECTIONS.subscriptions)
                .where({
                  templateKey: template,
                  credits: command.gt(0),
                  memberId: command.gt(after),
                })
                .orderBy('memberId', 'asc')
                .limit(want)
                .get()
              return res.data as Doc[]
            },
            (row) => row.memberId as string,
          )
        ).map((d) => d.memberId as string),
    },
    broadcasts: {
      add: async ({ id, ...fields }) => {
        mustWrite()
        return insertNew(COLLECTIONS.broadcasts, { _id: id, ...fields })
      },
      get: async (id) => {
        const d = await getDoc(COLLECTIONS.broadcasts, id)
        return d ? withoutId<Broadcast>(d, 'id') : null
      },
      // Index: status, createdAt, _id.
      open: async (limit) => {
        const query = coll(COLLECTIONS.broadcasts)
          .where({ status: 'open' })
          .orderBy('createdAt', 'asc')
          .orderBy('_id', 'asc')
        return (await readPage(query, 0, limit)).map((d) => withoutId<Broadcast>(d, 'id'))
      },
      save: async ({ id, ...fields }) => {
        mustWrite()
        return saveVersioned(source, COLLECTIONS.broadcasts, id, fields)
      },
    },
  }
}
