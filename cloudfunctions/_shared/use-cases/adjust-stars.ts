import type { JobProgress } from '../../../src/contracts/jobs.contract'
import { shanghaiYear, shanghaiYearStart } from '../../../src/domain/shared/calendar'
import { ok, type Result } from '../../../src/domain/shared/result'
import { qualifyingPoints } from '../../../src/domain/star/qualifying-points'
import type { StarValue } from '../../../src/domain/star/star'
import { yearNotEnded } from '../../../src/domain/star/star.errors'
import { thresholdsForYear, type StarThresholds } from '../../../src/domain/star/thresholds'
import { adjustMember, tallyAdjustment } from '../../../src/domain/star/yearly-adjustment'
import { requireSystemOrAdmin, type Caller } from '../caller'
import { finishRun, progressOf, startOrResume, stepRun } from '../job-runs'
import type { Deps, JobRun, MemberRecord, Repositories } from '../ports'
import type { MemberStatus } from '../../../src/domain/member/member'

const KIND = 'star-adjustment'
/**
 * Members adjusted per transaction, together with the checkpoint. Each costs a few single-document
 * reads and writes (star, club, notices), which keeps a CloudBase transaction small.
 */
const MEMBERS_PER_STEP = 50
/** Stop well inside the jobs function's 60 s limit; the next invocation resumes. */
const TIME_BUDGET_MS = 40_000
/**
 * Who gets a star for the new year: active members, and suspended ones (SPEC §8: a suspension
 * keeps the account, so its star and club standing move on like everyone else's).
 */
const ADJUSTED_STATUSES: readonly MemberStatus[] = ['active', 'suspended']

/** The run that sets the stars of `newYear` (from the earnings of the year before). */
export const adjustmentRunId = (newYear: number) => `${KIND}:${newYear}`

/**
 * The annual star adjustment (SPEC §3, §4), timer-triggered on 1 January and also run by an admin:
 * every active member's star for `year + 1` — the imported value where an import exists, else the
 * rule on the qualifying points earned in `year` (Shanghai calendar) — and the club moves that
 * follow (grace, forced exit, re-activation), with a notice for each. Only a year that has ended
 * can be judged. Idempotent per year: a finished run changes nothing. Resumable: members go in id
 * order, a step of them at a time in one transaction with the checkpoint, so after a crash or a
 * timeout the next invocation continues after the last step committed.
 */
export async function adjustStars(
  deps: Deps,
  caller: Caller,
  input: { year?: number; limit?: number },
): Promise<Result<JobProgress>> {
  const actor = await requireSystemOrAdmin(deps, caller)
  if (!actor.ok) return actor
  const started = deps.clock.now()
  const evaluatedYear = input.year ?? shanghaiYear(started) - 1
  if (evaluatedYear >= shanghaiYear(started)) return yearNotEnded(evaluatedYear)
  const newYear = evaluatedYear + 1
  let run: JobRun | null = await startOrResume(deps, adjustmentRunId(newYear), KIND, {})
  const runId = run.id

  const thresholds = thresholdsForYear(await deps.store.read.starRules.all(), evaluatedYear)
  const imported = new Map(
    ((await deps.store.read.starImports.get(newYear))?.rows ?? []).map((r) => [
      r.licenceHash,
      r.star,
    ]),
  )
  const from = shanghaiYearStart(evaluatedYear).toISOString()
  const to = shanghaiYearStart(newYear).toISOString()
  let budget = input.limit ?? Number.POSITIVE_INFINITY

  while (run && run.status === 'running' && budget > 0) {
    const members = await deps.store.read.members.idsAfter(
      ADJUSTED_STATUSES,
      run.cursor,
      Math.min(MEMBERS_PER_STEP, budget),
    )
    if (members.length === 0) {
      run = await finishRun(deps, run)
      break
    }
    const earned = await earnedBy(deps, members, from, to)
    const step = { evaluatedYear, thresholds, imported, earned, now: deps.clock.now() }
    run = await stepRun(deps, run, members[members.length - 1]!.id, members.length, (tx, totals) =>
      adjustStep(tx, members, step, totals),
    )
    budget -= members.length
    if (deps.clock.now().getTime() - started.getTime() > TIME_BUDGET_MS) break
  }
  return ok(
    progressOf(
      run ?? (await deps.store.read.jobs.get(runId)),
      await deps.store.read.members.countByStatus(ADJUSTED_STATUSES),
    ),
  )
}

