import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Repositories, Store } from '../../ports'
import { migrate } from './migrations'
import { sqliteRepositories } from './sqlite-repositories'

/**
 * The embedded store: one SQLite file in WAL mode. Writes go through one connection, one
 * transaction at a time (an async queue, since a use case awaits between its statements);
 * reads outside transactions use a second, read-only connection that sees committed data only.
 */
export function openSqliteStore(file: string): Store {
  mkdirSync(dirname(file), { recursive: true })
  const writer = new Database(file)
  writer.pragma('journal_mode = WAL')
  writer.pragma('synchronous = NORMAL')
  writer.pragma('foreign_keys = ON')
  // Deleted and overwritten content is zeroed in the file (SPEC §9: erased data leaves no trace).
  writer.pragma('secure_delete = ON')
  writer.pragma('busy_timeout = 5000')
  migrate(writer)
  const reader = new Database(file, { readonly: true })
  reader.pragma('busy_timeout = 5000')

  const writeRepos = sqliteRepositories(writer)
  const readRepos = sqliteRepositories(reader)
  let queue: Promise<unknown> = Promise.resolve()

  async function runExclusive<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    writer.exec('BEGIN IMMEDIATE')
    try {
      const result = await work(writeRepos)
      writer.exec('COMMIT')
      return result
    } catch (error) {
      if (writer.inTransaction) writer.exec('ROLLBACK')
      throw error
    }
  }

  return {
    read: readRepos,
    transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
      const run = queue.then(() => runExclusive(work))
      queue = run.catch(() => undefined)
      return run
    },
    async close() {
      await queue
      reader.close()
      writer.close()
    },
  }
}
