import { Cron } from 'croner'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Caller } from '../cloudfunctions/_shared/caller'
import type { Envelope } from '../src/contracts/error-codes'
import type { Deps } from '../cloudfunctions/_shared/ports'
import { JOB_TIMERS, jobsFunction } from '../cloudfunctions/jobs/index'
import { CLUB_TIME_ZONE } from '../src/domain/shared/calendar'

/** One timer trigger of the jobs function, as cloudbaserc.json declares it for CloudBase. */
export type JobTimer = { name: string; cron: string; action: string }

type CloudbaseRc = {
  functions: { name: string; triggers?: { name: string; type: string; config: string }[] }[]
}

/**
 * The jobs function's timers from cloudbaserc.json — the very schedule CloudBase runs — each with
 * the action its trigger name stands for (`JOB_TIMERS`). A trigger without an action is an error:
 * it would never run anything, here or in the cloud.
 */
export function jobTimers(rcFile = resolve(__dirname, '../cloudbaserc.json')): JobTimer[] {
  const rc = JSON.parse(readFileSync(rcFile, 'utf8')) as CloudbaseRc
  const jobs = rc.functions.find((f) => f.name === 'jobs')
  return (jobs?.triggers ?? [])
    .filter((t) => t.type === 'timer')
    .map((t) => {
      const action = (JOB_TIMERS as Record<string, string>)[t.name]
      if (!action) throw new Error(`timer ${t.name} in cloudbaserc.json runs no job action`)
      return { name: t.name, cron: t.config, action }
    })
}

/** The scheduler itself: no WeChat user behind the call, exactly as a CloudBase timer. */
const SYSTEM: Caller = { openid: '', unionid: null, system: true }

/** Where a timer's call of the jobs function runs: this thread, or the host's job thread. */
export type RunJobs = (
  body: { action: string; payload: Record<string, never>; requestId: string },
  caller: Caller,
) => Promise<Envelope<unknown>>

/**
 * Runs one timer now, as CloudBase would: the action as the system, with a request id made of
 * the trigger's name and time. A refusal or a crash is logged, never thrown: the next tick retries.
 */
export async function runTimer(
  deps: Deps,
  timer: JobTimer,
  at: Date,
  run: RunJobs = (body, caller) => jobsFunction.handle(body, caller, deps),
): Promise<boolean> {
  const requestId = `timer-${timer.name}-${at.toISOString()}`
    .replace(/[^A-Za-z0-9_-]/g, '-')
    .slice(0, 64)
  const envelope = await run({ action: timer.action, payload: {}, requestId }, SYSTEM)
  if (!envelope.ok) deps.logger.error('timer failed', { timer: timer.name, error: envelope.error })
  return envelope.ok
}

/**
 * Whether `timer`'s schedule (Shanghai time) fires at least once after `from` and no later than
 * `to`: the timers a moved demo clock skipped over (server/demo-clock-actions.ts).
 */
export function isDueBetween(timer: JobTimer, from: Date, to: Date): boolean {
  const cron = new Cron(timer.cron, { timezone: CLUB_TIME_ZONE, mode: '7-part', paused: true })
  const next = cron.nextRun(from)
  return next !== null && next.getTime() <= to.getTime()
}

/**
 * The local host's stand-in for CloudBase's timer triggers: the same cron expressions (7 fields,
 * seconds first, year last), in Shanghai time, a run never overlapping the previous one of the
 * same timer. So on `npm start` the outbox is sent to the dev inbox, suspensions end, no-shows
 * are marked, reminders go out, just as in the cloud. Each run is at `deps.clock`'s time, so on
 * a moved demo clock the jobs see the demo time. `run`: where the calls run (the host's job
 * thread on `npm start`, so no request waits behind a job).
 */
export function startLocalTimers(deps: Deps, timers: JobTimer[] = jobTimers(), run?: RunJobs) {
  const jobs = timers.map(
    (timer) =>
      new Cron(
        timer.cron,
        { timezone: CLUB_TIME_ZONE, protect: true, mode: '7-part' },
        async () => {
          await runTimer(deps, timer, deps.clock.now(), run)
        },
      ),
  )
  return { stop: () => jobs.forEach((job) => job.stop()) }
}
