import type { LedgerEntry } from '../../../../src/domain/points/points'
import type { RewardItem } from '../../../../src/domain/points/redemption'
import type { StarLedgerEntry } from '../../../../src/domain/star/qualifying-points'
import type {
  CatalogueRepository,
  PointsRepository,
  VoucherRecord,
  VoucherRepository,
} from '../../ports'
import {
  collectionAccess,
  readAfter,
  readAll,
  readPage,
  withoutId,
  type CollectionSource,
  type DbCommand,
} from './cloudbase-access'
import { versionedSaves } from './cloudbase-versioned'
import { ACCOUNT_OWN_FIELDS, toAccount, toEntry } from './cloudbase-purchase-credits'
import { COLLECTIONS } from './cloudbase-schema'

type Doc = Record<string, unknown>

/** Member ids per `_.in` query of `entriesBetween`: keeps each query and its result set small. */
export const IN_CHUNK = 100

/**
 * The points, catalogue and voucher repositories over the CloudBase database. Versioned saves read
 * the document first and compare its version in JS (see `saveVersioned`); outside a transaction
 * (`writable: false`) the repositories only read.
 */
export function cloudbasePointsRepositories(
  source: CollectionSource,
  command: DbCommand,
  writable: boolean,
): {
  points: PointsRepository
  catalogue: CatalogueRepository
  vouchers: VoucherRepository
} {
  const { coll, getDoc, mustWrite } = collectionAccess(source, writable)
  const save = versionedSaves(source, mustWrite)

  return {
    points: {
      account: async (memberId) => {
        const d = await getDoc(COLLECTIONS.pointsAccounts, memberId)
        return d ? toAccount(d) : null
      },
      // The account's remembered credits (cloudbase-purchase-credits.ts) stay as they are.
      saveAccount: ({ memberId, ...fields }) =>
        save(COLLECTIONS.pointsAccounts, memberId, fields, ACCOUNT_OWN_FIELDS),
      append: async ({ id, ...fields }) => {
        mustWrite()
        await coll(COLLECTIONS.pointsLedger).add({ _id: id, ...fields })
      },
      entry: async (id) => {
        const d = await getDoc(COLLECTIONS.pointsLedger, id)
        return d ? toEntry(d) : null
      },
      history: async (memberId, offset, limit) => {
        // count() never takes part in a transaction: inside one, `total` is the committed count.
        const query = coll(COLLECTIONS.pointsLedger).where({ memberId })
        const [rows, count] = await Promise.all([
          readPage(query.orderBy('at', 'desc').orderBy('_id', 'desc'), offset, limit),
          query.count(),
        ])
        return {
          items: rows.map(toEntry),
          total: count.total as number,
        }
      },
      // Keyset pages on `_id`, which also fetch only `_id`: one get() returns at most PAGE_ROWS
      // rows, so a larger `limit` takes several.
      accountIdsAfter: async (cursor, limit) =>
        (
          await readAfter(cursor, limit, async (after, want) => {
            const res = await coll(COLLECTIONS.pointsAccounts)
              .where({ _id: command.gt(after) })
              .orderBy('_id', 'asc')
              .limit(want)
              .field({ _id: true })
              .get()
            return res.data as Doc[]
          })
        ).map((d) => d._id as string),
      // count() never takes part in a transaction: inside one it is the committed count.
      accountCount: async () => (await coll(COLLECTIONS.pointsAccounts).count()).total as number,
      // Summed page by page, not with aggregate(): aggregate never takes part in a transaction,
      // so inside one it would miss the entries the transaction just appended. A member's ledger
      // grows by a few entries a month, so the pages are few.
      ledgerSum: async (memberId) => {
        const query = coll(COLLECTIONS.pointsLedger).where({ memberId }).orderBy('_id', 'asc')
        const rows = await readAll(query)
        return rows.reduce((sum, d) => sum + (d.points as number), 0)
      },
      // `IN_CHUNK` members per query, each read whole page by page in the order of the ledger's
      // index (memberId, at desc, _id desc). The range is one field's `$gte` and `$lt` joined by
      // `and`; ISO instants compare as strings.
      entriesBetween: async (memberIds, from, to) => {
        const entries: (StarLedgerEntry & { memberId: string })[] = []
        for (let i = 0; i < memberIds.length; i += IN_CHUNK) {
          const query = coll(COLLECTIONS.pointsLedger)
            .where({
              memberId: command.in(memberIds.slice(i, i + IN_CHUNK)),
              at: command.gte(from).and(command.lt(to)),
            })
            .orderBy('memberId', 'asc')
            .orderBy('at', 'desc')
            .orderBy('_id', 'desc')
            .field({ memberId: true, type: true, label: true, points: true, at: true })
          for (const d of await readAll(query)) {
            entries.push({
              memberId: d.memberId as string,
              type: d.type as LedgerEntry['type'],
              label: d.label as LedgerEntry['label'],
              points: d.points as number,
              at: d.at as string,
            })
          }
        }
        return entries
      },
    },
    catalogue: {
      all: async () => {
        const query = coll(COLLECTIONS.rewardItems)
          .orderBy('pointsPrice', 'asc')
          .orderBy('_id', 'asc')
        return (await readAll(query)).map((d) => withoutId<RewardItem>(d, 'id'))
      },
      byId: async (id) => {
        const d = await getDoc(COLLECTIONS.rewardItems, id)
        return d ? withoutId<RewardItem>(d, 'id') : null
      },
      save: ({ id, ...fields }) => save(COLLECTIONS.rewardItems, id, fields),
    },
    vouchers: {
      byCode: async (code) => {
        const d = await getDoc(COLLECTIONS.vouchers, code)
        return d ? withoutId<VoucherRecord>(d, 'code') : null
      },
      forMember: async (memberId) => {
        const query = coll(COLLECTIONS.vouchers)
          .where({ memberId })
          .orderBy('issuedAt', 'desc')
          .orderBy('_id', 'asc')
        return (await readAll(query)).map((d) => withoutId<VoucherRecord>(d, 'code'))
      },
      save: ({ code, ...fields }) => save(COLLECTIONS.vouchers, code, fields),
    },
  }
}
