import type { JobProgress } from '../../../src/contracts/jobs.contract'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireSystemOrAdmin, type Caller } from '../caller'
import { oneShotDone } from '../job-runs'
import { PURCHASE_CREDIT } from '../points-credit'
import type { Deps } from '../ports'

/**
 * A purchase whose credit is still pending this long after it was recorded has no call finishing
 * it any more: a call answers within seconds.
 */
export const CREDIT_STALE_MS = 60_000
/** Purchases looked at per batch, and batches per run. */
const CREDIT_BATCH = 100
const BATCHES_PER_RUN = 10

/**
 * Finishes the credits of purchases whose call stopped half-way (SPEC §5: the points of a
 * recorded purchase are on the member's account): on CloudBase a purchase is three writes without
 * a transaction, and a function can stop after the first (cloudbase-purchase-credits.ts). Every
 * minute on CloudBase's timer, and runnable by an admin. Each credit is put on the account at
 * most once, whoever finishes it — this run, a second run, or the clerk's retry — and the
 * member's notice once. On the embedded store nothing is ever half-way.
 */
export async function settlePurchaseCredits(
  deps: Deps,
  caller: Caller,
): Promise<Result<JobProgress>> {
  const actor = await requireSystemOrAdmin(deps, caller)
  if (!actor.ok) return actor
  const started = deps.clock.now()
  const before = new Date(started.getTime() - CREDIT_STALE_MS).toISOString()
  let settled = 0
  for (let batch = 0; batch < BATCHES_PER_RUN; batch++) {
    const count = await deps.store.counter.settleCredits(
      { before, limit: CREDIT_BATCH },
      PURCHASE_CREDIT,
    )
    settled += count
    if (count < CREDIT_BATCH) break
  }
  return ok(oneShotDone('purchase-credits', started, settled, { settled }, deps.clock.now()))
}
