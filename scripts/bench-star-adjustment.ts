/**
 * The annual star adjustment over a large membership on the sqlite adapter: `adjustStars` run as
 * the timer trigger does (the system caller, a clock just after New Year in Shanghai), invoked
 * again and again until its run is done, since each invocation stops after its 40 s budget. Timed
 * at two sizes, N and 2N members with ~10 ledger entries each in the evaluated year; the 2N row's
 * ratio t(2N)/t(N) shows how it scales (linear ≈ 2.0). Seeding is timed apart and is not in the figure:
 * each size is seeded once, and every run starts from a fresh copy of that file. After each run
 * (outside the timing) the job's totals and the stored stars are checked against the seed.
 */
import Database from 'better-sqlite3'
import { closeSync, copyFileSync, fsyncSync, openSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { openSqliteStore } from '../cloudfunctions/_shared/adapters/sqlite/sqlite-store'
import type { Caller } from '../cloudfunctions/_shared/caller'
import { createDeps } from '../cloudfunctions/_shared/deps'
import { adjustStars } from '../cloudfunctions/_shared/use-cases/adjust-stars'
import { TEST_DATA_KEY } from '../tests/support/test-deps'
import type { Figure } from './bench-figure'
import { seedStarAdjustment, type ExpectedTotals } from './bench-star-seed'

/** The earnings judged, and the first moment of the next year the job runs in (Shanghai). */
const EVALUATED_YEAR = 2025
const RUN_AT = '2026-01-01T00:10:00+08:00'
const SYSTEM: Caller = { openid: '', unionid: null, system: true }

/** N from BENCH_STAR_MEMBERS (default 100k); the bench runs N and 2N members. */
export function starAdjustmentSizes(): [number, number] {
  const base = Number(process.env.BENCH_STAR_MEMBERS ?? 100_000)
  if (!Number.isInteger(base) || base < 1) throw new Error('BENCH_STAR_MEMBERS: a whole number ≥ 1')
  return [base, base * 2]
}

/** 100000 → "100k", 2500 → "2500". */
const sizeLabel = (n: number) => (n % 1000 === 0 ? `${n / 1000}k` : String(n))

/**
 * A clock that starts at `iso` and runs with real time, so the job's per-invocation time budget
 * ends invocations as it would in production.
 */
function runningClock(iso: string) {
  const start = new Date(iso).getTime()
  const t0 = performance.now()
  return { now: () => new Date(start + Math.floor(performance.now() - t0)) }
}

type Seed = {
  members: number
  /** The seeded file, left untouched: each run works on a fresh copy of it. */
  file: string
  seedSeconds: number
  ledgerRows: number
  expected: ExpectedTotals
}

/** Writes a file's dirty pages out now, so their writeback does not land in a timing. */
function flush(file: string) {
  const fd = openSync(file, 'r+')
  fsyncSync(fd)
  closeSync(fd)
}

async function seed(dir: string, members: number): Promise<Seed> {
  const file = join(dir, `stars-${members}.seed.db`)
  await openSqliteStore(file).close() // creates the file at the newest schema
  const started = performance.now()
  const seeded = seedStarAdjustment(file, members, EVALUATED_YEAR)
  const seedSeconds = (performance.now() - started) / 1000
  flush(file)
  return { members, file, seedSeconds, ledgerRows: seeded.ledgerRows, expected: seeded.expected }
}

const removeDb = (file: string) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
}

