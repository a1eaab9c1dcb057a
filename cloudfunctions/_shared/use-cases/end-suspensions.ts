import type { SuspensionEndReport } from '../../../src/contracts/discipline'
import { endSuspension, type Sanction } from '../../../src/domain/discipline/sanction'
import { shanghaiDate } from '../../../src/domain/shared/calendar'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireSystemOrAdmin, type Caller } from '../caller'
import type { Deps, Repositories } from '../ports'
import { liftSuspension } from '../sanction-effects'

/** Suspensions ended per transaction, and transactions per call (the timer comes back hourly). */
const BATCH = 50
const BATCHES_PER_CALL = 20

/** Ends the due suspensions of one batch; a member still suspended is active again. */
async function endBatch(tx: Repositories, due: readonly Sanction[], now: Date) {
  let ended = 0
  let reactivated = 0
  for (const read of due) {
    const current = await tx.sanctions.byId(read.id)
    const over = current ? endSuspension(current, now) : null
    if (!over) continue
    if (!(await tx.sanctions.save(over)).ok) throw new Error('sanction changed while ending')
    ended += 1
    // A member cancelled meanwhile stays cancelled: only a suspended account comes back.
    const member = await tx.members.byId(over.memberId)
    if (member?.status !== 'suspended') continue
    const lifted = await liftSuspension(tx, member, now)
    if (!lifted.ok) throw new Error('member changed while ending a suspension')
    reactivated += 1
  }
  return { ended, reactivated }
}

/**
 * A suspension ends by itself (SPEC §8): from 00:00 Shanghai of the day after its last day, this
 * job marks it ended and makes the member (and the club membership) active again; until it runs
 * the member is shown as suspended. Timer-triggered hourly, also run by an admin. Each batch of 50
 * is one transaction, and an ended suspension is no longer due, so a crash or a second run ends
 * nothing twice.
 */
export async function endSuspensions(
  deps: Deps,
  caller: Caller,
): Promise<Result<SuspensionEndReport>> {
  const actor = await requireSystemOrAdmin(deps, caller)
  if (!actor.ok) return actor
  const now = deps.clock.now()
  const day = shanghaiDate(now)
  const report = { day, ended: 0, reactivated: 0, more: false }
  for (let batch = 0; batch < BATCHES_PER_CALL; batch++) {
    const due = await deps.store.read.sanctions.suspensionsEndedBy(day, BATCH)
    if (due.length === 0) return ok(report)
    const done = await deps.store.transaction((tx) => endBatch(tx, due, now))
    report.ended += done.ended
    report.reactivated += done.reactivated
    // A short batch was the last; a batch that ended nothing would only be read again.
    if (due.length < BATCH || done.ended === 0) return ok(report)
  }
  return ok({ ...report, more: true })
}
