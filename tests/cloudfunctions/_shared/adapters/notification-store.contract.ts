import type {
  Broadcast,
  OutboxDelivery,
  OutboxMessage,
  Store,
} from '../../../../cloudfunctions/_shared/ports'
import { claim, settle } from '@/domain/notification/delivery'
import { newBroadcast } from '@/domain/notification/broadcast'

/** What the store contract lends these cases: its store and its run-tagged ids. */
export type NotificationContractKit = {
  store(): Store
  /** An id carrying the run tag, so a shared environment's cleanup finds the row. */
  unique(label: string): string
}

/** Far-future instants that grow with each run: this run's rows are the latest on a shared store. */
const laterThanOthers = () => {
  const base = Date.UTC(4200, 0, 1) + Date.now()
  return (second: number) => new Date(base + second * 1000).toISOString()
}

/**
 * Far-past instants that fall with each run: this run's rows are the earliest, and rows of earlier
 * runs (and every real row) come after them, so a query up to a bound finds this run's only.
 */
const earlierThanOthers = () => {
  const base = Date.UTC(1800, 0, 1) - Date.now() * 10
  return (second: number) => new Date(base + second * 1000).toISOString()
}

/**
 * The outbox's delivery, subscription credits and broadcasts (cloudfunctions/_shared/ports.ts),
 * run by the store contract against every adapter.
 */
