import Piscina from 'piscina'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Caller } from '../cloudfunctions/_shared/caller'
import type { Envelope } from '../src/contracts/error-codes'
import type { JobTask, JobThreadSetup } from './job-worker'

/**
 * The actions that may run long over a large membership: the jobs (the annual star adjustment,
 * expiry, no-shows …) and the admin's reports and exports over every member. Their progress
 * queries are quick and stay in the host's thread.
 */
const HEAVY: Record<string, (action: string) => boolean> = {
  jobs: (action) => !action.endsWith('Progress'),
  admin: (action) => action === 'reports' || action === 'exportReport',
}

/** Whether a call of `fn` with this body is one to run off the request thread. */
export function isHeavyCall(fn: string, body: unknown): boolean {
  const action = (body as { action?: unknown } | null)?.action
  return typeof action === 'string' && (HEAVY[fn]?.(action) ?? false)
}

/**
 * The thread's module: the TypeScript source beside this file (tsx loads it), or, where the host
 * runs as a bundle (the fault tests'), the bundled `job-worker.cjs` beside the bundle.
 */
function workerFile(): string {
  const file = ['job-worker.ts', 'job-worker.cjs']
    .map((name) => resolve(__dirname, name))
    .find((path) => existsSync(path))
  if (!file) throw new Error(`no job-worker.ts or job-worker.cjs beside ${__dirname}`)
  return file
}

export type JobPool = {
  /** Runs the call in the job thread and answers its envelope, as the handler would. */
  handle(fn: string, body: unknown, caller: Caller): Promise<Envelope<unknown>>
  close(): Promise<void>
}

/**
 * The local host's job thread (piscina): heavy calls run there, so a card verify or a purchase
 * is answered while the annual adjustment or a report over 100k members runs. One thread: jobs
 * write, and SQLite takes one writer at a time anyway; calls queue in arrival order. The thread
 * loads the TypeScript sources through tsx, as the host does.
 */
export function createJobPool(setup: JobThreadSetup, movedByMs: () => number = () => 0): JobPool {
  const filename = workerFile()
  const underTsx = process.execArgv.some((arg) => arg.includes('tsx'))
  const pool = new Piscina({
    filename,
    minThreads: 1,
    maxThreads: 1,
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData: setup,
    execArgv:
      filename.endsWith('.ts') && !underTsx
        ? [...process.execArgv, '--import', 'tsx']
        : process.execArgv,
  })
  return {
    handle: (fn, body, caller) =>
      pool.run({ fn, body, caller, movedByMs: movedByMs() } satisfies JobTask),
    close: () => pool.destroy(),
  }
}
