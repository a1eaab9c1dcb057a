import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { LoadReport } from '../../scripts/load'

/** The load is measured by `npm run load` (and the bench), not here; this keeps the driver honest. */
describe('npm run load', () => {
  it('drives every action of the mix over HTTP and leaves the store consistent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'club-load-test-'))
    const out = join(dir, 'load.json')

    execFileSync('npx', ['tsx', 'scripts/load.ts'], {
      cwd: resolve(__dirname, '../..'),
      env: {
        ...process.env,
        LOAD_SECONDS: '2',
        LOAD_RATE: '20',
        LOAD_MEMBERS: '40',
        LOAD_OUT: out,
      },
      stdio: 'pipe',
    })

    const report = JSON.parse(readFileSync(out, 'utf8')) as LoadReport
    expect(report.final.overall.count).toBe(40)
    expect(report.final.overall.errors).toBe(0)
    expect(report.final.starved).toBe(0)
    for (const kind of ['history', 'mySignups', 'verify', 'earn', 'redeem', 'signUp'] as const)
      expect(report.final.byKind[kind].ok).toBeGreaterThan(0)
    expect(report.invariants).toEqual([])
    rmSync(dir, { recursive: true, force: true })
  })
})
