import type { StarSettingsView } from '../../../src/contracts/star-club'
import { shanghaiYear } from '../../../src/domain/shared/calendar'
import { ok, type Result } from '../../../src/domain/shared/result'
import { thresholdYearPast } from '../../../src/domain/star/star.errors'
import { checkThresholds, thresholdsForYear } from '../../../src/domain/star/thresholds'
import { auditOf } from '../audit'
import { requireStaff, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import { rulesChangedBroadcast } from '../notification-producers'
import type { Deps } from '../ports'

async function settingsView(deps: Deps): Promise<StarSettingsView> {
  const rules = await deps.store.read.starRules.all()
  const currentYear = shanghaiYear(deps.clock.now())
  return {
    currentYear,
    current: thresholdsForYear(rules, currentYear),
    rules: rules.map(({ effectiveYear, thresholds, setAt }) => ({
      effectiveYear,
      thresholds,
      setAt,
    })),
  }
}

/** The star thresholds by effective year, and those judging this year's earnings. */
export async function starSettings(deps: Deps, caller: Caller): Promise<Result<StarSettingsView>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  return ok(await settingsView(deps))
}

/**
 * An admin sets the thresholds (SPEC §3: "thresholds are settings") for the earnings of a year and
 * the years after: this year or later, never a year already being earned under other rules that
 * ended. Audited with the thresholds before and after.
 */
export async function setStarThresholds(
  deps: Deps,
  caller: Caller,
  input: { effectiveYear: number; thresholds: number[] },
  requestId: string,
): Promise<Result<StarSettingsView>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const key = { requestId, openid: caller.openid, fn: 'admin', action: 'setStarThresholds' }
  const saved = await idempotent(deps, key, async (tx) => {
    const now = deps.clock.now()
    if (input.effectiveYear < shanghaiYear(now)) return thresholdYearPast(shanghaiYear(now))
    const thresholds = checkThresholds(input.thresholds)
    if (!thresholds.ok) return thresholds
    const before = thresholdsForYear(await tx.starRules.all(), input.effectiveYear)
    await tx.starRules.put({
      effectiveYear: input.effectiveYear,
      thresholds: thresholds.data,
      setBy: admin.data.id,
      setAt: now.toISOString(),
    })
    await tx.audit.append(
      auditOf(deps, admin.data, {
        action: 'star.thresholds',
        targetType: 'settings',
        targetId: `star-thresholds:${input.effectiveYear}`,
        before,
        after: thresholds.data,
        reason: null,
        requestId,
        now,
      }),
    )
    await tx.broadcasts.add(rulesChangedBroadcast(input.effectiveYear, now))
    return ok(true)
  })
  return saved.ok ? ok(await settingsView(deps)) : saved
}
