import type { Sanction } from '../../../../src/domain/discipline/sanction'
import type { SanctionRepository } from '../../ports'
import {
  collectionAccess,
  readAll,
  readPage,
  type CollectionSource,
  type DbCommand,
} from './cloudbase-access'
import { saveVersioned } from './cloudbase-versioned'
import { COLLECTIONS } from './cloudbase-schema'

type Doc = Record<string, unknown>

/**
 * A sanction's document: the record under `_id` = its id, plus `pendingAppealAt`, the appeal's
 * filing time while it awaits a decision and null otherwise. The queue of pending appeals is then
 * one top-level field to filter and order on (orderBy takes no dotted paths); reads drop it.
 */
const toDoc = ({ id: _id, ...fields }: Sanction) => ({
  ...fields,
  pendingAppealAt: fields.appeal && fields.appeal.decision === null ? fields.appeal.filedAt : null,
})
const toSanction = ({ _id, pendingAppealAt: _pending, ...fields }: Doc): Sanction =>
  ({ ...fields, id: _id }) as Sanction

/**
 * Sanctions and their appeals over the CloudBase database (collection `sanctions`). Versioned
 * saves read the document first and compare its version in JS (see `saveVersioned`); outside a
 * transaction (`writable: false`) the repository only reads.
 */
export function cloudbaseDisciplineRepositories(
  source: CollectionSource,
  command: DbCommand,
  writable: boolean,
): { sanctions: SanctionRepository } {
  const { coll, getDoc, mustWrite } = collectionAccess(source, writable)
  /** One page of a filtered, ordered query and the filter's total. */
  const page = async (
    where: Doc | null,
    order: [string, 'asc' | 'desc'][],
    offset: number,
    limit: number,
  ) => {
    // count() never takes part in a transaction: inside one, `total` is the committed count.
    // No filter at all is the whole collection (an empty `where` is not sent).
    const query = where ? coll(COLLECTIONS.sanctions).where(where) : coll(COLLECTIONS.sanctions)
    const ordered = order.reduce((q, [field, direction]) => q.orderBy(field, direction), query)
    const [rows, count] = await Promise.all([readPage(ordered, offset, limit), query.count()])
    return { items: rows.map(toSanction), total: count.total as number }
  }

  return {
    sanctions: {
      byId: async (id) => {
        const d = await getDoc(COLLECTIONS.sanctions, id)
        return d ? toSanction(d) : null
      },
      save: async (sanction) => {
        mustWrite()
        return saveVersioned(source, COLLECTIONS.sanctions, sanction.id, toDoc(sanction))
      },
      forMember: async (memberId) => {
        const query = coll(COLLECTIONS.sanctions)
          .where({ memberId })
          .orderBy('issuedAt', 'desc')
          .orderBy('_id', 'desc')
        return (await readAll(query)).map(toSanction)
      },
      // Every sanction stores `pendingAppealAt` (null when there is nothing to decide).
      appealsPending: (offset, limit) =>
        page(
          { pendingAppealAt: command.neq(null) },
          [
            ['pendingAppealAt', 'asc'],
            ['_id', 'asc'],
          ],
          offset,
          limit,
        ),
      list: (offset, limit) =>
        page(
          null,
          [
            ['issuedAt', 'desc'],
            ['_id', 'desc'],
          ],
          offset,
          limit,
        ),
      suspensionsEndedBy: async (day, limit) => {
        const query = coll(COLLECTIONS.sanctions)
          .where({ kind: 'suspension', state: 'in_force', endsOn: command.lt(day) })
          .orderBy('endsOn', 'asc')
          .orderBy('_id', 'asc')
        return (await readPage(query, 0, limit)).map(toSanction)
      },
    },
  }
}
