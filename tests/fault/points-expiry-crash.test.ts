import { creditPoints } from '../../cloudfunctions/_shared/points-credit'
import { shanghaiDate } from '../../src/domain/shared/calendar'
import { activeMembers } from '../support/bulk-members'
import { endHostProcesses, startHostProcess } from '../support/fault-host-process'
import { crashJobMidway, jobUntilDone } from '../support/fault-jobs'
import {
  DEMO_ADMIN,
  faultSize,
  faultStoreFile,
  faultTimeout,
  fileHealth,
  inspect,
  ledgerMismatches,
  prepareStore,
} from '../support/fault-store'
import { addStaff } from '../support/test-deps'

const MEMBERS = faultSize(600)
const DAY = 24 * 60 * 60 * 1000

type Seeded = { memberId: string; expiring: number }

describe('expirePoints under a crash of the local host', () => {
  const scene = faultStoreFile()
  afterAll(() => {
    endHostProcesses()
    scene.cleanup()
  })

  it(
    'resumes after a SIGKILL and expires every lot past its date exactly once, the ledger still adding up to each balance',
    async () => {
      // Each member: a lot earned 13 months ago (expired), one expiring within 30 days (a
      // warning), one from last month (untouched).
      const seeded = await prepareStore(scene.file, async (deps) => {
        const members = await activeMembers(deps, MEMBERS, await addStaff(deps, 'reviewer'))
        const now = Date.now()
        const out: Seeded[] = []
        await deps.store.transaction(async (tx) => {
          for (const [i, m] of members.entries()) {
            const lots = [
              { points: 100 + (i % 50), at: now - 395 * DAY },
              { points: 30, at: now - 350 * DAY },
              { points: 20, at: now - 30 * DAY },
            ]
            for (const [n, lot] of lots.entries()) {
              await creditPoints(tx, {
                entryId: `fault-lot-${i}-${n}`,
                memberId: m.memberId,
                points: lot.points,
                label: 'purchase',
                reference: `fault-purchase-${i}-${n}`,
                actorId: 'staff-fault',
                requestId: null,
                note: null,
                now: new Date(lot.at),
              })
            }
            out.push({ memberId: m.memberId, expiring: lots[0]!.points })
          }
        })
        return out
      })
      const runId = `points-expiry:${shanghaiDate(new Date())}`

      const atCrash = await crashJobMidway(await startHostProcess(scene.file), scene.file, {
        action: 'expirePoints',
        runId,
        step: Math.ceil(MEMBERS / 10),
        killAfter: MEMBERS / 3,
      })
      expect(atCrash.status).toBe('running')
      // The crash leaves a sound file; the next open replays its write-ahead log.
      expect(fileHealth(scene.file)).toEqual({ integrity: 'ok', journalMode: 'wal' })

      const second = await startHostProcess(scene.file)
      const admin = await second.signIn(DEMO_ADMIN)
      const done = await jobUntilDone(second, admin, 'expirePoints', {})
      expect(await jobUntilDone(second, admin, 'expirePoints', {})).toEqual(done)
      // Resumed, not restarted: every account stepped through once over both runs.
      expect(done.processed).toBe(done.total)
      await second.stop()

      inspect(scene.file, (db) => {
        const expiries = db
          .prepare(`SELECT member_id, points, takes_json FROM points_ledger WHERE type = 'expire'`)
          .all() as { member_id: string; points: number; takes_json: string }[]
        // One expiry entry per account at most, and no lot taken by two of them.
        const byMember = new Map(expiries.map((e) => [e.member_id, e]))
        expect(byMember.size).toBe(expiries.length)
        const lotsTaken = expiries.flatMap((e) =>
          (JSON.parse(e.takes_json) as { lotId: string }[]).map((t) => t.lotId),
        )
        expect(new Set(lotsTaken).size).toBe(lotsTaken.length)
        for (const { memberId, expiring } of seeded) {
          expect([memberId, byMember.get(memberId)?.points]).toEqual([memberId, -expiring])
        }
        // The run's totals, carried through the crash in its checkpoint, match the rows.
        expect(done.totals.expiredAccounts).toBe(expiries.length)
        expect(done.totals.expiredPoints).toBe(-expiries.reduce((sum, e) => sum + e.points, 0))
        // One warning per member for the lot expiring within 30 days.
        const warned = db
          .prepare(`SELECT COUNT(*) AS n FROM outbox WHERE kind = 'points.expiring'`)
          .get() as { n: number }
        expect(warned.n).toBe(done.totals.warnings)
        expect(warned.n).toBeGreaterThanOrEqual(MEMBERS)
        expect(ledgerMismatches(db)).toEqual([])
      })
      expect(fileHealth(scene.file)).toEqual({ integrity: 'ok', journalMode: 'wal' })
    },
    faultTimeout(),
  )
})
