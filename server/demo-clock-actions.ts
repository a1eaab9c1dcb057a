import { auditOf } from '../cloudfunctions/_shared/audit'
import { requireStaff, type Caller } from '../cloudfunctions/_shared/caller'
import { idempotent, priorResult } from '../cloudfunctions/_shared/idempotent'
import type { Deps } from '../cloudfunctions/_shared/ports'
import type {
  ClockMovedView,
  DemoClockView,
  DemoJobRun,
  MoveClockInput,
} from '../src/contracts/demo.contract'
import { invalidInput } from '../src/domain/shared/common.errors'
import { ok, type Result } from '../src/domain/shared/result'
import type { DemoClock } from './demo-clock'
import { isDueBetween, runTimer, type JobTimer } from './local-timers'

/** What the demo actions work on: the host's demo clock and the job timers a move may make due. */
export type DemoClockHost = { clock: DemoClock; timers(): readonly JobTimer[] }

const HOUR_MS = 3_600_000

const viewOf = (clock: DemoClock): DemoClockView => ({
  now: clock.now().toISOString(),
  movedByMs: clock.movedByMs,
})

/** The demo clock as it stands: anyone may read it, so every page can show the banner. */
export async function showClock(host: DemoClockHost): Promise<Result<DemoClockView>> {
  return ok(viewOf(host.clock))
}

/**
 * An admin moves the demo clock forward, by hours and days or to an instant — never back. The move
 * is audited (and its request recorded) before the clock moves; then every job timer whose
 * schedule fell within the skipped time runs once at the new time, so deadlines and expiries take
 * effect at once, as if the host had run through the time. A retried request changes nothing more.
 */
export async function moveClock(
  deps: Deps,
  host: DemoClockHost,
  caller: Caller,
  input: MoveClockInput,
  requestId: string,
): Promise<Result<ClockMovedView>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const key = { requestId, openid: caller.openid, fn: 'demo', action: 'moveClock' }
  const prior = await priorResult<ClockMovedView>(deps, key)
  if (prior) return prior
  const from = host.clock.now()
  const to = input.to
    ? new Date(input.to)
    : new Date(from.getTime() + ((input.hours ?? 0) + (input.days ?? 0) * 24) * HOUR_MS)
  if (to.getTime() <= from.getTime()) {
    return invalidInput({ to: '只能向后拨：目标时间须晚于当前演示时间' })
  }
  const before = viewOf(host.clock)
  const after: DemoClockView = {
    now: to.toISOString(),
    movedByMs: before.movedByMs + (to.getTime() - from.getTime()),
  }
  const recorded = await idempotent(deps, key, async (tx) => {
    await tx.audit.append(
      auditOf(deps, admin.data, {
        action: 'clock.move',
        targetType: 'demo_clock',
        targetId: 'local',
        before,
        after,
        reason: null,
        requestId,
        now: from,
      }),
    )
    return ok<ClockMovedView>({ ...after, jobs: [] })
  })
  if (!recorded.ok) return recorded
  // By the exact length asked for (the real clock ran on meanwhile), or to the instant asked for.
  const ms = input.to ? to.getTime() - host.clock.now().getTime() : to.getTime() - from.getTime()
  host.clock.moveForward(Math.max(0, ms))
  const jobs: DemoJobRun[] = []
  for (const timer of host.timers().filter((t) => isDueBetween(t, from, to))) {
    jobs.push({ timer: timer.name, action: timer.action, ok: await runTimer(deps, timer, to) })
  }
  return ok({ ...viewOf(host.clock), jobs })
}

/** An admin returns the demo clock to the real time; audited. Nothing the jobs did is undone. */
export async function resetClock(
  deps: Deps,
  host: DemoClockHost,
  caller: Caller,
  requestId: string,
): Promise<Result<DemoClockView>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const key = { requestId, openid: caller.openid, fn: 'demo', action: 'resetClock' }
  const prior = await priorResult<DemoClockView>(deps, key)
  if (prior) return prior
  const before = viewOf(host.clock)
  const real: DemoClockView = {
    now: new Date(host.clock.now().getTime() - host.clock.movedByMs).toISOString(),
    movedByMs: 0,
  }
  const recorded = await idempotent(deps, key, async (tx) => {
    await tx.audit.append(
      auditOf(deps, admin.data, {
        action: 'clock.reset',
        targetType: 'demo_clock',
        targetId: 'local',
        before,
        after: real,
        reason: null,
        requestId,
        now: host.clock.now(),
      }),
    )
    return ok(real)
  })
  if (!recorded.ok) return recorded
  host.clock.reset()
  return ok(viewOf(host.clock))
}
