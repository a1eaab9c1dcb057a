import type { MySignupView } from '../../src/contracts/events.contract'
import { activeMembers, signInAll } from '../support/bulk-members'
import { aPublishedEvent } from '../support/event-flow'
import {
  endHostProcesses,
  startHostProcess,
  type Envelope,
  type HostProcess,
} from '../support/fault-host-process'
import {
  faultSize,
  faultStoreFile,
  faultTimeout,
  fileHealth,
  inspect,
  prepareStore,
  untilCount,
} from '../support/fault-store'
import { addStaff } from '../support/test-deps'

/** Several groups of the store's group commit (64 transactions each), so a kill lands mid-burst. */
const MEMBERS = faultSize(400)
const CAPACITY = faultSize(100)

describe('events.signUp under a crash of the local host', () => {
  const scene = faultStoreFile()
  afterAll(() => {
    endHostProcesses()
    scene.cleanup()
  })

  it(
    'never confirms more than the places through a SIGKILL mid-burst; counters equal the rows, acknowledged sign-ups stay, retries add nothing',
    async () => {
      const { eventId, openids } = await prepareStore(scene.file, async (deps) => {
        const members = await activeMembers(deps, MEMBERS, await addStaff(deps, 'reviewer'))
        const event = await aPublishedEvent(deps, { capacity: CAPACITY })
        return { eventId: event.id, openids: members.map((m) => m.openid) }
      })
      const requestIdOf = (i: number) => `fault-signup-${i}`
      const sendOne = (host: HostProcess, cookie: string, i: number) =>
        host.call(cookie, 'events', 'signUp', { eventId, acknowledged: true }, requestIdOf(i))
      const send = (host: HostProcess, cookies: string[]) =>
        cookies.map((cookie, i) => sendOne(host, cookie, i))

      // Half the members at once; once their first answers are in, the other half is sent and
      // the host killed with it on the way: a burst that one group commit may answer whole
      // (64 turns of 25) still has requests in flight when the host dies.
      const first = await startHostProcess(scene.file)
      const firstCookies = await signInAll(first.signIn, openids)
      const acknowledged = new Map<number, MySignupView>()
      const refused: Envelope[] = []
      const track = (sent: Promise<Envelope>, i: number) =>
        sent.then(
          (res) => {
            if (res.ok) acknowledged.set(i, res.data as MySignupView)
            else refused.push(res)
          },
          () => undefined,
        )
      const half = Math.floor(MEMBERS / 2)
      const burst = firstCookies
        .slice(0, half)
        .map((cookie, i) => track(sendOne(first, cookie, i), i))
      await untilCount(() => acknowledged.size + refused.length, 1)
      for (let i = half; i < MEMBERS; i++) burst.push(track(sendOne(first, firstCookies[i]!, i), i))
      await first.kill()
      await Promise.all(burst)
      expect(refused).toEqual([])
      expect(acknowledged.size).toBeLessThan(MEMBERS)
      expect(fileHealth(scene.file)).toEqual({ integrity: 'ok', journalMode: 'wal' })

      const signups = () =>
        inspect(scene.file, (db) => ({
          rows: db
            .prepare(
              `SELECT s.member_id AS memberId, s.status, s.seq FROM event_signups s
               WHERE s.event_id = ? ORDER BY s.seq`,
            )
            .all(eventId) as { memberId: string; status: string; seq: number }[],
          event: db.prepare('SELECT confirmed, doc_json FROM events WHERE id = ?').get(eventId) as {
            confirmed: number
            doc_json: string
          },
          memberOf: new Map(
            (
              db.prepare('SELECT id, openid FROM members').all() as { id: string; openid: string }[]
            ).map((m) => [m.openid, m.id]),
          ),
        }))
      const consistent = (state: ReturnType<typeof signups>) => {
        const confirmed = state.rows.filter((r) => r.status === 'confirmed').length
        expect(confirmed).toBeLessThanOrEqual(CAPACITY)
        expect(state.event.confirmed).toBe(confirmed)
        expect((JSON.parse(state.event.doc_json) as { signups: number }).signups).toBe(
          state.rows.length,
        )
        // Arrival numbers 1…n without a gap: no sign-up half written.
        expect(state.rows.map((r) => r.seq)).toEqual(state.rows.map((_, i) => i + 1))
      }

      // After the crash: consistent, and every acknowledged sign-up is there as answered.
      const atCrash = signups()
      consistent(atCrash)
      const statusOf = new Map(atCrash.rows.map((r) => [r.memberId, r.status]))
      for (const [i, view] of acknowledged) {
        const memberId = atCrash.memberOf.get(openids[i]!)!
        expect([i, statusOf.get(memberId)]).toEqual([i, view.status])
      }

      // Everyone sends again after the restart: the answered repeat their first answer, the rest
      // sign up now; one row per member, places still capped.
      const second = await startHostProcess(scene.file)
      const resent = await Promise.all(send(second, await signInAll(second.signIn, openids)))
      await second.stop()
      expect(resent.filter((r) => !r.ok)).toEqual([])
      for (const [i, view] of acknowledged) expect(resent[i]!.data).toEqual(view)
      const after = signups()
      consistent(after)
      expect(after.rows).toHaveLength(MEMBERS)
      expect(after.rows.filter((r) => r.status === 'confirmed')).toHaveLength(CAPACITY)
      expect(fileHealth(scene.file)).toEqual({ integrity: 'ok', journalMode: 'wal' })
    },
    faultTimeout(),
  )
})
