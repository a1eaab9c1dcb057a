import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Repositories, Store } from '../../ports'
import { counterOverRepositories, memberSceneFromReads } from '../../scenes-over-repositories'
import { signupQueueOverRepositories } from '../../signup-queue-over-repositories'
import { migrate } from './migrations'
import { sqliteRepositories } from './sqlite-repositories'
import { walCheckpointer } from './wal-checkpointer'

const BUSY_TIMEOUT_MS = 5000
/**
 * How often `afterErasure` tries to empty the write-ahead log while a reader of another
 * connection (a backup, an inspecting tool) still reads older frames, and the waits between the
 * tries: 25 ms doubling up to 400 ms, about 1.6 s in all.
 */
const CHECKPOINT_ATTEMPTS = 8
const CHECKPOINT_WAIT_MS = 25
const CHECKPOINT_WAIT_CAP_MS = 400

/** SQLite's default: the writer checkpoints in the commit that takes the log past this many pages. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000
/**
 * With a checkpoint thread (wal-checkpointer.ts): the log is copied as it grows, and the writer's
 * own checkpoint — what restarts the log at its beginning — comes every 4,000 pages (16 MB).
 */
const WRITER_CHECKPOINT_PAGES = 4000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The most transactions one commit carries (group commit, see `transaction`). */
const GROUP_LIMIT = 64

/** A transaction waiting for its turn on the writer, with the promise its caller holds. */
type Unit = {
  work: (tx: Repositories) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * The embedded store: one SQLite file in WAL mode. Writes go through one connection, one
 * transaction at a time (an async queue, since a use case awaits between its statements), those
 * waiting together committed together (group commit, see `runGroup`);
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
  const checkpointer = walCheckpointer(file, {
    rareInWriter: () => writer.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`),
    asUsualInWriter: () => writer.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`),
  })

  const writeRepos = sqliteRepositories(writer)
  const readRepos = sqliteRepositories(reader, writer)
  let queue: Promise<unknown> = Promise.resolve()
  /** Transactions asked for and not yet run; a group run of them is queued while any wait. */
  let waiting: Unit[] = []
  let groupQueued = false
  /** Erased data may still be in the write-ahead log or the file's old pages. */
  let scrubOwed = false

  /** Runs `job` on the writer once every write before it has ended. */
  function enqueue<T>(job: () => T | Promise<T>): Promise<T> {
    const run = queue.then(job)
    queue = run.catch(() => undefined)
    return run
  }

  /**
   * Group commit: the transactions waiting when the writer comes free run one after another in
   * one SQLite transaction, each under a savepoint of its own. A transaction that throws is rolled
   * back to its savepoint, and only it fails; the others commit together, and every caller gets
   * its answer once that commit is done (never before it is durable). Each sees the writes of
   * those before it, exactly as if they had committed one by one in the same order. Under a burst
   * that is one commit for up to GROUP_LIMIT sign-ups or purchases instead of one each; alone, a
   * transaction is a group of one.
   */
  async function runGroup(): Promise<void> {
    groupQueued = false
    const group = waiting.slice(0, GROUP_LIMIT)
    waiting = waiting.slice(group.length)
    if (waiting.length > 0) queueGroup()
    try {
      writer.exec('BEGIN IMMEDIATE')
    } catch (error) {
      for (const unit of group) unit.reject(error)
      return
    }
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = []
    // A transaction alone needs no savepoint: if it throws, the whole transaction is rolled back.
    const alone = group.length === 1
    for (const [i, unit] of group.entries()) {
      if (!alone) writer.exec('SAVEPOINT unit')
      try {
        const value = await unit.work(writeRepos)
        if (!alone) writer.exec('RELEASE unit')
        outcomes.push({ ok: true, value })
      } catch (error) {
        if (alone) {
          if (writer.inTransaction) writer.exec('ROLLBACK')
          unit.reject(error)
          return
        }
        if (!writer.inTransaction) {
          // SQLite rolled the whole transaction back (a full disk, an I/O error): the group's
          // earlier work is gone too. They fail with it (a retry is safe: the request id was
          // not recorded); those not run yet go first in the next group.
          for (const done of group.slice(0, i + 1)) done.reject(error)
          waiting = [...group.slice(i + 1), ...waiting]
          if (waiting.length > 0 && !groupQueued) queueGroup()
          return
        }
        writer.exec('ROLLBACK TO unit')
        writer.exec('RELEASE unit')
        outcomes.push({ ok: false, error })
      }
    }
    try {
      writer.exec('COMMIT')
    } catch (error) {
      if (writer.inTransaction) writer.exec('ROLLBACK')
      for (const unit of group) unit.reject(error)
      return
    }
    checkpointer.committed()
    group.forEach((unit, i) => {
      const outcome = outcomes[i]!
      if (outcome.ok) unit.resolve(outcome.value)
      else unit.reject(outcome.error)
    })
    if (scrubOwed) checkpointAfterCommit()
  }

  /**
   * The next group starts once the event loop has taken in what else arrived with this one
   * (`setImmediate`: after the pending I/O callbacks, so every request of a batch that reached
   * the host together gets its transaction in the same group), not in the tick that asked.
   */
  function queueGroup(): void {
    groupQueued = true
    setImmediate(() => void enqueue(runGroup))
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
    return new Promise<T>((resolve, reject) => {
      waiting.push({ work, resolve: resolve as (value: unknown) => void, reject })
      if (!groupQueued) queueGroup()
    })
  }

  return {
    read: readRepos,
    transaction,
    counter: counterOverRepositories(readRepos, transaction),
    signupQueue: signupQueueOverRepositories(readRepos, transaction),
    memberScene: (openid) => memberSceneFromReads(readRepos, openid),
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
      await checkpointer.close()
      reader.close()
      writer.close()
    },
  }
}
