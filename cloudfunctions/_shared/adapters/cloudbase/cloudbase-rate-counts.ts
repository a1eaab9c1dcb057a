import type { RateCounts, Repositories } from '../../ports'
import type { CollectionSource, DbCommand } from './cloudbase-access'
import { COLLECTIONS } from './cloudbase-schema'

/**
 * Rate counts on CloudBase in one wire request when it can: a conditional update that adds the
 * call only while the caller's count is this window's, still under the limit, and without this
 * request id (`where(...).update({count: inc, recent: push})`, atomic on the one document). When it
 * matches nothing — a new window, the first call, a retry, or a caller at the limit — the count is
 * settled in a transaction (read, decide with `nextRateCount`, write), retried on conflicts.
 */
export function cloudbaseRateCounts(
  /** The database itself, not a transaction: the fast path must commit on its own. */
  db: CollectionSource & { command: DbCommand },
  transaction: <T>(work: (tx: Repositories) => Promise<T>) => Promise<T>,
): RateCounts {
  const _ = db.command
  return {
    async add(key, window, points, call) {
      if (points > 0 && call.requestId) {
        const fast = await db
          .collection(COLLECTIONS.rateCounts)
          .where({
            _id: key,
            window,
            count: _.lte(call.limit - points),
            recent: _.nin([call.requestId]),
          })
          .update({ count: _.inc(points), recent: _.push(call.requestId) })
        // The count is not read back: it is at most `limit`, which is all the limiter needs.
        if ((fast as { updated?: number }).updated === 1) return call.limit
      }
      return transaction((tx) => tx.rateCounts.add(key, window, points, call))
    },
  }
}
