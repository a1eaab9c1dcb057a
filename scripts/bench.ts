/**
 * `npm run bench`: speed measured as ratios against a baseline run in the same process, never as
 * timed assertions in tests. Prints a table and writes bench/results.json.
 *
 * earn-purchase: the whole path of a clerk's purchase (contract parse → handler → use case →
 * idempotent SQLite transaction with the account, the lot and the ledger entry) against a raw
 * better-sqlite3 transaction doing the equivalent insert + update on the same kind of file.
 *
 * star adjustment: the annual job over N and 2N seeded members (BENCH_STAR_MEMBERS, default 100k),
 * the median of BENCH_STAR_RUNS runs (default 3) in seconds, and t(2N)/t(N) for how it scales
 * (linear ≈ 2.0); see bench-star-adjustment.ts.
 *
 * event sign-up burst: BENCH_SIGNUPS members (default 2000) sign up at once for one event with 100
 * places, over HTTP through the local host (throughput, p50/p99 of the requests) against the same
 * burst handed to the function in-process; see bench-event-signup.ts.
 *
 * card verify: the clerk's `card.verify` handler against the bare code check (parse + HMAC) of the
 * same codes; see bench-card-verify.ts. And the same verify over HTTP, open loop, while the star
 * adjustment and a report over N members run in the host's job thread; see bench-during-jobs.ts.
 *
 * builds: function bundle sizes and cold requires (vs `node -e ""`), weapp package sizes vs their
 * limits, from the build outputs when present; see bench-artifacts.ts.
 *
 * load: the mixed workload of load.ts over HTTP, the best rate with p99 < 100 ms and the run at it,
 * for LOAD_SECONDS (default 60; 0 leaves it out).
 *
 * One table: every figure's value and, where the run measured a baseline for it, the ratio.
 */
import Database from 'better-sqlite3'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { openSqliteStore } from '../cloudfunctions/_shared/adapters/sqlite/sqlite-store'
import { createDeps } from '../cloudfunctions/_shared/deps'
import { pointsFunction } from '../cloudfunctions/points/index'
import { aMemberAtTheCounter } from '../tests/support/points-flow'
import { TEST_DATA_KEY } from '../tests/support/test-deps'
import { launchChromium, phoneContext, signInAs } from '../tests/e2e/support/browser'
import { startLocalHost } from '../tests/e2e/support/local-host'
import { functionBundleFigures, weappSizeFigures } from './bench-artifacts'
import { cardVerifyFigures } from './bench-card-verify'
import { duringJobsFigures } from './bench-during-jobs'
import { eventSignupFigures } from './bench-event-signup'
import { figureTable, type Figure } from './bench-figure'
import { profiled } from './bench-profile'
import { roundTripFigures } from './bench-round-trips'
import { cloudbaseBurstFigures } from './bench-cloudbase-burst'
import { starAdjustmentFigures } from './bench-star-adjustment'
import { loadFigures, printLoad, runLoad } from './load'

const OPS = Number(process.env.BENCH_OPS ?? 2000)
/** Purchases are spread over this many members, as at a real counter (each member's open lots stay few). */
const MEMBERS = 50

async function handlerOpsPerSecond(dir: string): Promise<number> {
  const store = openSqliteStore(join(dir, 'handler.db'))
  const deps = createDeps(store, { CLUB_DATA_KEY: TEST_DATA_KEY })
  const counters: Awaited<ReturnType<typeof aMemberAtTheCounter>>[] = []
  for (let m = 0; m < MEMBERS; m++) counters.push(await aMemberAtTheCounter(deps))
  /** Each member's card was verified by their own clerk (a purchase needs the card shown). */
  const clerkOf = (i: number) => counters[Math.abs(i) % MEMBERS]!.clerkCaller
  const request = (i: number) => ({
    action: 'earnPurchase',
    requestId: `bench-${i < 0 ? 'w' : 'm'}${Math.abs(i).toString().padStart(8, '0')}`,
    payload: {
      cardNo: counters[Math.abs(i) % MEMBERS]!.member.cardNo,
      lines: [{ category: 'food', amountFen: 12_850 }],
    },
  })
  for (let i = 1; i <= 50; i++) await pointsFunction.handle(request(-i), clerkOf(-i), deps) // warm-up
  const started = process.hrtime.bigint()
  await profiled('earn-purchase-handler', async () => {
    for (let i = 0; i < OPS; i++) {
      const res = await pointsFunction.handle(request(i), clerkOf(i), deps)
      if (!res.ok) throw new Error(`earnPurchase failed: ${JSON.stringify(res.error)}`)
    }
  })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  await store.close()
  return OPS / seconds
}

