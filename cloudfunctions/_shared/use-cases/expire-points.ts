import type { JobProgress } from '../../../src/contracts/jobs.contract'
import { planExpiry } from '../../../src/domain/points/expiry'
import { shanghaiDate } from '../../../src/domain/shared/calendar'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireSystemOrAdmin, type Caller } from '../caller'
import type { Deps, JobRun, Repositories } from '../ports'

const KIND = 'points-expiry'
/** Accounts read per query; CloudBase returns at most 1000 rows a read. */
const CHUNK = 100
/** Stop well inside a function's time limit; the next invocation continues from the checkpoint. */
const TIME_BUDGET_MS = 10_000

const runIdFor = (now: Date) => `${KIND}:${shanghaiDate(now)}`

function progressOf(run: JobRun | null, total: number): JobProgress {
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
 * The daily points expiry (SPEC §5), timer-triggered and also runnable by an admin: for every
 * account, what is left of lots past their expiry becomes an `expire` entry, and points expiring
 * within 30 days are queued as one warning per member and date. One run per Shanghai day: running
 * again the same day changes nothing. Each account is settled in its own transaction together with
 * the run's checkpoint, so a crash or a timeout loses nothing and the next call resumes after the
 * last account done. All accounts are judged against the run's start instant.
 */
export async function expirePoints(
  deps: Deps,
  caller: Caller,
  input: { limit?: number },
): Promise<Result<JobProgress>> {
  const actor = await requireSystemOrAdmin(deps, caller)
  if (!actor.ok) return actor
  const started = deps.clock.now()
  const runId = runIdFor(started)
  let run = await deps.store.read.jobs.get(runId)
  if (!run) {
    const fresh: JobRun = {
      id: runId,
      kind: KIND,
      status: 'running',
      cursor: '',
      processed: 0,
      totals: { expiredPoints: 0, expiredAccounts: 0, warnings: 0 },
      startedAt: started.toISOString(),
      finishedAt: null,
      version: 1,
    }
    await deps.store.transaction((tx) => tx.jobs.save(fresh))
    run = (await deps.store.read.jobs.get(runId)) as JobRun
  }
  const cutoff = new Date(run.startedAt)
  let budget = input.limit ?? Number.POSITIVE_INFINITY

  while (run.status === 'running' && budget > 0) {
    const ids = await deps.store.read.points.accountIdsAfter(run.cursor, Math.min(CHUNK, budget))
    if (ids.length === 0) {
      const done: JobRun = {
        ...run,
        status: 'done',
        finishedAt: deps.clock.now().toISOString(),
        version: run.version + 1,
      }
      if (!(await deps.store.transaction((tx) => tx.jobs.save(done))).ok) break
      run = done
      break
    }
    for (const memberId of ids) {
      const next = await settleAccount(deps, run, memberId, cutoff, actor.data)
      if (!next)
        return ok(
          progressOf(
            await deps.store.read.jobs.get(runId),
            await deps.store.read.points.accountCount(),
          ),
        )
      run = next
      budget -= 1
    }
    if (deps.clock.now().getTime() - started.getTime() > TIME_BUDGET_MS) break
  }
  return ok(progressOf(run, await deps.store.read.points.accountCount()))
}

/**
 * Expires one account and advances the checkpoint in the same transaction. Returns the new run, or
 * null when another invocation moved the checkpoint first (this one then stops).
 */
async function settleAccount(
  deps: Deps,
  run: JobRun,
  memberId: string,
  cutoff: Date,
  actorId: string,
): Promise<JobRun | null> {
  try {
    return await deps.store.transaction((tx) =>
      settleInTransaction(deps, tx, run, memberId, cutoff, actorId),
    )
  } catch (error) {
    if (error instanceof CheckpointMoved) return null
    throw error
  }
}

/** Thrown to roll the account's writes back when another invocation advanced the checkpoint first. */
class CheckpointMoved extends Error {}

async function settleInTransaction(
  deps: Deps,
  tx: Repositories,
  run: JobRun,
  memberId: string,
  cutoff: Date,
  actorId: string,
): Promise<JobRun> {
  const account = await tx.points.account(memberId)
  const totals = { ...run.totals }
  if (account) {
    const plan = planExpiry(account, cutoff)
    if (plan.expiredPoints > 0) {
      if (!(await tx.points.saveAccount(plan.account)).ok)
        throw new Error(`account ${memberId} changed during expiry`)
      await tx.points.append({
        id: deps.ids.next(),
        memberId,
        type: 'expire',
        label: 'expiry',
        points: -plan.expiredPoints,
        reference: run.id,
        actorId,
        requestId: null,
        at: cutoff.toISOString(),
        takes: plan.takes,
        lotId: null,
        note: null,
      })
      totals.expiredPoints = (totals.expiredPoints ?? 0) + plan.expiredPoints
      totals.expiredAccounts = (totals.expiredAccounts ?? 0) + 1
    }
    for (const warning of plan.warnings) {
      const added = await tx.outbox.add({
        id: `points-expiring:${memberId}:${warning.expiryDate}`,
        memberId,
        kind: 'points.expiring',
        payload: { points: warning.points, expiryDate: warning.expiryDate },
        createdAt: cutoff.toISOString(),
        status: 'pending',
      })
      if (added) totals.warnings = (totals.warnings ?? 0) + 1
    }
  }
  const next: JobRun = {
    ...run,
    cursor: memberId,
    processed: run.processed + 1,
    totals,
    version: run.version + 1,
  }
  if (!(await tx.jobs.save(next)).ok) throw new CheckpointMoved()
  return next
}

/** Today's run as the admin page shows it. */
export async function expiryProgress(deps: Deps, caller: Caller): Promise<Result<JobProgress>> {
  const actor = await requireSystemOrAdmin(deps, caller)
  if (!actor.ok) return actor
  const run = await deps.store.read.jobs.get(runIdFor(deps.clock.now()))
  return ok(progressOf(run, await deps.store.read.points.accountCount()))
}
