import type { LedgerEntry, PointsAccount } from '../../../../src/domain/points/points'
import type { RewardItem } from '../../../../src/domain/points/redemption'
import type {
  CatalogueRepository,
  PointsRepository,
  VoucherRecord,
  VoucherRepository,
  WriteOutcome,
} from '../../ports'
// A cycle with cloudbase-repositories, which composes these repositories: both sides use the
// other's exports only when called, never while the modules load, so either may load first.
import {
  COLLECTIONS,
  isDuplicateWrite,
  singleDoc,
  withoutId,
  type CollectionSource,
} from './cloudbase-repositories'

type Doc = Record<string, unknown>
type OrderedQuery = {
  skip(n: number): { limit(n: number): { get(): Promise<{ data: unknown }> } }
}

/** The most rows one `get()` returns (PLATFORM §1); longer reads go page by page. */
const PAGE_ROWS = 1000

/**
 * The points, catalogue and voucher repositories over the CloudBase database. Versioned saves read
 * the document, compare its version in JS and then `set` it (or `add` it for version 1): inside a
 * transaction only single-document operations and `where().get()` take part (PLATFORM §1), so a
 * filtered `where({version}).update()` would escape the transaction. The write of a version 1 is
 * preceded by a read too, so a clash is normally a value and not a failed `add` inside the
 * transaction; the `add` still reports a racing duplicate as a version conflict.
 */
export function cloudbasePointsRepositories(
  source: CollectionSource,
  writable: boolean,
): {
  points: PointsRepository
  catalogue: CatalogueRepository
  vouchers: VoucherRepository
} {
  const coll = (name: string) => source.collection(name)
  const getDoc = async (name: string, id: string) => singleDoc(await coll(name).doc(id).get())
  const mustWrite = () => {
    if (!writable) throw new Error('writes go through store.transaction')
  }

  /**
   * Every row of an ordered query, fetched `PAGE_ROWS` at a time. `where().get()` takes part in a
   * transaction, so inside one this also sees the transaction's own writes.
   */
  async function readAll(query: OrderedQuery): Promise<Doc[]> {
    const rows: Doc[] = []
    for (;;) {
      const page = (await query.skip(rows.length).limit(PAGE_ROWS).get()).data as Doc[]
      rows.push(...page)
      if (page.length < PAGE_ROWS) return rows
    }
  }

  /** Inserts `fields` as version 1, or replaces the document stored at `version - 1`. */
  async function saveVersioned(
    name: string,
    id: string,
    fields: Doc & { version: number },
  ): Promise<WriteOutcome> {
    mustWrite()
    const current = await getDoc(name, id)
    if (fields.version === 1) {
      if (current) return { ok: false, conflict: 'version' }
      try {
        await coll(name).add({ _id: id, ...fields })
        return { ok: true }
      } catch (error) {
        if (isDuplicateWrite(error)) return { ok: false, conflict: 'version' }
        throw error
      }
    }
    if (!current || current.version !== fields.version - 1) {
      return { ok: false, conflict: 'version' }
    }
    await coll(name).doc(id).set(fields)
    return { ok: true }
  }

  return {
    points: {
      account: async (memberId) => {
        const d = await getDoc(COLLECTIONS.pointsAccounts, memberId)
        return d ? withoutId<PointsAccount>(d, 'memberId') : null
      },
      saveAccount: ({ memberId, ...fields }) =>
        saveVersioned(COLLECTIONS.pointsAccounts, memberId, fields),
      append: async ({ id, ...fields }) => {
        mustWrite()
        await coll(COLLECTIONS.pointsLedger).add({ _id: id, ...fields })
      },
      entry: async (id) => {
        const d = await getDoc(COLLECTIONS.pointsLedger, id)
        return d ? withoutId<LedgerEntry>(d, 'id') : null
      },
      history: async (memberId, offset, limit) => {
        // count() never takes part in a transaction: inside one, `total` is the committed count.
        const query = coll(COLLECTIONS.pointsLedger).where({ memberId })
        const [page, count] = await Promise.all([
          query.orderBy('at', 'desc').orderBy('_id', 'desc').skip(offset).limit(limit).get(),
          query.count(),
        ])
        return {
          items: (page.data as Doc[]).map((d) => withoutId<LedgerEntry>(d, 'id')),
          total: count.total as number,
        }
      },
      // Summed page by page, not with aggregate(): aggregate never takes part in a transaction,
      // so inside one it would miss the entries the transaction just appended. A member's ledger
      // grows by a few entries a month, so the pages are few.
      ledgerSum: async (memberId) => {
        const query = coll(COLLECTIONS.pointsLedger).where({ memberId }).orderBy('_id', 'asc')
        const rows = await readAll(query)
        return rows.reduce((sum, d) => sum + (d.points as number), 0)
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
      save: ({ id, ...fields }) => saveVersioned(COLLECTIONS.rewardItems, id, fields),
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
      save: ({ code, ...fields }) => saveVersioned(COLLECTIONS.vouchers, code, fields),
    },
  }
}
