import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Repositories, Store } from '../../ports'
import { migrate } from './migrations'
import { sqliteRepositories } from './sqlite-repositories'

const BUSY_TIMEOUT_MS = 5000
/**
 * How often `afterErasure` tries to empty the write-ahead log while a reader of another
 * connection (a backup, an inspecting tool) still reads older frames, and the waits between the
 * tries: 25 ms doubling up to 400 ms, about 1.6 s in all.
 */
const CHECKPOINT_ATTEMPTS = 8
const CHECKPOINT_WAIT_MS = 25
const CHECKPOINT_WAIT_CAP_MS = 400

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

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
  // VACUUM's transient copy of the whole store stays in memory, not in a file of the temp dir.
  writer.pragma('temp_store = MEMORY')
  writer.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  migrate(writer)
  // Its reads are single statements, run to the end at once: it never holds a snapshot between
  // two calls, so it never keeps a checkpoint from emptying the write-ahead log.
  const reader = new Database(file, { readonly: true })
  reader.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)

  const writeRepos = sqliteRepositories(writer)
  const readRepos = sqliteRepositories(reader)
  let queue: Promise<unknown> = Promise.resolve()
  /** Erased data may still be in the write-ahead log or the file's old pages. */
  let scrubOwed = false

  /** Runs `job` on the writer once every write before it has ended. */
  function enqueue<T>(job: () => T | Promise<T>): Promise<T> {
    const run = queue.then(job)
    queue = run.catch(() => undefined)
    return run
  }

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

  /**
   * Copies the write-ahead log into the file and truncates it to zero bytes, without waiting
   * (a wait here would block the host's event loop): false when a reader of another connection
   * still reads older frames, which a checkpoint may not overwrite.
   */
  function checkpoint(): boolean {
    writer.pragma('busy_timeout = 0')
    try {
      const [row] = writer.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[]
      scrubOwed = row?.busy !== 0
      return !scrubOwed
    } finally {
      writer.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    }
  }

  /** An owed checkpoint, tried after a commit: its failure is not the transaction's. */
  function checkpointAfterCommit(): void {
    try {
      checkpoint()
    } catch {
      // Still owed: tried again after the next commit; closing the store checkpoints too.
    }
  }

  function transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    return enqueue(async () => {
      const result = await runExclusive(work)
      if (scrubOwed) checkpointAfterCommit()
      return result
    })
  }

  return {
    read: readRepos,
    transaction,
    // One statement pair in a transaction of its own: the count is atomic, whatever else runs.
    rateCounts: {
      add: (key, window, points, call) =>
        transaction((tx) => tx.rateCounts.add(key, window, points, call)),
    },
    /**
     * secure_delete zeroes the cells an erasure overwrote, but not every older copy: a page
     * rebuilt when it split or merged keeps stale bytes of cells that lived there in its unused
     * gap (seen for index keys such as a mobile's blind index), and the write-ahead log keeps
     * every page image it was given until it is truncated. So: VACUUM (every page rewritten from
     * the live rows, the file cut to size), then a TRUNCATE checkpoint (the new pages into the
     * file, the log to zero bytes). A reader elsewhere can hold the checkpoint up: it is tried
     * again for a short while, then after each commit until it succeeds, and closing the store
     * checkpoints too.
     */
    async afterErasure() {
      await enqueue(() => {
        scrubOwed = true
        writer.exec('VACUUM')
      })
      for (let attempt = 1; ; attempt++) {
        if (await enqueue(checkpoint)) return true
        if (attempt === CHECKPOINT_ATTEMPTS) return false
        await sleep(Math.min(CHECKPOINT_WAIT_CAP_MS, CHECKPOINT_WAIT_MS * 2 ** (attempt - 1)))
      }
    },
    async close() {
      await queue
      reader.close()
      writer.close()
    },
  }
}
