import { dirname, join } from 'node:path'
import { openSqliteStore } from '../cloudfunctions/_shared/adapters/sqlite/sqlite-store'
import { createDeps, systemClock } from '../cloudfunctions/_shared/deps'
import { buildLocalHost } from './app'
import { exposureWarning, readConfig } from './config'
import { createDemoClock } from './demo-clock'
import { DEMO_IDENTITIES } from './demo-identities'
import { localHostFunctions } from './functions'
import { createJobPool } from './job-pool'
import { startLocalTimers } from './local-timers'
import { seedDemoData, seedTodaysEvent } from './seed-demo'

/** `npm start`'s server: open (and migrate) the embedded store, seed on first run, listen. */
async function main() {
  const config = readConfig()
  const store = openSqliteStore(config.dbFile)
  // The demo clock (演示时钟) is the clock of everything here; an admin may move it forward.
  const clock = createDemoClock({ file: config.demoClockFile })
  const env = { ...process.env, CLUB_DATA_KEY: config.dataKey }
  const deps = createDeps(store, env, { clock })
  // The jobs and the reports over every member run in a thread of their own, on the same file.
  const jobs = createJobPool({ dbFile: config.dbFile, env }, () => clock.movedByMs)
  const timersOn = process.env.CLUB_TIMERS !== 'off'
  const seeded = await seedDemoData(deps)
  await seedTodaysEvent(deps)
  const app = buildLocalHost({
    // With the timers off, a move of the demo clock runs no job either.
    functions: localHostFunctions(clock, timersOn ? undefined : []),
    deps,
    jobs,
    sessionClock: systemClock,
    sessionSecret: config.sessionSecret,
    identities: DEMO_IDENTITIES,
    h5Dir: config.h5Dir,
    uploadsDir: join(dirname(config.dbFile), 'uploads'),
    allowedHosts: config.allowedHosts,
    revokedSessionsFile: config.revokedSessionsFile,
  })
  // A burst of sign-ups opens thousands of connections at once; Node's default queue is 511.
  await app.listen({ host: config.host, port: config.port, backlog: 4096 })
  // CloudBase's timer triggers, here: CLUB_TIMERS=off leaves the jobs to the admin's buttons.
  const timers = timersOn
    ? startLocalTimers(deps, undefined, (body, caller) => jobs.handle('jobs', body, caller))
    : null
  // The address to open: on a wildcard HOST the loopback one, where the dev sign-in works.
  const listening = config.host.replace(/^\[|\]$/g, '')
  const shown = ['0.0.0.0', '::'].includes(listening) ? '127.0.0.1' : listening
  const url = `http://${shown.includes(':') ? `[${shown}]` : shown}:${config.port}`
  console.log(`零售客户俱乐部 local host ready${seeded ? ' (demo data loaded)' : ''}`)
  console.log(`  store:   ${config.dbFile}`)
  console.log(`  sign in: ${url}/dev/login`)
  console.log(`  app:     ${url}/`)
  const warning = exposureWarning(config)
  if (warning) console.error(warning)
  const stop = async () => {
    timers?.stop()
    await app.close()
    await jobs.close()
    await store.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
