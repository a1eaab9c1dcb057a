import type { Repositories, Store } from '../../ports'
import {
  cloudbaseRepositories,
  type CollectionSource,
  type DbCommand,
} from './cloudbase-repositories'

/** The slice of `app.database()` the store needs. */
export type CloudbaseDb = CollectionSource & {
  command: DbCommand
  runTransaction<T>(callback: (tx: CollectionSource) => Promise<T>, times?: number): Promise<T>
}

/** Conflicting transactions are re-run by the SDK: `times = 3` allows up to four attempts. */
export const TRANSACTION_RETRIES = 3

/**
 * The production store over `@cloudbase/node-sdk`'s database. Transactions use `runTransaction`,
 * which re-runs the whole callback on DATABASE_TRANSACTION_CONFLICT and rolls back on any throw.
 */
export function cloudbaseStore(db: CloudbaseDb): Store {
  return {
    read: cloudbaseRepositories(db, db.command, false),
    transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
      return db.runTransaction(
        (tx) => work(cloudbaseRepositories(tx, db.command, true)),
        TRANSACTION_RETRIES,
      )
    },
    async close() {},
  }
}
