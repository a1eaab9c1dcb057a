/**
 * No request waits behind a job (issue 17): a clerk's card verify, over HTTP through the local
 * host, while the annual star adjustment runs over N members (BENCH_STAR_MEMBERS, default 100k)
 * and while an admin's report over the same members is built. Both heavy calls run in the host's
 * job thread (server/job-pool.ts), as on `npm start`.
 *
 * Open loop: a verify is sent every `INTERVAL_MS` on a schedule, whatever the previous answer did,
 * and each one's latency counts from its scheduled time, so a host that stalls shows it as waiting
 * (not as fewer requests). Each verify is a different member's current code (a code is single-use)
 * and the clerks take turns (a clerk may check 30 codes a minute). Figures: the p99 with nothing
 * else running (the baseline), during the adjustment and during the report, and the ratios.
 * BENCH_JOB_THREAD=off runs the same with the heavy calls in the host's thread, for comparison.
 */
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { openSqliteStore } from '../cloudfunctions/_shared/adapters/sqlite/sqlite-store'
import { createDeps } from '../cloudfunctions/_shared/deps'
import { getMyCard } from '../cloudfunctions/_shared/use-cases/card-use-cases'
import { buildLocalHost } from '../server/app'
import { DEMO_IDENTITIES } from '../server/demo-identities'
import { FUNCTIONS } from '../server/functions'
import { createJobPool } from '../server/job-pool'
import { cardCode, timeStep } from '../src/domain/card/card-code'
import { shanghaiYear } from '../src/domain/shared/calendar'
import { activeMembers, signInAll } from '../tests/support/bulk-members'
import { httpClient } from '../tests/support/local-host-client'
import { callerOf } from '../tests/support/registration-flow'
import { TEST_DATA_KEY, addStaff } from '../tests/support/test-deps'
import { starAdjustmentSizes } from './bench-star-adjustment'
import type { Figure } from './bench-figure'
import { seedStarAdjustment } from './bench-star-seed'

/** One verify every 25 ms: 40 a second, a busy day at many counters at once. */
const INTERVAL_MS = 25
/** Members whose codes are verified (each once a 30 s step) and clerks who take turns. */
const VERIFY_MEMBERS = 1200
const CLERKS = 60
/** The quiet baseline: this many verifies with nothing else running. */
const QUIET_VERIFIES = 200

type Shown = { code: () => string }

/** The q-quantile (0..1), nearest rank. */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

export async function duringJobsFigures(dir: string): Promise<Figure[]> {
  const [members] = starAdjustmentSizes()
  const dbFile = join(dir, 'during-jobs.db')
  await openSqliteStore(dbFile).close()
  const evaluatedYear = shanghaiYear(new Date()) - 1
  seedStarAdjustment(dbFile, members, evaluatedYear)
  const store = openSqliteStore(dbFile)
  const env = { CLUB_DATA_KEY: TEST_DATA_KEY }
  const deps = createDeps(store, env)
  // BENCH_JOB_THREAD=off runs the heavy calls in the host's own thread, as before the job thread.
  const inline = process.env.BENCH_JOB_THREAD === 'off'
  const jobs = inline ? null : createJobPool({ dbFile, env })
  const app = buildLocalHost({
    functions: FUNCTIONS,
    deps,
    ...(jobs ? { jobs } : {}),
    sessionSecret: 'bench-during-jobs-secret-bench-during-jobs',
    identities: DEMO_IDENTITIES,
  })
  try {
    const cardholders = await activeMembers(deps, VERIFY_MEMBERS)
    const shown: Shown[] = []
    for (const m of cardholders) {
      const card = await getMyCard(deps, callerOf(m.openid))
      if (!card.ok) throw new Error(`no card: ${card.error.code}`)
      const secret = new Uint8Array(Buffer.from(card.data.secret, 'base64'))
      shown.push({ code: () => cardCode(secret, card.data, timeStep(new Date())) })
    }
    const admin = await addStaff(deps, 'admin')
    const clerks: string[] = []
    for (let c = 0; c < CLERKS; c++) clerks.push((await addStaff(deps, 'clerk')).openid)
    await app.listen({ host: '127.0.0.1', port: 0, backlog: 4096 })
    const client = httpClient(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`)
    const clerkCookies = await signInAll(client.signIn, clerks)
    const adminCookie = await client.signIn(admin.openid)

    let next = 0
    /** Open loop until `until` settles (or `count` verifies): latencies from the schedule. */
    const verifyWhile = async (until: Promise<unknown> | null, count = Infinity) => {
      const latencies: number[] = []
      const pending: Promise<void>[] = []
      let over = false
      void until?.finally(() => (over = true))
      const started = performance.now()
      for (let i = 0; i < count && !over; i++) {
        const scheduled = started + i * INTERVAL_MS
        const wait = scheduled - performance.now()
        if (wait > 0) await new Promise((r) => setTimeout(r, wait))
        const n = next++
        if (n >= shown.length) throw new Error('bench-during-jobs: out of members to verify')
        const cookie = clerkCookies[n % CLERKS]!
        pending.push(
          client
            .call(cookie, 'card', 'verify', { code: shown[n]!.code() }, `dj-verify-${n}`)
            .then((r) => {
              if (!r.ok) throw new Error(`verify refused: ${r.error?.code}`)
              latencies.push(performance.now() - scheduled)
            }),
        )
      }
      await Promise.all(pending)
      await until
      return latencies
    }

    // Warm: the job thread started, the handlers compiled.
    await client.call(adminCookie, 'jobs', 'markNoShows', {}, 'dj-warm-up')
    const quiet = await verifyWhile(null, QUIET_VERIFIES)
    const adjusting = await verifyWhile(
      client.call(adminCookie, 'jobs', 'adjustStars', {}, 'dj-adjust').then((r) => {
        if (!r.ok || (r.data as { status: string }).status !== 'done')
          throw new Error(`adjustment did not finish: ${JSON.stringify(r)}`)
      }),
    )
    const reporting = await verifyWhile(
      client.call(adminCookie, 'admin', 'reports', { year: evaluatedYear }).then((r) => {
        if (!r.ok) throw new Error(`report failed: ${JSON.stringify(r.error)}`)
      }),
    )
    const quietP99 = quantile(quiet, 0.99)
    const size = `${members / 1000}k`
    const where = inline ? ", all in the host's thread" : ''
    return [
      {
        name: 'card verify over HTTP, p99, nothing else running (baseline)',
        value: quietP99,
        unit: 'ms',
      },
      {
        id: 'verify.during_adjustment.p99_ms',
        name: `card verify over HTTP, p99, during the star adjustment of ${size} members (${adjusting.length} verifies${where})`,
        value: quantile(adjusting, 0.99),
        unit: 'ms',
        ratio: quantile(adjusting, 0.99) / quietP99,
        vs: 'quiet host',
      },
      {
        id: 'verify.during_report.p99_ms',
        name: `card verify over HTTP, p99, during the reports over ${size} members (${reporting.length} verifies${where})`,
        value: quantile(reporting, 0.99),
        unit: 'ms',
        ratio: quantile(reporting, 0.99) / quietP99,
        vs: 'quiet host',
      },
    ]
  } finally {
    await app.close()
    await jobs?.close()
    await store.close()
  }
}
