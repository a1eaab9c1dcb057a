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
        BENCH_OUT: out,
      },
      stdio: 'pipe',
    })

    const results = JSON.parse(readFileSync(out, 'utf8')) as {
      figures: { name: string; value: number }[]
    }
    expect(results.figures.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('handler / raw'),
        'star adjustment 500 members',
        'star adjustment 1k members',
        'star adjustment t(1k)/t(500)',
        'event sign-up burst 200 for 100 places, direct handler (baseline)',
        'event sign-up burst 200 for 100 places, HTTP via the local host',
        'event sign-up burst 200 for 100 places, HTTP p50 latency',
        'event sign-up burst 200 for 100 places, HTTP p99 latency',
        'event sign-up burst 200 for 100 places, HTTP / direct',
      ]),
    )
    for (const figure of results.figures) expect(figure.value).toBeGreaterThan(0)
    rmSync(dir, { recursive: true, force: true })
  })
})
