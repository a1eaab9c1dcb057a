import type { JobProgress } from '../../src/contracts/jobs.contract'
import type { HostProcess } from './fault-host-process'
import { DEMO_ADMIN, inspect, jobRun, untilFile } from './fault-store'

let calls = 0

/**
 * Calls a resumable job (`jobs.<action>`) as the admin, as the admin page's button does, until its
 * run is done; returns the last progress. Rejects when the host goes away mid-call.
 */
export async function jobUntilDone(
  host: HostProcess,
  cookie: string,
  action: string,
  payload: Record<string, unknown>,
): Promise<JobProgress> {
  for (;;) {
    const res = await host.call(cookie, 'jobs', action, payload, `fault-job-${++calls}`)
    if (!res.ok) throw new Error(`jobs.${action}: ${JSON.stringify(res.error)}`)
    const progress = res.data as JobProgress
    if (progress.status === 'done') return progress
  }
}

/**
 * Drives the job in steps of `step` members and SIGKILLs the host once its checkpoint has passed
 * `killAfter`; returns the checkpoint as the crash left it. The run must not have finished.
 */
export async function crashJobMidway(
  host: HostProcess,
  file: string,
  job: { action: string; runId: string; step: number; killAfter: number },
  payload: Record<string, unknown> = {},
) {
  const admin = await host.signIn(DEMO_ADMIN)
  const running = jobUntilDone(host, admin, job.action, { ...payload, limit: job.step })
  await Promise.race([
    untilFile(file, (db) => (jobRun(db, job.runId)?.processed ?? 0) >= job.killAfter),
    running,
  ])
  await host.kill()
  await running.then(
    (progress) => {
      throw new Error(`the run ended before the crash: ${JSON.stringify(progress)}`)
    },
    () => undefined,
  )
  return inspect(file, (db) => jobRun(db, job.runId))!
}
