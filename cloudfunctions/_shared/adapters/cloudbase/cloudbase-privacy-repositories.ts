import type { Withdrawal } from '../../../../src/domain/privacy/withdrawal'
import type {
  AuditRecord,
  ErasureRepository,
  RequestRecord,
  StarImport,
  WithdrawalRepository,
} from '../../ports'
import {
  collectionAccess,
  readAll,
  readPage,
  withoutId,
  type CollectionSource,
  type DbCommand,
} from './cloudbase-access'
import { saveVersioned } from './cloudbase-versioned'
import { COLLECTIONS } from './cloudbase-schema'

type Doc = Record<string, unknown>

const toWithdrawal = (d: Doc) => withoutId<Withdrawal>(d, 'id')
const byTimeThenId = (time: string, id: string) => (a: Doc, b: Doc) =>
  String(a[time]).localeCompare(String(b[time])) || String(a[id]).localeCompare(String(b[id]))
/** The rows of several queries, each once (by `_id`). */
const distinct = (lists: Doc[][]) => [...new Map(lists.flat().map((d) => [d._id, d])).values()]

/**
 * Withdrawal requests and the erasure of a withdrawn member's stored copies over the CloudBase
 * database. A request's `_id` is its id; the one open request of a member is held by a claim
 * document `withdrawalOpen:<memberId>` in `unique_keys`, added with the request and released when
 * it is confirmed or cancelled, all inside the transaction (filtered updates would escape it,
 * PLATFORM §1). Overwrites read the document and `set` it whole: `update` would merge nested
 * objects into the old ones.
 */
export function cloudbasePrivacyRepositories(
  source: CollectionSource,
  command: DbCommand,
  writable: boolean,
): { withdrawals: WithdrawalRepository; erasure: ErasureRepository } {
  const { coll, getDoc, insertNew, mustWrite } = collectionAccess(source, writable)
  const openClaim = (memberId: string) => `withdrawalOpen:${memberId}`

  /** Replaces a stored document's fields, keeping the others. */
  async function overwrite(name: string, id: string, fields: Doc) {
    mustWrite()
    const current = await getDoc(name, id)
    if (!current) return
    const { _id, ...rest } = current
    await coll(name)
      .doc(id)
      .set({ ...rest, ...fields })
  }

  return {
    withdrawals: {
      byId: async (id) => {
        const d = await getDoc(COLLECTIONS.withdrawals, id)
        return d ? toWithdrawal(d) : null
      },
      forMember: async (memberId) =>
        (
          await readAll(
            coll(COLLECTIONS.withdrawals)
              .where({ memberId })
              .orderBy('requestedAt', 'desc')
              .orderBy('_id', 'desc'),
          )
        ).map(toWithdrawal),
      save: async ({ id, ...fields }) => {
        mustWrite()
        const claim = openClaim(fields.memberId)
        const opening = fields.version === 1 && fields.status === 'requested'
        if (opening) {
          const claimed = await insertNew(COLLECTIONS.uniqueKeys, { _id: claim, owner: id })
          if (!claimed) return { ok: false, conflict: 'version' }
        }
        const saved = await saveVersioned(source, COLLECTIONS.withdrawals, id, fields)
        if (!saved.ok) {
          if (opening) await coll(COLLECTIONS.uniqueKeys).doc(claim).delete()
          return saved
        }
        const held = await getDoc(COLLECTIONS.uniqueKeys, claim)
        if (fields.status !== 'requested' && held?.owner === id) {
          await coll(COLLECTIONS.uniqueKeys).doc(claim).delete()
        }
        return saved
      },
      listOpen: async (offset, limit) => {
        const where = { status: 'requested' }
        const query = coll(COLLECTIONS.withdrawals)
          .where(where)
          .orderBy('dueOn', 'asc')
          .orderBy('requestedAt', 'asc')
          .orderBy('_id', 'asc')
        // count() never takes part in a transaction: inside one, `total` is the committed count.
        const [rows, count] = await Promise.all([
          readPage(query, offset, limit),
          coll(COLLECTIONS.withdrawals).where(where).count(),
        ])
        return { items: rows.map(toWithdrawal), total: count.total as number }
      },
    },
    erasure: {
      requestsNaming: async (openid, ids) => {
        const matching = (where: Doc) =>
          readAll(
            coll(COLLECTIONS.requests).where(where).orderBy('at', 'asc').orderBy('_id', 'asc'),
          )
        const naming = ids.length
          ? ['result.data.id', 'result.data.memberId', 'result.data.cardNo'].map((field) =>
              matching({ [field]: command.in(ids) }),
            )
          : []
        const lists = await Promise.all([matching({ openid }), ...naming])
        return distinct(lists)
          .sort(byTimeThenId('at', '_id'))
          .map((d) => withoutId<RequestRecord>(d, 'requestId'))
      },
      rewriteRequest: (requestId, openid, result) =>
        overwrite(COLLECTIONS.requests, requestId, { openid, result }),
      auditNaming: async (ids) => {
        if (ids.length === 0) return []
        const matching = (field: string) =>
          readAll(
            coll(COLLECTIONS.audit)
              .where({ [field]: command.in(ids) })
              .orderBy('at', 'asc')
              .orderBy('_id', 'asc'),
          )
        const lists = await Promise.all([matching('targetId'), matching('actorId')])
        return distinct(lists)
          .sort(byTimeThenId('at', '_id'))
          .map((d) => withoutId<AuditRecord>(d, 'id'))
      },
      rewriteAudit: (id, { before, after, reason }) =>
        overwrite(COLLECTIONS.audit, id, { before, after, reason }),
      rewriteOutboxPayload: (id, payload) => overwrite(COLLECTIONS.outbox, id, { payload }),
      // One document per imported year: few enough to read whole and search in JS, which also
      // spares an index on the rows' nested hashes.
      starImportsHolding: async (licenceHash) =>
        (await readAll(coll(COLLECTIONS.starImports).orderBy('year', 'asc')))
          .map(({ _id, ...rest }) => rest as StarImport)
          .filter((s) => s.rows.some((row) => row.licenceHash === licenceHash)),
    },
  }
}
