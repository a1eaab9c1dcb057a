import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/** The benchmark is measured by `npm run bench`, not here; this only keeps it runnable. */
describe('npm run bench', () => {
  it('runs end to end on a few operations and writes its figures', () => {
    const dir = mkdtempSync(join(tmpdir(), 'club-bench-test-'))
    const out = join(dir, 'results.json')

    execFileSync('npx', ['tsx', 'scripts/bench.ts'], {
      cwd: resolve(__dirname, '../..'),
      env: {
        ...process.env,
        BENCH_OPS: '20',
        BENCH_SKIP_H5: '1',
        BENCH_STAR_MEMBERS: '500',
        BENCH_STAR_RUNS: '1',
        BENCH_SIGNUPS: '200',
        BENCH_COLD_RUNS: '1',
        LOAD_SECONDS: '1',
        LOAD_RATE: '20',
        LOAD_MEMBERS: '30',
        BENCH_OUT: out,
      },
      stdio: 'pipe',
    })

    const results = JSON.parse(readFileSync(out, 'utf8')) as {
      figures: { id?: string; name: string; value: number; ratio?: number; vs?: string }[]
    }
    const figure = (name: string) => results.figures.find((f) => f.name.startsWith(name))
    expect(results.figures.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'earn-purchase, raw better-sqlite3 transaction (baseline)',
        'card verify, bare code check (parse + HMAC)',
        'star adjustment 500 members',
        'star adjustment 1k members',
        'event sign-up burst 200 for 100 places, direct handler (baseline)',
        'event sign-up burst 200 for 100 places, HTTP p50 latency',
        'event sign-up burst 200 for 100 places, HTTP p99 latency',
        'load: rate given (LOAD_RATE, no search)',
      ]),
    )
    // Ratios against the baseline measured in the same run.
    for (const name of [
      'earn-purchase, full handler',
      'card verify, full handler',
      'star adjustment 1k members',
      'event sign-up burst 200 for 100 places, HTTP via the local host',
      'load mix at 20/s: achieved throughput',
    ]) {
      expect(figure(name)?.ratio).toBeGreaterThan(0)
      expect(figure(name)?.vs).toEqual(expect.any(String))
    }
    expect(figure('load mix at 20/s: errors')?.value).toBe(0)
    // Stable ids beside the names, for comparing runs.
    expect(results.figures.map((f) => f.id)).toEqual(
      expect.arrayContaining([
        'earn.ratio',
        'verify.ratio',
        'signup.burst.drain_s',
        'signup.burst.p99_ms',
        'cloudbase.roundtrips.card.verify',
        'cloudbase.roundtrips.counter.points.earnPurchase',
      ]),
    )
    for (const f of results.figures.filter((f) => !f.name.endsWith('errors')))
      expect(f.value).toBeGreaterThan(0)
    rmSync(dir, { recursive: true, force: true })
  })
})
