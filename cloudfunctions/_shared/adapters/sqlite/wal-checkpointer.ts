import { Worker } from 'node:worker_threads'

/** The shared signal's slots: checkpoints asked for so far, and whether the store is closing. */
const ASKED = 0
const CLOSING = 1

/**
 * The thread's code (CommonJS, run with `eval`): its own connection to the file, and a PASSIVE
 * checkpoint each time one is asked for. It sleeps in `Atomics.wait` on a shared counter between
 * two (asking costs the writer an atomic add, no message). PASSIVE never waits for nor blocks the
 * writer or a reader: it copies what no reader still needs and leaves the rest for next time.
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const signal = new Int32Array(workerData.signal)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 0')
parentPort.postMessage('ready')
let done = 0
while (Atomics.load(signal, ${CLOSING}) === 0) {
  Atomics.wait(signal, ${ASKED}, done)
  done = Atomics.load(signal, ${ASKED})
  if (Atomics.load(signal, ${CLOSING}) === 1) break
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch {
    // A lock held elsewhere (a VACUUM, a TRUNCATE checkpoint): the next one copies it.
  }
}
db.close()
`

/**
 * How many commits of the writer between two checkpoints: a purchase writes about 15 pages of
 * the log, so about 500 pages (2 MB) are copied each time — below SQLite's own 1,000.
 */
const COMMITS_PER_CHECKPOINT = 32

export type WalCheckpointer = {
  /** Counts a commit of the writer; every COMMITS_PER_CHECKPOINT-th asks the thread for a checkpoint. */
  committed(): void
  close(): Promise<void>
}

/**
 * Copies the write-ahead log into the database file on a thread of its own, so that few
 * transactions' COMMITs pay for it. SQLite checkpoints inside the COMMIT that takes the log past
 * 1,000 pages: copying them and syncing the file took 2–17 ms, once every ~60 purchases — 60 % of
 * the commits' time and every tail of the counter's latency (docs/performance.md). Durability does
 * not change: a commit is in the log when it returns, as before, and the log is still copied and
 * synced; only who waits for it does.
 *
 * The thread cannot restart the log at its beginning: only a writer does that, when it begins
 * with every frame copied, which under steady writes never happens while the thread copies
 * alongside them. So the writer keeps a checkpoint of its own, rarer (`rareInWriter`): it finds
 * the log copied already and pays only the sync. The thread starts with the first commits (a store
 * opened for a few writes never starts one); until it is ready, or should it fail, the writer
 * checkpoints as SQLite does by default (`asUsualInWriter`).
 */
export function walCheckpointer(
  file: string,
  writerCheckpoints: { rareInWriter(): void; asUsualInWriter(): void },
): WalCheckpointer {
  let commits = 0
  let thread: Worker | null = null
  let ready = false
  const signal = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT))

  function start(): void {
    const worker = new Worker(THREAD, {
      eval: true,
      workerData: { file, driver: require.resolve('better-sqlite3'), signal: signal.buffer },
    })
    worker.unref()
    worker.on('message', (message) => {
      if (message === 'ready') {
        ready = true
        writerCheckpoints.rareInWriter()
      }
    })
    const failed = () => {
      if (thread !== worker) return
      ready = false
      thread = null
      writerCheckpoints.asUsualInWriter()
    }
    worker.on('error', failed)
    worker.on('exit', failed)
    thread = worker
  }

  return {
    committed() {
      commits++
      if (commits % COMMITS_PER_CHECKPOINT !== 0) return
      if (!thread) {
        if (commits === COMMITS_PER_CHECKPOINT) start()
        return
      }
      if (!ready) return
      Atomics.add(signal, ASKED, 1)
      Atomics.notify(signal, ASKED)
    },
    /** Ends the thread once its connection is closed (so the writer's close is the last one). */
    async close() {
      const worker = thread
      thread = null
      if (!worker) return
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
      // Unreferenced, it would let the process end before its exit is heard.
      worker.ref()
      Atomics.store(signal, CLOSING, 1)
      Atomics.add(signal, ASKED, 1)
      Atomics.notify(signal, ASKED)
      // Not ready yet, it sees the flag as it reaches its loop.
      await exited
    },
  }
}
