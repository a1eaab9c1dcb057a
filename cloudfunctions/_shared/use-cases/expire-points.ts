import type { JobProgress } from '../../../src/contracts/jobs.contract'
import { planExpiry } from '../../../src/domain/points/expiry'
import { shanghaiDate } from '../../../src/domain/shared/calendar'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireSystemOrAdmin, type Caller } from '../caller'
import { finishRun, progressOf, startOrResume, stepRun } from '../job-runs'
import type { Deps, JobRun, Repositories } from '../ports'

const KIND = 'points-expiry'
/**
 * Accounts settled per transaction, together with the checkpoint: on CloudBase each account costs a
 * read or two, so a step stays far inside a transaction's 30 s, and a day's run over 100k accounts
 * fits the timer's morning window (tests/cloudfunctions/_shared/cloudbase-job-limits.test.ts).
 */
const ACCOUNTS_PER_STEP = 50
/** Stop well inside the jobs function's 60 s limit; the next invocation resumes. */
const TIME_BUDGET_MS = 40_000

const runIdFor = (now: Date) => `${KIND}:${shanghaiDate(now)}`

/**
 * The daily points expiry (SPEC §5), timer-triggered and also runnable by an admin: for every
 * account, what is left of lots past their expiry becomes an `expire` entry, and points expiring
 * within 30 days are queued as one warning per member and date. One run per Shanghai day: running
 * again the same day changes nothing. Accounts are settled a step at a time in one transaction
 * with the run's checkpoint, so a crash or a timeout loses nothing and the next call resumes after
 * the last step done. All accounts are judged against the run's start instant.
 */
export async function expirePoints(
  deps: Deps,
  caller: Caller,
  input: { limit?: number },
): Promise<Result<JobProgress>> {
  const actor = await requireSystemOrAdmin(deps, caller)
  if (!actor.ok) return actor
  const started = deps.clock.now()
  let run: JobRun | null = await startOrResume(deps, runIdFor(started), KIND, {
    expiredPoints: 0,
    expiredAccounts: 0,
    warnings: 0,
  })
  const runId = run.id
  const cutoff = new Date(run.startedAt)
  let budget = input.limit ?? Number.POSITIVE_INFINITY

  while (run && run.status === 'running' && budget > 0) {
    const ids = await deps.store.read.points.accountIdsAfter(
      run.cursor,
      Math.min(ACCOUNTS_PER_STEP, budget),
    )
    if (ids.length === 0) {
      run = await finishRun(deps, run)
      break
    }
    const id = run.id
    run = await stepRun(deps, run, ids[ids.length - 1]!, ids.length, async (tx, totals) => {
      let next = totals
      for (const memberId of ids) {
        next = await settleAccount(deps, tx, id, memberId, cutoff, actor.data, next)
      }
      return next
    })
    budget -= ids.length
    if (deps.clock.now().getTime() - started.getTime() > TIME_BUDGET_MS) break
  }
  return ok(
    progressOf(
      run ?? (await deps.store.read.jobs.get(runId)),
      await deps.store.read.points.accountCount(),
    ),
  )
}

/** Expires what is due in one account and queues its warnings; returns the run's new totals. */
async function settleAccount(
  deps: Deps,
  tx: Repositories,
  runId: string,
  memberId: string,
  cutoff: Date,
  actorId: string,
  totals: Record<string, number>,
): Promise<Record<string, number>> {
  const account = await tx.points.account(memberId)
  if (!account) return totals
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
      reference: runId,
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
  return totals
}

/** Today's run as the admin page shows it. */
export async function expiryProgress(deps: Deps, caller: Caller): Promise<Result<JobProgress>> {
  const actor = await requireSystemOrAdmin(deps, caller)
  if (!actor.ok) return actor
  const run = await deps.store.read.jobs.get(runIdFor(deps.clock.now()))
  return ok(progressOf(run, await deps.store.read.points.accountCount()))
}