/** One timed adjustment on a fresh copy of the seed, checked afterwards; returns seconds. */
async function timeAdjustment(seeded: Seed): Promise<{ seconds: number; invocations: number }> {
  const file = seeded.file.replace(/\.seed\.db$/, '.run.db')
  copyFileSync(seeded.file, file)
  flush(file)
  const store = openSqliteStore(file)
  const deps = createDeps(store, { CLUB_DATA_KEY: TEST_DATA_KEY }, { clock: runningClock(RUN_AT) })
  let invocations = 0
  let totals: Record<string, number> = {}
  const started = performance.now()
  for (;;) {
    const res = await adjustStars(deps, SYSTEM, { year: EVALUATED_YEAR })
    invocations++
    if (!res.ok) throw new Error(`adjustStars failed: ${JSON.stringify(res.error)}`)
    if (res.data.status === 'done') {
      totals = res.data.totals
      break
    }
    if (res.data.status !== 'running') throw new Error(`adjustStars: ${res.data.status}`)
  }
  const seconds = (performance.now() - started) / 1000
  await store.close()
  verify(file, seeded.members, totals, seeded.expected)
  removeDb(file)
  return { seconds, invocations }
}

/** Every member got a star for the new year, and the job's report matches the seeded data. */
function verify(
  file: string,
  members: number,
  totals: Record<string, number>,
  expected: ExpectedTotals,
) {
  const stars = [1, 2, 3, 4, 5].reduce((sum, s) => sum + (totals[`star${s}`] ?? 0), 0)
  if (stars !== members) {
    throw new Error(`star adjustment: totals count ${stars} stars for ${members} members`)
  }
  const db = new Database(file, { readonly: true })
  const { n } = db
    .prepare('SELECT COUNT(*) AS n FROM member_stars WHERE year = ?')
    .get(EVALUATED_YEAR + 1) as { n: number }
  db.close()
  if (n !== members) {
    throw new Error(`star adjustment: ${n} stars stored for ${EVALUATED_YEAR + 1}, not ${members}`)
  }
  for (const key of new Set([...Object.keys(expected), ...Object.keys(totals)])) {
    if ((totals[key] ?? 0) !== (expected[key] ?? 0)) {
      throw new Error(
        `star adjustment: ${key} is ${totals[key] ?? 0}, the seed implies ${expected[key] ?? 0}`,
      )
    }
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!

/**
 * Seeds both sizes in `dir`, then times the job BENCH_STAR_RUNS times (default 3) per size,
 * alternating sizes so a slow spell of the machine hits both, and returns the medians as figures.
 * Seeding and each run's time go to the console.
 */
export async function starAdjustmentFigures(dir: string): Promise<Figure[]> {
  const sizes = starAdjustmentSizes()
  const runs = Number(process.env.BENCH_STAR_RUNS ?? 3)
  if (!Number.isInteger(runs) || runs < 1) throw new Error('BENCH_STAR_RUNS: a whole number ≥ 1')
  const seeds: Seed[] = []
  for (const members of sizes) {
    const seeded = await seed(dir, members)
    console.log(
      `star adjustment, ${members} members: seeded ${seeded.ledgerRows} ledger rows in ` +
        `${seeded.seedSeconds.toFixed(1)} s (not timed)`,
    )
    seeds.push(seeded)
  }
  const seconds: number[][] = seeds.map(() => [])
  for (let r = 0; r < runs; r++) {
    for (const [i, seeded] of seeds.entries()) {
      const run = await timeAdjustment(seeded)
      seconds[i]!.push(run.seconds)
      console.log(
        `star adjustment, ${seeded.members} members, run ${r + 1}/${runs}: ` +
          `${run.seconds.toFixed(2)} s in ${run.invocations} invocation(s), verified`,
      )
    }
  }
  for (const seeded of seeds) removeDb(seeded.file)

  const [small, large] = sizes
  const [a, b] = seconds.map(median) as [number, number]
  const name = (n: number) => `star adjustment ${sizeLabel(n)} members`
  return [
    { name: name(small), value: a, unit: 's' },
    { name: `${name(small)}, throughput`, value: small / a, unit: 'members/s' },
    // t(2N)/t(N): linear ≈ 2.0.
    {
      id: 'stars.adjustment.scaling_ratio',
      name: name(large),
      value: b,
      unit: 's',
      ratio: b / a,
      vs: `t(${sizeLabel(small)})`,
    },
    { name: `${name(large)}, throughput`, value: large / b, unit: 'members/s' },
  ]
}
