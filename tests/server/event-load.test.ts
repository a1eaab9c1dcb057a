import Database from 'better-sqlite3'
import type { MemberEventView, MySignupView } from '@/contracts/events.contract'
import type { Signup } from '@/domain/event/signup'
import {
  activeMembers,
  openConnections,
  signInAll,
  type SeededMember,
} from '../support/bulk-members'
import { QUEUE_BATCH } from '../../cloudfunctions/_shared/event-queue'
import { aPublishedEvent } from '../support/event-flow'
import { startTestHost } from '../support/local-host-client'
import { newRequestId, sqliteTestDeps } from '../support/test-deps'

const MEMBERS = 2000
const CAPACITY = 100
const CANCELLING = 10

type Reply = { ok: boolean; data?: unknown; error?: { code: string } }
const view = (r: Reply) => r.data as MySignupView

/**
 * SPEC §7 under load, through the local host with real parallel HTTP requests: a burst of
 * simultaneous sign-ups for a first-come event never oversells, queues the rest in arrival order,
 * and cancellations hand places to the first waiting.
 */
describe('event sign-ups through the local host under a burst', () => {
  let t: ReturnType<typeof sqliteTestDeps>
  let host: Awaited<ReturnType<typeof startTestHost>>
  let members: SeededMember[]
  let cookies: string[]
  let eventId: string
  /** The event's version once published: each sign-up saves it once more. */
  let publishedVersion: number
  /** Each member's reply to their sign-up, by member index. */
  let replies: Reply[]
  /** The stored sign-ups right after the burst, by member id. */
  let signupOf: Map<string, Signup>

  const storedSignups = async () =>
    (await t.deps.store.read.signups.forEvent(eventId, null, 0, 10 * MEMBERS)).items
  const storedEvent = async () => (await t.deps.store.read.events.byId(eventId))!

  beforeAll(async () => {
    t = sqliteTestDeps()
    host = await startTestHost(t.deps)
    members = await activeMembers(t.deps, MEMBERS)
    cookies = await signInAll(
      host.signIn,
      members.map((m) => m.openid),
    )
    // One connection per member, open before the burst (see openConnections).
    await openConnections(t.deps, MEMBERS, (i) =>
      host.call(cookies[i]!, 'events', 'signUp', { eventId: 'no-such-event' }, newRequestId()),
    )
    const event = await aPublishedEvent(t.deps, { capacity: CAPACITY })
    eventId = event.id
    publishedVersion = event.version

    replies = await Promise.all(
      cookies.map((cookie) => host.call(cookie, 'events', 'signUp', { eventId }, newRequestId())),
    )
    signupOf = new Map((await storedSignups()).map((s) => [s.memberId, s]))
  }, 60_000)

  afterAll(async () => {
    await host?.close()
    await t?.cleanup()
  })

  it(`gives exactly ${CAPACITY} of ${MEMBERS} simultaneous sign-ups a place and queues the rest in arrival order`, async () => {
    expect(replies.filter((r) => !r.ok)).toEqual([])
    const statuses = replies.map((r) => view(r).status)
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(CAPACITY)
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(MEMBERS - CAPACITY)

    // Arrival numbers 1..MEMBERS, each once; what each member was told is what is stored.
    expect(signupOf.size).toBe(MEMBERS)
    const seqs = members.map((m) => signupOf.get(m.memberId)!.seq)
    expect([...seqs].sort((a, b) => a - b)).toEqual(
      Array.from({ length: MEMBERS }, (_, i) => i + 1),
    )
    members.forEach((m, i) => expect(signupOf.get(m.memberId)!.status).toBe(statuses[i]))

    // The first CAPACITY to arrive hold the places; everyone after waits at seq − CAPACITY.
    members.forEach((m, i) => {
      const seq = signupOf.get(m.memberId)!.seq
      const mine = view(replies[i]!)
      if (seq <= CAPACITY) expect(mine).toMatchObject({ status: 'confirmed', position: null })
      else expect(mine).toMatchObject({ status: 'waitlisted', position: seq - CAPACITY })
    })

    // Saved once per settled batch of the queue (at most QUEUE_BATCH sign-ups), each time from
    // the version before. Its `confirmed` only grew during the burst (nothing was cancelled):
    // ending at capacity, it never passed it.
    const event = await storedEvent()
    expect(event).toMatchObject({ confirmed: CAPACITY, signups: MEMBERS })
    expect(event.version - publishedVersion).toBeGreaterThanOrEqual(MEMBERS / QUEUE_BATCH)
    expect(event.version - publishedVersion).toBeLessThanOrEqual(MEMBERS)
  })

  it(`promotes exactly the next ${CANCELLING} on the waitlist when ${CANCELLING} confirmed members cancel at once`, async () => {
    const bySeq = new Map(members.map((m, i) => [signupOf.get(m.memberId)!.seq, i]))
    // Ten confirmed members spread over the places: seq 5, 15, …, 95.
    const leaving = Array.from({ length: CANCELLING }, (_, k) => bySeq.get(5 + 10 * k)!)

    const cancelled = await Promise.all(
      leaving.map((i) =>
        host.call(cookies[i]!, 'events', 'cancelSignup', { eventId }, newRequestId()),
      ),
    )

    expect(cancelled.filter((r) => !r.ok)).toEqual([])
    expect(cancelled.map((r) => view(r).status)).toEqual(Array(CANCELLING).fill('cancelled'))
    const after = new Map((await storedSignups()).map((s) => [s.seq, s]))
    for (let k = 0; k < CANCELLING; k++) expect(after.get(5 + 10 * k)?.status).toBe('cancelled')
    const promotedSeqs = Array.from({ length: CANCELLING }, (_, k) => CAPACITY + 1 + k)
    for (const seq of promotedSeqs) expect(after.get(seq)?.status).toBe('confirmed')
    const count = (status: string) => [...after.values()].filter((s) => s.status === status).length
    expect(count('confirmed')).toBe(CAPACITY)
    expect(count('cancelled')).toBe(CANCELLING)
    expect(count('waitlisted')).toBe(MEMBERS - CAPACITY - CANCELLING)
    expect((await storedEvent()).confirmed).toBe(CAPACITY)

    // Everyone still waiting moved up by CANCELLING, as each of them sees it.
    const waiting = [...after.values()].filter((s) => s.status === 'waitlisted')
    const details = await Promise.all(
      waiting.map((s) => {
        const i = bySeq.get(s.seq)!
        return host.call(cookies[i]!, 'events', 'detail', { eventId })
      }),
    )
    waiting.forEach((s, k) => {
      const mine = (details[k]!.data as MemberEventView).mine
      expect(mine).toMatchObject({ status: 'waitlisted', position: s.seq - CAPACITY - CANCELLING })
    })

    // One `event.promoted` notice for each promoted member, and no other.
    const db = new Database(t.file, { readonly: true })
    const notices = db
      .prepare(`SELECT member_id FROM outbox WHERE kind = 'event.promoted' ORDER BY member_id`)
      .all() as { member_id: string }[]
    db.close()
    expect(notices.map((n) => n.member_id)).toEqual(
      promotedSeqs.map((seq) => after.get(seq)!.memberId).sort(),
    )
  }, 30_000)

  it('signs a member up once when the same sign-up is sent 20 times with one request id', async () => {
    const other = (await aPublishedEvent(t.deps, { capacity: CAPACITY })).id
    const requestId = newRequestId()

    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        host.call(cookies[0]!, 'events', 'signUp', { eventId: other }, requestId),
      ),
    )

    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1)
    expect(results[0]).toMatchObject({ ok: true, data: { status: 'confirmed' } })
    const stored = await t.deps.store.read.signups.forEvent(other, null, 0, 100)
    expect(stored.items.map((s) => [s.memberId, s.seq])).toEqual([[members[0]!.memberId, 1]])
    expect(await t.deps.store.read.events.byId(other)).toMatchObject({ confirmed: 1, signups: 1 })
  }, 30_000)
})
