import type { Repositories, Store } from '../../ports'
import { isWriteConflict, type CollectionSource, type DbCommand } from './cloudbase-access'
import { cloudbaseCounter, cloudbaseMemberScene } from './cloudbase-scenes'
import { cloudbaseRateCounts } from './cloudbase-rate-counts'
import { cloudbaseSignupQueue } from './cloudbase-signup-queue'
import { cloudbaseRepositories } from './cloudbase-repositories'
import { readingOnce } from './transaction-reads'
import { retryWait, sleep, TRANSACTION_ATTEMPTS } from './cloudbase-retry'

export {
  RETRY_WAIT_BASE_MS,
  RETRY_WAIT_CAP_MS,
  retryWait,
  TRANSACTION_ATTEMPTS,
} from './cloudbase-retry'

/** A transaction as `db.startTransaction()` gives it: its collections, commit and rollback. */
export type CloudbaseTransaction = CollectionSource & {
  commit(): Promise<unknown>
  rollback(reason?: unknown): Promise<unknown>
}

/** The slice of `app.database()` the store needs. */
export type CloudbaseDb = CollectionSource & {
  command: DbCommand
  startTransaction(): Promise<CloudbaseTransaction>
}

/**
 * The production store over `@cloudbase/node-sdk`'s database. Each transaction is begun with
 * `startTransaction`, given to `work`, and committed. A write conflict (DATABASE_TRANSACTION_
 * CONFLICT) has already ended it on the server, so it is run again from the start after a
 * jittered wait, up to `TRANSACTION_ATTEMPTS` times; any other error rolls it back and is thrown.
 */
export function cloudbaseStore(db: CloudbaseDb): Store {
  async function attempt<T>(
    work: (tx: Repositories, source: CollectionSource) => Promise<T>,
  ): Promise<T> {
    const tx = await db.startTransaction()
    try {
      const source = readingOnce(tx)
      const value = await work(cloudbaseRepositories(source, db.command, true), source)
      await tx.commit()
      return value
    } catch (error) {
      if (!isWriteConflict(error)) await tx.rollback().catch(() => undefined)
      throw error
    }
  }
  async function transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await attempt(work)
      } catch (error) {
        if (!isWriteConflict(error) || n >= TRANSACTION_ATTEMPTS) throw error
        await sleep(retryWait(n))
      }
    }
  }
  const read = cloudbaseRepositories(db, db.command, false)
  return {
    read,
    transaction,
    rateCounts: cloudbaseRateCounts(db, transaction),
    counter: cloudbaseCounter(db, db.command),
    signupQueue: cloudbaseSignupQueue(db, db.command, read, attempt),
    memberScene: cloudbaseMemberScene(db),
    // Nothing of ours to scrub: the erasure overwrote the documents themselves, and how the
    // service keeps their earlier versions (its storage, logs, backups) is Tencent Cloud's to
    // govern, not a file this code can reach.
    async afterErasure() {
      return true
    },
    async close() {},
  }
}