function rawOpsPerSecond(dir: string): number {
  const db = new Database(join(dir, 'raw.db'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec(`CREATE TABLE accounts (member_id TEXT PRIMARY KEY, balance INTEGER NOT NULL, version INTEGER NOT NULL);
           CREATE TABLE ledger (id TEXT PRIMARY KEY, member_id TEXT NOT NULL, points INTEGER NOT NULL, at TEXT NOT NULL);
           INSERT INTO accounts VALUES ('m1', 0, 0);`)
  const insert = db.prepare('INSERT INTO ledger VALUES (?, ?, ?, ?)')
  const update = db.prepare(
    'UPDATE accounts SET balance = balance + ?, version = version + 1 WHERE member_id = ?',
  )
  const earn = db.transaction((i: number) => {
    insert.run(`e${i}`, 'm1', 128, new Date().toISOString())
    update.run(128, 'm1')
  })
  const started = process.hrtime.bigint()
  for (let i = 0; i < OPS; i++) earn(i)
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  db.close()
  return OPS / seconds
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/**
 * The card page in headless Chromium: from navigation to the QR visible, median of 10, against the
 * same browser loading the local host's plain sign-in page (no app) as the baseline. Both are
 * timed from the navigation to their element visible, not to the page's `load` event (which the
 * card page's app scripts hold back, and a member does not wait for).
 */
async function timeToQr(): Promise<{ qrMs: number; baselineMs: number } | null> {
  if (
    process.env.BENCH_SKIP_H5 ||
    !existsSync('dist-h5/index.html') ||
    !existsSync('/usr/bin/chromium')
  ) {
    return null
  }
  const host = await startLocalHost()
  const browser = await launchChromium()
  try {
    const page = await (await phoneContext(browser)).newPage()
    await signInAs(page, host.url, 'o_demo_member')
    const qr: number[] = []
    const baseline: number[] = []
    for (let i = 0; i < 11; i++) {
      await page.goto('about:blank')
      let started = performance.now()
      await page.goto(`${host.url}/dev/login`, { waitUntil: 'commit' })
      await page.locator('button[data-openid]').first().waitFor()
      const plain = performance.now() - started
      await page.goto('about:blank')
      started = performance.now()
      await page.goto(`${host.url}/#/pages/card/index`, { waitUntil: 'commit' })
      await page.locator('[data-testid=card-qr]').waitFor({ state: 'visible' })
      if (i > 0) {
        qr.push(performance.now() - started)
        baseline.push(plain)
      }
    }
    return { qrMs: median(qr), baselineMs: median(baseline) }
  } finally {
    await browser.close()
    await host.stop()
  }
}

/** LOAD_SECONDS, default 60; 0 leaves the load out of the bench. */
const loadSeconds = () => Number(process.env.LOAD_SECONDS ?? 60)

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'club-bench-'))
  try {
    const raw = rawOpsPerSecond(dir)
    const handler = await handlerOpsPerSecond(dir)
    const verify = await cardVerifyFigures(dir, OPS)
    const qr = await timeToQr()
    const stars = await starAdjustmentFigures(dir)
    const duringJobs = await duringJobsFigures(dir)
    const signups = await eventSignupFigures(dir)
    const trips = await roundTripFigures()
    const cloudbaseBurst = await cloudbaseBurstFigures()
    const load = loadSeconds() > 0 ? await runLoad(dir) : null
    if (load) printLoad(load)
    const figures: Figure[] = [
      {
        name: 'earn-purchase, raw better-sqlite3 transaction (baseline)',
        value: raw,
        unit: 'ops/s',
      },
      {
        id: 'earn.ratio',
        name: `earn-purchase, full handler on the sqlite adapter (${MEMBERS} members)`,
        value: handler,
        unit: 'ops/s',
        ratio: handler / raw,
        vs: 'raw transaction',
      },
      ...verify,
      ...signups,
      ...stars,
      ...duringJobs,
      ...functionBundleFigures(),
      ...weappSizeFigures(),
      ...(qr
        ? [
            {
              name: 'H5 sign-in page visible (baseline), median of 10',
              value: qr.baselineMs,
              unit: 'ms',
            },
            {
              id: 'h5.qr.ratio',
              name: 'H5 card page: navigation to QR visible, median of 10',
              value: qr.qrMs,
              unit: 'ms',
              ratio: qr.qrMs / qr.baselineMs,
              vs: 'sign-in page',
            },
          ]
        : []),
      ...trips,
      ...cloudbaseBurst,
      ...(load ? loadFigures(load) : []),
    ]
    if (!qr)
      console.log('(H5 timing skipped: build dist-h5 with `npm run build:h5` and install chromium)')
    if (!load) console.log('(load skipped: LOAD_SECONDS=0)')
    console.log(`\n${figureTable(figures)}`)
    const out = process.env.BENCH_OUT ?? join('bench', 'results.json')
    mkdirSync(dirname(out), { recursive: true })
    writeFileSync(
      out,
      JSON.stringify({ measuredAt: new Date().toISOString(), ops: OPS, figures }, null, 2) + '\n',
    )
    if (load && load.invariants.length > 0) {
      throw new Error(`load: invariants broken: ${load.invariants.join('; ')}`)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