export function describeNotificationRepositories(kit: NotificationContractKit): void {
  const aMessage = (overrides: Partial<OutboxMessage> = {}): OutboxMessage => ({
    id: kit.unique('msg'),
    memberId: kit.unique('m'),
    kind: 'points.earned',
    payload: { points: 50, balance: 1200 },
    createdAt: '2026-11-23T02:00:00.000Z',
    status: 'pending',
    ...overrides,
  })
  const add = (...messages: OutboxMessage[]) =>
    kit.store().transaction(async (tx) => {
      for (const message of messages) await tx.outbox.add(message)
    })
  const save = (message: OutboxDelivery) => kit.store().transaction((tx) => tx.outbox.save(message))
  const stored = async (id: string) => (await kit.store().read.outbox.get(id)) as OutboxDelivery

  describe('outbox delivery', () => {
    it('starts a message due when queued, with no attempts, at version 1', async () => {
      const message = aMessage()
      await add(message)

      const delivery = await kit.store().read.outbox.get(message.id)

      expect(delivery).toEqual({
        ...message,
        attempts: 0,
        nextAttemptAt: message.createdAt,
        sentAt: null,
        lastError: null,
        claimedAt: null,
        version: 1,
      })
      expect(await kit.store().read.outbox.get(kit.unique('msg'))).toBeNull()
    })

    it('saves a claim and its end from the version before, and lists the message plainly', async () => {
      const message = aMessage()
      await add(message)
      const claimed = claim(await stored(message.id), new Date('2026-11-23T02:01:00.000Z'))
      const sent = settle(claimed, { ok: true }, new Date('2026-11-23T02:01:02.000Z'))

      const outcomes = [await save(claimed), await save(sent)]

      expect(outcomes).toEqual([{ ok: true }, { ok: true }])
      expect(await stored(message.id)).toEqual(sent)
      expect(await kit.store().read.outbox.forMember(message.memberId)).toEqual([
        { ...message, status: 'sent' },
      ])
    })

    it('refuses a second claim from the same version: only one sender holds a message', async () => {
      const message = aMessage()
      await add(message)
      const read = await stored(message.id)

      const first = await save(claim(read, new Date('2026-11-23T02:01:00.000Z')))
      const second = await save(claim(read, new Date('2026-11-23T02:01:01.000Z')))

      expect([first, second]).toEqual([{ ok: true }, { ok: false, conflict: 'version' }])
      expect((await stored(message.id)).claimedAt).toBe('2026-11-23T02:01:00.000Z')
    })

    it('refuses to save a message that was never queued', async () => {
      const never: OutboxDelivery = {
        ...aMessage({ status: 'sending' }),
        attempts: 1,
        nextAttemptAt: null,
        sentAt: null,
        lastError: null,
        claimedAt: '2026-11-23T02:01:00.000Z',
        version: 2,
      }

      const outcome = await save(never)

      expect(outcome).toEqual({ ok: false, conflict: 'version' })
      expect(await kit.store().read.outbox.get(never.id)).toBeNull()
    })

    it('lists the pending messages due by a time, soonest first then id, up to the limit', async () => {
      const at = earlierThanOthers()
      const prefix = kit.unique('due')
      const tiedB = aMessage({ id: `${prefix}-b`, createdAt: at(1) })
      const tiedA = aMessage({ id: `${prefix}-a`, createdAt: at(1) })
      const first = aMessage({ id: `${prefix}-c`, createdAt: at(0) })
      const notYet = aMessage({ id: `${prefix}-d`, createdAt: at(5) })
      const claimedOne = aMessage({ id: `${prefix}-e`, createdAt: at(0) })
      await add(tiedB, notYet, first, claimedOne, tiedA)
      await save(claim(await stored(claimedOne.id), new Date(at(2))))

      const due = await kit.store().read.outbox.due(at(2), 10)
      const firstTwo = await kit.store().read.outbox.due(at(2), 2)

      expect(due.map((m) => m.id)).toEqual([first.id, tiedA.id, tiedB.id])
      expect(firstTwo.map((m) => m.id)).toEqual([first.id, tiedA.id])
    })

    it('lists the claims made at or before a time and never settled, oldest first', async () => {
      const at = earlierThanOthers()
      const prefix = kit.unique('stuck')
      const [old, older, fresh, settled] = ['b', 'a', 'c', 'd'].map((s) =>
        aMessage({ id: `${prefix}-${s}`, createdAt: at(0) }),
      ) as [OutboxMessage, OutboxMessage, OutboxMessage, OutboxMessage]
      await add(old, older, fresh, settled)
      await save(claim(await stored(old.id), new Date(at(20))))
      await save(claim(await stored(older.id), new Date(at(10))))
      await save(claim(await stored(fresh.id), new Date(at(40))))
      const claimedSettled = claim(await stored(settled.id), new Date(at(10)))
      await save(claimedSettled)
      await save(settle(claimedSettled, { ok: true }, new Date(at(11))))

      const stuck = await kit.store().read.outbox.stuck(at(20), 10)

      expect(stuck.map((m) => m.id)).toEqual([older.id, old.id])
    })

    it('lists the sent messages, most recently sent first, up to the limit', async () => {
      const at = laterThanOthers()
      const [early, late, pending] = [aMessage(), aMessage(), aMessage()]
      await add(early, late, pending)
      for (const [message, second] of [
        [late, 9],
        [early, 5],
      ] as const) {
        const claimed = claim(await stored(message.id), new Date(at(second - 1)))
        await save(claimed)
        await save(settle(claimed, { ok: true }, new Date(at(second))))
      }

      const sent = await kit.store().read.outbox.recentlySent(2)

      expect(sent.map((m) => [m.id, m.sentAt])).toEqual([
        [late.id, at(9)],
        [early.id, at(5)],
      ])
    })

    it('refuses delivery writes through read', async () => {
      const message = aMessage()
      await add(message)
      const claimed = claim(await stored(message.id), new Date())

      await expect(kit.store().read.outbox.save(claimed)).rejects.toThrow()
      expect((await stored(message.id)).status).toBe('pending')
    })
  })

  describe('subscriptions', () => {
    const AT = '2026-11-23T02:00:00.000Z'
    const grant = (memberId: string, template: 'points' | 'star', count = 1) =>
      kit.store().transaction((tx) => tx.subscriptions.grant(memberId, template, count, AT))
    const take = (memberId: string, template: 'points' | 'star') =>
      kit.store().transaction((tx) => tx.subscriptions.take(memberId, template, AT))

    it('holds nothing for a member who never subscribed', async () => {
      const memberId = kit.unique('m')

      expect(await kit.store().read.subscriptions.credits(memberId)).toEqual({})
      expect(await take(memberId, 'points')).toBe(false)
      expect(await kit.store().read.subscriptions.credits(memberId)).toEqual({})
    })

    it('adds up the sends granted per template', async () => {
      const memberId = kit.unique('m')

      await grant(memberId, 'points')
      await grant(memberId, 'points', 2)
      await grant(memberId, 'star')

      expect(await kit.store().read.subscriptions.credits(memberId)).toEqual({ points: 3, star: 1 })
    })

    it('uses one send at a time and never goes below zero', async () => {
      const memberId = kit.unique('m')
      await grant(memberId, 'points', 2)

      const taken = [
        await take(memberId, 'points'),
        await take(memberId, 'points'),
        await take(memberId, 'points'),
      ]

      expect(taken).toEqual([true, true, false])
      expect(await kit.store().read.subscriptions.credits(memberId)).toEqual({ points: 0 })
    })

    it('gives the send back when the work that used it throws', async () => {
      const memberId = kit.unique('m')
      await grant(memberId, 'star')

      const run = kit.store().transaction(async (tx) => {
        await tx.subscriptions.take(memberId, 'star', AT)
        throw new Error('work failed after taking')
      })

      await expect(run).rejects.toThrow('work failed after taking')
      expect(await kit.store().read.subscriptions.credits(memberId)).toEqual({ star: 1 })
    })

    it('lists the holders of a template after a cursor, in id order, up to the limit', async () => {
      const prefix = kit.unique('holder')
      const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((s) => `${prefix}-${s}`) as [
        string,
        string,
        string,
        string,
      ]
      await grant(d, 'points')
      await grant(b, 'points')
      await grant(a, 'points')
      await grant(c, 'star')
      await grant(`${prefix}-e`, 'points')
      await take(`${prefix}-e`, 'points')

      const all = await kit.store().read.subscriptions.holdersAfter('points', prefix, 10)
      const afterA = await kit.store().read.subscriptions.holdersAfter('points', a, 1)

      expect(all).toEqual([a, b, d])
      expect(afterA).toEqual([b])
    })

    it('refuses credit writes through read', async () => {
      const memberId = kit.unique('m')

      await expect(
        kit.store().read.subscriptions.grant(memberId, 'points', 1, AT),
      ).rejects.toThrow()
      expect(await kit.store().read.subscriptions.credits(memberId)).toEqual({})
    })
  })

  describe('broadcasts', () => {
    const NOW = new Date('2026-11-23T02:00:00.000Z')
    const aBroadcast = (overrides: Partial<Broadcast> = {}): Broadcast => ({
      ...newBroadcast(
        {
          id: kit.unique('bc'),
          kind: 'event.published',
          template: 'eventNew',
          payload: { eventId: 'ev-1', title: '新品品鉴会' },
          audience: { clubOnly: true, minStar: 3 },
        },
        NOW,
      ),
      ...overrides,
    })
    const addBroadcast = (b: Broadcast) => kit.store().transaction((tx) => tx.broadcasts.add(b))

    it('adds a broadcast once and reads it back whole', async () => {
      const broadcast = aBroadcast()

      const added = [await addBroadcast(broadcast), await addBroadcast({ ...broadcast, kind: 'x' })]

      expect(added).toEqual([true, false])
      expect(await kit.store().read.broadcasts.get(broadcast.id)).toEqual(broadcast)
      expect(await kit.store().read.broadcasts.get(kit.unique('bc'))).toBeNull()
    })

    it('saves a broadcast only from the version before', async () => {
      const broadcast = aBroadcast({ audience: null })
      await addBroadcast(broadcast)
      const advanced = { ...broadcast, cursor: 'm-9', fannedOut: 3, version: 2 }

      const outcomes = [
        await kit.store().transaction((tx) => tx.broadcasts.save(advanced)),
        await kit.store().transaction((tx) => tx.broadcasts.save(advanced)),
      ]

      expect(outcomes).toEqual([{ ok: true }, { ok: false, conflict: 'version' }])
      expect(await kit.store().read.broadcasts.get(broadcast.id)).toEqual(advanced)
    })

    it('lists the open broadcasts, oldest first', async () => {
      const at = earlierThanOthers()
      const older = aBroadcast({ createdAt: at(0) })
      const newer = aBroadcast({ createdAt: at(1) })
      const done = aBroadcast({ createdAt: at(0), status: 'done' })
      for (const b of [newer, done, older]) await addBroadcast(b)

      const open = await kit.store().read.broadcasts.open(2)

      expect(open.map((b) => b.id)).toEqual([older.id, newer.id])
    })
  })
}
