import { workerData } from 'node:worker_threads'
import { openSqliteStore } from '../cloudfunctions/_shared/adapters/sqlite/sqlite-store'
import type { Caller } from '../cloudfunctions/_shared/caller'
import { createDeps } from '../cloudfunctions/_shared/deps'
import type { Deps } from '../cloudfunctions/_shared/ports'
import { FUNCTIONS } from './functions'

/** One call handed to the job thread: the function, its body, the caller, the host's clock. */
export type JobTask = {
  fn: string
  body: unknown
  caller: Caller
  /** How far the host's demo clock is moved: the thread runs by the same time. */
  movedByMs: number
}

/** What every job thread is started with: the store's file and the host's environment. */
export type JobThreadSetup = { dbFile: string; env: Record<string, string | undefined> }

let deps: Deps | null = null

/**
 * Runs one call of a cloud function in the job thread, over its own connection to the host's
 * SQLite file (WAL: its reads never block the host's, and it writes a step at a time), with the
 * same handler, contract and rules as in the host's own thread.
 */
export default async function runJob(task: JobTask): Promise<unknown> {
  const setup = workerData as JobThreadSetup
  deps ??= createDeps(openSqliteStore(setup.dbFile), setup.env)
  const handler = FUNCTIONS.find((f) => f.name === task.fn)
  if (!handler) throw new Error(`no cloud function ${task.fn} in the job thread`)
  const clock = { now: () => new Date(Date.now() + task.movedByMs) }
  return handler.handle(task.body, task.caller, { ...deps, clock })
}