/** Qualifying points per member in [from, to). The year is over, so these entries are final. */
async function earnedBy(
  deps: Deps,
  members: MemberRecord[],
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const entries = await deps.store.read.points.entriesBetween(
    members.map((m) => m.id),
    from,
    to,
  )
  const byMember = new Map<string, typeof entries>()
  for (const entry of entries) {
    byMember.set(entry.memberId, [...(byMember.get(entry.memberId) ?? []), entry])
  }
  return new Map(members.map((m) => [m.id, qualifyingPoints(byMember.get(m.id) ?? [])]))
}

type Step = {
  evaluatedYear: number
  thresholds: StarThresholds
  imported: Map<string, StarValue>
  earned: Map<string, number>
  now: Date
}

/**
 * Read → decide → write for the members of a step, inside the step's transaction. The step's
 * grants for the new year, club memberships and notices already queued are read once for all of
 * them (three reads, not three per member: on CloudBase, requests are what a 1M-member run costs);
 * inside the transaction those are snapshot reads, so a concurrent override or club decision still
 * meets a conflict at the write and the step runs again.
 */
async function adjustStep(
  tx: Repositories,
  members: MemberRecord[],
  step: Step,
  totals: Record<string, number>,
): Promise<Record<string, number>> {
  const ids = members.map((m) => m.id)
  const grantOf = new Map(
    (await tx.stars.forMembersInYear(ids, step.evaluatedYear + 1)).map((g) => [g.memberId, g]),
  )
  const clubOf = new Map((await tx.clubs.byMembers(ids)).map((c) => [c.memberId, c]))
  const adjustments = members.map((member) =>
    adjustMember({
      memberId: member.id,
      evaluatedYear: step.evaluatedYear,
      qualifyingPoints: step.earned.get(member.id) ?? 0,
      importedStar: step.imported.get(member.licence.hash) ?? null,
      existing: grantOf.get(member.id) ?? null,
      club: clubOf.get(member.id) ?? null,
      thresholds: step.thresholds,
      now: step.now,
    }),
  )
  const queued = new Set(
    await tx.outbox.taken(adjustments.flatMap((a) => a.notices.map((n) => n.id))),
  )
  let tally = totals
  for (const [i, adjustment] of adjustments.entries()) {
    const memberId = ids[i]!
    if (adjustment.grant) await tx.stars.put(adjustment.grant)
    if (adjustment.club && !(await tx.clubs.save(adjustment.club)).ok) {
      throw new Error(`club of ${memberId} changed during the star adjustment`)
    }
    for (const notice of adjustment.notices) {
      if (queued.has(notice.id)) continue
      await tx.outbox.addNew({
        ...notice,
        memberId,
        createdAt: step.now.toISOString(),
        status: 'pending',
      })
    }
    tally = tallyAdjustment(tally, adjustment)
  }
  return tally
}

/** The adjustment run for a year's earnings (default: the year just ended), for the admin page. */
export async function adjustmentProgress(
  deps: Deps,
  caller: Caller,
  input: { year?: number },
): Promise<Result<JobProgress>> {
  const actor = await requireSystemOrAdmin(deps, caller)
  if (!actor.ok) return actor
  const evaluatedYear = input.year ?? shanghaiYear(deps.clock.now()) - 1
  const run = await deps.store.read.jobs.get(adjustmentRunId(evaluatedYear + 1))
  return ok(progressOf(run, await deps.store.read.members.countByStatus(ADJUSTED_STATUSES)))
}
