import { closeAccount, type Closure } from '../../../cloudfunctions/_shared/account-closure'
import type { Deps } from '../../../cloudfunctions/_shared/ports'
import { signUpForEvent } from '../../../cloudfunctions/_shared/use-cases/event-signup'
import { aPublishedEvent } from '../../support/event-flow'
import { aMemberAtTheCounter, purchaseOf } from '../../support/points-flow'
import { anActiveMember, callerOf } from '../../support/registration-flow'
import { inClubState } from '../../support/star-flow'
import { addStaff, newRequestId, testDeps } from '../../support/test-deps'

const DAY = 24 * 60 * 60 * 1000

describe('closeAccount', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-11-23T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  /** Closes the member's account in a transaction of its own, as a sanction or withdrawal would. */
  async function closed(deps: Deps, memberId: string, changes: Partial<Closure> = {}) {
    return deps.store.transaction(async (tx) => {
      const member = (await tx.members.byId(memberId))!
      return closeAccount(tx, {
        member,
        status: 'cancelled',
        entryId: `closure-test-${memberId}`,
        actorId: 'staff-admin',
        requestId: 'req-closure-1',
        now: deps.clock.now(),
        ...changes,
      })
    })
  }
  const signUp = (openid: string, eventId: string) =>
    signUpForEvent(t.deps, callerOf(openid), { eventId, acknowledged: false }, newRequestId())

  it('clears the balance with one adjust entry labelled closure, oldest lots first; the ledger still sums to it', async () => {
    const { member, clerk } = await aMemberAtTheCounter(t.deps)
    await purchaseOf(t.deps, clerk.openid, member.cardNo!, 700)
    t.clock.set('2026-11-24T02:00:00.000Z')
    await purchaseOf(t.deps, clerk.openid, member.cardNo!, 500)
    const lots = (await t.deps.store.read.points.account(member.id))!.lots
    // A minute on: the closure is the newest entry of the history.
    t.clock.set('2026-11-24T02:01:00.000Z')

    await closed(t.deps, member.id)

    const account = await t.deps.store.read.points.account(member.id)
    expect(account).toMatchObject({ balance: 0, lots: [] })
    expect(await t.deps.store.read.points.ledgerSum(member.id)).toBe(0)
    const [entry] = (await t.deps.store.read.points.history(member.id, 0, 1)).items
    expect(entry).toEqual({
      id: `closure-test-${member.id}`,
      memberId: member.id,
      type: 'adjust',
      label: 'closure',
      points: -1200,
      reference: `closure:${member.id}`,
      actorId: 'staff-admin',
      requestId: 'req-closure-1',
      at: '2026-11-24T02:01:00.000Z',
      takes: lots.map((l) => ({
        lotId: l.id,
        earnedAt: l.earnedAt,
        expiresAt: l.expiresAt,
        points: l.remaining,
      })),
      lotId: null,
      note: null,
    })
    expect(entry!.takes.map((take) => take.points)).toEqual([700, 500])
  })

  it('writes no ledger entry when there is nothing to clear', async () => {
    const { member } = await aMemberAtTheCounter(t.deps)

    await closed(t.deps, member.id)

    expect((await t.deps.store.read.points.history(member.id, 0, 10)).total).toBe(0)
  })

  it.each(['cancelled', 'withdrawn'] as const)(
    'closes the account as %s: the card revoked, the club cancelled, the member the next version',
    async (status) => {
      const { member } = await aMemberAtTheCounter(t.deps)
      await inClubState(t.deps, member.id, 'active')

      const result = await closed(t.deps, member.id, { status })

      const stored = await t.deps.store.read.members.byId(member.id)
      expect(result).toEqual({ ok: true, data: stored })
      expect(stored).toMatchObject({
        status,
        version: member.version + 1,
        updatedAt: '2026-11-23T02:00:00.000Z',
      })
      expect((await t.deps.store.read.cards.byCardNo(member.cardNo!))?.status).toBe('revoked')
      expect((await t.deps.store.read.clubs.byMember(member.id))?.state).toBe('cancelled')
    },
  )

  it('leaves a member who never applied to the club without a club membership to cancel', async () => {
    const { member } = await aMemberAtTheCounter(t.deps)
    await inClubState(t.deps, member.id, 'none')

    await closed(t.deps, member.id)

    expect((await t.deps.store.read.clubs.byMember(member.id))?.state).toBe('none')
  })

  it('gives up places in events not yet over: a confirmed place goes to the first waitlisted', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const [closing, first, second] = [
      await anActiveMember(t.deps, reviewer),
      await anActiveMember(t.deps, reviewer),
      await anActiveMember(t.deps, reviewer),
    ]
    const full = await aPublishedEvent(t.deps, { capacity: 1 })
    for (const m of [closing!, first!, second!]) await signUp(m.openid, full.id)

    await closed(t.deps, closing!.memberId)

    const statuses = await Promise.all(
      [closing!, first!, second!].map(
        async (m) => (await t.deps.store.read.signups.get(full.id, m.memberId))?.status,
      ),
    )
    expect(statuses).toEqual(['cancelled', 'confirmed', 'waitlisted'])
    expect((await t.deps.store.read.events.byId(full.id))?.confirmed).toBe(1)
    expect(await t.deps.store.read.outbox.forMember(first!.memberId)).toContainEqual(
      expect.objectContaining({
        kind: 'event.promoted',
        payload: expect.objectContaining({ eventId: full.id }),
      }),
    )
  })

  it('gives up a waitlisted place without moving anyone, and keeps sign-ups of events already over', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const [holder, closing] = [
      await anActiveMember(t.deps, reviewer),
      await anActiveMember(t.deps, reviewer),
    ]
    const now = t.deps.clock.now().getTime()
    const soon = await aPublishedEvent(t.deps, { capacity: 5 })
    const later = await aPublishedEvent(t.deps, {
      capacity: 1,
      startAt: new Date(now + 20 * DAY).toISOString(),
      endAt: new Date(now + 20 * DAY + 3 * 3600_000).toISOString(),
    })
    await signUp(closing!.openid, soon.id)
    await signUp(holder!.openid, later.id)
    await signUp(closing!.openid, later.id)
    t.clock.set(new Date(now + 9 * DAY).toISOString())

    await closed(t.deps, closing!.memberId)

    expect(await t.deps.store.read.signups.get(soon.id, closing!.memberId)).toMatchObject({
      status: 'confirmed',
    })
    expect(await t.deps.store.read.signups.get(later.id, closing!.memberId)).toMatchObject({
      status: 'cancelled',
    })
    expect(await t.deps.store.read.signups.get(later.id, holder!.memberId)).toMatchObject({
      status: 'confirmed',
    })
    expect((await t.deps.store.read.events.byId(later.id))?.confirmed).toBe(1)
  })

  it('writes nothing when the transaction around it fails', async () => {
    const { member, clerk } = await aMemberAtTheCounter(t.deps)
    await purchaseOf(t.deps, clerk.openid, member.cardNo!, 300)
    await inClubState(t.deps, member.id, 'active')
    const before = t.snapshot()

    const attempt = t.deps.store.transaction(async (tx) => {
      const current = (await tx.members.byId(member.id))!
      await closeAccount(tx, {
        member: current,
        status: 'withdrawn',
        entryId: 'closure-aborted',
        actorId: member.id,
        requestId: null,
        now: t.deps.clock.now(),
      })
      throw new Error('a later step failed')
    })

    await expect(attempt).rejects.toThrow('a later step failed')
    expect(t.snapshot()).toEqual(before)
  })

  it('refuses a stale member record rather than overwrite a newer one', async () => {
    const { member } = await aMemberAtTheCounter(t.deps)
    const stale = { ...member, version: member.version - 1 }

    const result = await t.deps.store.transaction((tx) =>
      closeAccount(tx, {
        member: stale,
        status: 'cancelled',
        entryId: 'closure-stale',
        actorId: 'staff-admin',
        requestId: null,
        now: t.deps.clock.now(),
      }),
    )

    expect(result).toMatchObject({ ok: false, error: { code: 'SYS.CONFLICT' } })
  })
})
