import { copyFileSync } from 'node:fs'
import { openSqliteStore } from '../../cloudfunctions/_shared/adapters/sqlite/sqlite-store'
import type { Caller } from '../../cloudfunctions/_shared/caller'
import { createDeps } from '../../cloudfunctions/_shared/deps'
import { adjustStars, adjustmentRunId } from '../../cloudfunctions/_shared/use-cases/adjust-stars'
import type { JobProgress } from '../../src/contracts/jobs.contract'
import { shanghaiYear } from '../../src/domain/shared/calendar'
import { seedStarAdjustment } from '../../scripts/bench-star-seed'
import { endHostProcesses, startHostProcess } from '../support/fault-host-process'
import { crashJobMidway, jobUntilDone } from '../support/fault-jobs'
import {
  DEMO_ADMIN,
  faultSize,
  faultStoreFile,
  faultTimeout,
  fileHealth,
  inspect,
  prepareStore,
} from '../support/fault-store'
import { TEST_DATA_KEY } from '../support/test-deps'

const SYSTEM: Caller = { openid: '', unionid: null, system: true }
/** The host runs on the real clock, so the evaluated year is the one just ended. */
const EVALUATED_YEAR = shanghaiYear(new Date()) - 1
const NEW_YEAR = EVALUATED_YEAR + 1
const MEMBERS = faultSize(3_000)

type Outcome = {
  processed: number
  stars: string[]
  notices: string[]
  totals: Record<string, number>
}

/** The stars of the new year and the adjustment's notices, as comparable sorted lists. */
function outcomeOf(file: string, progress: JobProgress): Outcome {
  return inspect(file, (db) => ({
    processed: progress.processed,
    stars: (
      db
        .prepare('SELECT member_id, star, source FROM member_stars WHERE year = ? ORDER BY 1')
        .all(NEW_YEAR) as { member_id: string; star: number; source: string }[]
    ).map((r) => `${r.member_id} ${r.star} ${r.source}`),
    notices: (
      db
        .prepare(
          `SELECT id, member_id, kind FROM outbox
           WHERE id LIKE 'star-new:%' OR id LIKE 'club-%' ORDER BY id`,
        )
        .all() as { id: string; member_id: string; kind: string }[]
    ).map((r) => `${r.id} ${r.member_id} ${r.kind}`),
    totals: progress.totals,
  }))
}

/** The same adjustment on a copy of the file, run to the end in this process without a crash. */
async function cleanRun(file: string): Promise<Outcome> {
  const store = openSqliteStore(file)
  const deps = createDeps(store, { CLUB_DATA_KEY: TEST_DATA_KEY })
  let progress: JobProgress
  do {
    const res = await adjustStars(deps, SYSTEM, { year: EVALUATED_YEAR })
    if (!res.ok) throw new Error(JSON.stringify(res.error))
    progress = res.data
  } while (progress.status !== 'done')
  await store.close()
  return outcomeOf(file, progress)
}

describe('adjustStars under a crash of the local host', () => {
  const scene = faultStoreFile()
  afterAll(() => {
    endHostProcesses()
    scene.cleanup()
  })

  it(
    'resumes from its checkpoint after a SIGKILL and ends as a clean run would: one star per member, the same totals, no notice twice',
    async () => {
      await openSqliteStore(scene.file).close()
      seedStarAdjustment(scene.file, MEMBERS, EVALUATED_YEAR)
      await prepareStore(scene.file, async () => undefined)
      const cleanFile = `${scene.dir}/clean.db`
      copyFileSync(scene.file, cleanFile)
      const clean = await cleanRun(cleanFile)
      const adjusted = clean.processed
      expect(adjusted).toBeGreaterThan(MEMBERS)

      // Run 1: steps of a tenth of the members, one after another, killed a third of the way in.
      const atCrash = await crashJobMidway(
        await startHostProcess(scene.file),
        scene.file,
        {
          action: 'adjustStars',
          runId: adjustmentRunId(NEW_YEAR),
          step: Math.ceil(MEMBERS / 10),
          killAfter: MEMBERS / 3,
        },
        { year: EVALUATED_YEAR },
      )
      expect(atCrash.status).toBe('running')
      expect(atCrash.processed).toBeLessThan(adjusted)
      expect(fileHealth(scene.file)).toEqual({ integrity: 'ok', journalMode: 'wal' })
      // Whatever the crash interrupted was rolled back with its checkpoint: no seeded member past
      // the checkpoint has a star for the new year yet.
      const pastCheckpoint = inspect(
        scene.file,
        (db) =>
          db
            .prepare(
              `SELECT COUNT(*) AS n FROM member_stars
               WHERE year = ? AND member_id > ? AND member_id LIKE 'm-%'`,
            )
            .get(NEW_YEAR, atCrash.cursor) as { n: number },
      )
      expect(pastCheckpoint.n).toBe(0)

      // Run 2: the same file, the job called again until it is done.
      const second = await startHostProcess(scene.file)
      const admin = await second.signIn(DEMO_ADMIN)
      const done = await jobUntilDone(second, admin, 'adjustStars', { year: EVALUATED_YEAR })
      // A finished run changes nothing when called again.
      expect(await jobUntilDone(second, admin, 'adjustStars', { year: EVALUATED_YEAR })).toEqual(
        done,
      )
      await second.stop()

      expect(outcomeOf(scene.file, done)).toEqual(clean)
      expect(fileHealth(scene.file)).toEqual({ integrity: 'ok', journalMode: 'wal' })
    },
    faultTimeout(),
  )
})
