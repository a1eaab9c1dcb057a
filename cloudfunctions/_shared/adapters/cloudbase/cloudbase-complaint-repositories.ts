import type { Complaint } from '../../../../src/domain/care/complaint'
import type { ComplaintRepository } from '../../ports'
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
type Order = [field: string, direction: 'asc' | 'desc']

const toComplaint = (d: Doc) => withoutId<Complaint>(d, 'id')

/**
 * Complaints and suggestions (投诉与建议) over the CloudBase database; a complaint's `_id` is its
 * id. Every document stores `answeredAt`, null until answered, so `{answeredAt: null}` finds the
 * open ones (it would also match a missing field, as in MongoDB). Versioned saves read the document
 * first and compare its version in JS (see `saveVersioned`); outside a transaction
 * (`writable: false`) the repository only reads.
 */
export function cloudbaseComplaintRepositories(
  source: CollectionSource,
  command: DbCommand,
  writable: boolean,
): { complaints: ComplaintRepository } {
  const { coll, getDoc, mustWrite } = collectionAccess(source, writable)
  const ordered = (where: Doc, order: Order[]) =>
    order.reduce(
      (q, [field, direction]) => q.orderBy(field, direction),
      coll(COLLECTIONS.complaints).where(where),
    )
  /** One page of a filtered, ordered query and the filter's total. */
  const page = async (where: Doc, order: Order[], offset: number, limit: number) => {
    // count() never takes part in a transaction: inside one, `total` is the committed count.
    // Pages longer than one get() are read in several (see `readPage`).
    const [rows, count] = await Promise.all([
      readPage(ordered(where, order), offset, limit),
      coll(COLLECTIONS.complaints).where(where).count(),
    ])
    return { items: rows.map(toComplaint), total: count.total as number }
  }

  return {
    complaints: {
      byId: async (id) => {
        const d = await getDoc(COLLECTIONS.complaints, id)
        return d ? toComplaint(d) : null
      },
      save: async ({ id, ...fields }) => {
        mustWrite()
        return saveVersioned(source, COLLECTIONS.complaints, id, fields)
      },
      forMember: async (memberId) =>
        (
          await readAll(
            ordered({ memberId }, [
              ['createdAt', 'desc'],
              ['_id', 'desc'],
            ]),
          )
        ).map(toComplaint),
      list: (answered, offset, limit) =>
        answered
          ? page(
              { answeredAt: command.neq(null) },
              [
                ['answeredAt', 'desc'],
                ['_id', 'desc'],
              ],
              offset,
              limit,
            )
          : page(
              { answeredAt: null },
              [
                ['dueAt', 'asc'],
                ['_id', 'asc'],
              ],
              offset,
              limit,
            ),
      countOverdue: async (now) =>
        (
          await coll(COLLECTIONS.complaints)
            .where({ answeredAt: null, dueAt: command.lte(now) })
            .count()
        ).total as number,
    },
  }
}
