import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { AddressInfo } from 'node:net'
import { openSqliteStore } from '../../../cloudfunctions/_shared/adapters/sqlite/sqlite-store'
import { createDeps, systemClock } from '../../../cloudfunctions/_shared/deps'
import { buildLocalHost } from '../../../server/app'
import { createDemoClock } from '../../../server/demo-clock'
import { DEMO_IDENTITIES } from '../../../server/demo-identities'
import { localHostFunctions } from '../../../server/functions'
import { createJobPool } from '../../../server/job-pool'
import { seedDemoData, seedTodaysEvent } from '../../../server/seed-demo'
import { TEST_DATA_KEY } from '../../support/test-deps'
import type { Browser } from 'playwright-core'
import { launchChromium } from './browser'

export const H5_DIR = resolve(__dirname, '../../../dist-h5')

/**
 * The real local host (H5 build + functions on a fresh SQLite file with demo data, on a demo clock
 * that starts at the real time, the jobs and reports in their own thread) on a free port, as
 * `npm start` builds it.
 */
export async function startLocalHost() {
  if (!existsSync(join(H5_DIR, 'index.html'))) {
    throw new Error('dist-h5/ is missing: run `npm run build:h5` first (npm test does)')
  }
  const dir = mkdtempSync(join(tmpdir(), 'club-e2e-'))
  const dbFile = join(dir, 'club.db')
  const store = openSqliteStore(dbFile)
  const clock = createDemoClock({ file: join(dir, 'demo-clock.json') })
  const env = { CLUB_DATA_KEY: TEST_DATA_KEY }
  const deps = createDeps(store, env, { clock })
  const jobs = createJobPool({ dbFile, env }, () => clock.movedByMs)
  await seedDemoData(deps)
  await seedTodaysEvent(deps)
  const app = buildLocalHost({
    functions: localHostFunctions(clock),
    deps,
    jobs,
    sessionClock: systemClock,
    sessionSecret: 'e2e-session-secret-e2e-session-secret',
    identities: DEMO_IDENTITIES,
    h5Dir: H5_DIR,
    uploadsDir: join(dir, 'uploads'),
  })
  await app.listen({ host: '127.0.0.1', port: 0, backlog: 4096 })
  const { port } = app.server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    deps,
    clock,
    async stop() {
      await app.close()
      await jobs.close()
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Starts the local host and Chromium before the file's tests, and stops both after. */
export function useLocalHostAndBrowser() {
  const world = {} as { host: Awaited<ReturnType<typeof startLocalHost>>; browser: Browser }
  beforeAll(async () => {
    world.host = await startLocalHost()
    world.browser = await launchChromium()
  })
  afterAll(async () => {
    await world.browser?.close()
    await world.host?.stop()
  })
  return world
}
