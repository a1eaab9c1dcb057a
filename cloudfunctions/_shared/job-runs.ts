import type { JobProgress } from '../../src/contracts/jobs.contract'
import type { Deps, JobRun, Repositories } from './ports'

/**
 * What every resumable batch job shares: one checkpoint document per run, advanced in the same
 * transaction as the work it covers, so a crash or a timeout loses nothing and repeats nothing.
 */

/** Thrown to roll a step's writes back when another invocation advanced the checkpoint first. */
export class CheckpointMoved extends Error {}

/** The run's progress as the admin page shows it. */
export function progressOf(run: JobRun | null, total: number): JobProgress {
  return {
    runId: run?.id ?? '',
    status: run?.status ?? 'idle',
    processed: run?.processed ?? 0,
    total,
    totals: run?.totals ?? {},
    startedAt: run?.startedAt ?? null,
    finishedAt: run?.finishedAt ?? null,
  }
}

/**
 * The progress of a one-shot job (no checkpoint: each run does what is due, then ends): `done`,
 * `processed` of `processed`, its run id the job's kind and the instant it started.
 */
export function oneShotDone(
  kind: string,
  started: Date,
  processed: number,
  totals: Record<string, number>,
  finished: Date,
): JobProgress {
  return {
    runId: `${kind}:${started.toISOString()}`,
    status: 'done',
    processed,
    total: processed,
    totals,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
  }
}

/** The run with this id, created (`running`, at the start of its keys) if it does not exist yet. */
export async function startOrResume(
  deps: Deps,
  id: string,
  kind: string,
  totals: Record<string, number>,
): Promise<JobRun> {
  const existing = await deps.store.read.jobs.get(id)
  if (existing) return existing
  const fresh: JobRun = {
    id,
    kind,
    status: 'running',
    cursor: '',
    processed: 0,
    totals,
    startedAt: deps.clock.now().toISOString(),
    finishedAt: null,
    version: 1,
  }
  // Two invocations may start together: one creates it, both go on with the stored run.
  await deps.store.transaction((tx) => tx.jobs.save(fresh))
  return (await deps.store.read.jobs.get(id)) as JobRun
}

/** Marks the run done; false when another invocation moved it first. */
export async function finishRun(deps: Deps, run: JobRun): Promise<JobRun | null> {
  const done: JobRun = {
    ...run,
    status: 'done',
    finishedAt: deps.clock.now().toISOString(),
    version: run.version + 1,
  }
  return (await deps.store.transaction((tx) => tx.jobs.save(done))).ok ? done : null
}

/**
 * Runs one step of a job in a transaction that also moves the checkpoint past `lastKey`: the
 * step's writes and the checkpoint commit together. Returns the new run, or null when another
 * invocation moved the checkpoint first (this one then stops).
 */
export async function stepRun(
  deps: Deps,
  run: JobRun,
  lastKey: string,
  count: number,
  work: (tx: Repositories, totals: Record<string, number>) => Promise<Record<string, number>>,
): Promise<JobRun | null> {
  try {
    return await deps.store.transaction(async (tx) => {
      const totals = await work(tx, { ...run.totals })
      const next: JobRun = {
        ...run,
        cursor: lastKey,
        processed: run.processed + count,
        totals,
        version: run.version + 1,
      }
      if (!(await tx.jobs.save(next)).ok) throw new CheckpointMoved()
      return next
    })
  } catch (error) {
    if (error instanceof CheckpointMoved) return null
    throw error
  }
}
