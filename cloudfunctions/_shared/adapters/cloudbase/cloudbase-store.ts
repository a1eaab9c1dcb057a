import type { Repositories, Store } from '../../ports'
import { isWriteConflict, type CollectionSource, type DbCommand } from './cloudbase-access'
import { cloudbaseCounter, cloudbaseMemberScene } from './cloudbase-scenes'
import { cloudbaseRateCounts } from './cloudbase-rate-counts'
import { cloudbaseSignupQueue } from './cloudbase-signup-queue'
import { cloudbaseRepositories } from './cloudbase-repositories'
import { readingOnce } from './transaction-reads'

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
 * How often a transaction that met a write conflict is run: the SDK's `runTransaction` retries at
 * once, three times, so a few dozen callers of one document (a counter, an event's places) run out
 * of attempts together; spreading the retries out lets them through one after another.
 */
export const TRANSACTION_ATTEMPTS = 10
/** The waits between attempts grow from this, doubling, up to `RETRY_WAIT_CAP_MS`, jittered. */
export const RETRY_WAIT_BASE_MS = 15
export const RETRY_WAIT_CAP_MS = 400

/** A wait before attempt `attempt + 1`: "full jitter", so colliding callers drift apart. */
export function retryWait(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_WAIT_CAP_MS, RETRY_WAIT_BASE_MS * 2 ** (attempt - 1))
  return Math.round(ceiling * random())
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

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
    signupQueue: cloudbaseSignupQueue(db, read, attempt),
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
