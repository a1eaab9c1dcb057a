import { aContractMember } from './contract-member'
import type { MemberRecord, Store } from '../../../../cloudfunctions/_shared/ports'
import type { Appeal, Sanction } from '@/domain/discipline/sanction'
import { CONTRACT_RUN_TAG } from './store.contract'

let serial = 0
/** Ids carry the run tag, so a shared CloudBase environment's cleanup finds this run's rows. */
const unique = (label: string) => `${label}-${CONTRACT_RUN_TAG}-s${++serial}`

function anActiveMember(): MemberRecord {
  return aContractMember(unique('m'), { status: 'active' })
}

function aSanction(memberId: string, overrides: Partial<Sanction> = {}): Sanction {
  return {
    id: unique('sn'),
    memberId,
    kind: 'suspension',
    reason: '转卖兑换券',
    endsOn: '2027-04-10',
    issuedBy: 'staff-admin',
    issuedAt: '2027-03-15T06:30:00.000Z',
    state: 'in_force',
    appeal: null,
    version: 1,
    ...overrides,
  }
}

const anAppeal = (filedAt: string, overrides: Partial<Appeal> = {}): Appeal => ({
  text: '兑换券是转送亲属，并非转卖',
  filedAt,
  decision: null,
  note: null,
  decidedBy: null,
  decidedAt: null,
  ...overrides,
})

/** The sanction as its next version, changed by `changes`. */
const next = (s: Sanction, changes: Partial<Sanction>): Sanction => ({
  ...s,
  ...changes,
  version: s.version + 1,
})

/** Instants later than any other run's (and growing with each run): this run's rows sort last. */
const laterThanOthers = () => {
  const base = Date.UTC(4000, 0, 1) + Date.now()
  return (second: number) => new Date(base + second * 1000).toISOString()
}

/**
 * The sanction repository's semantics (cloudfunctions/_shared/ports.ts `SanctionRepository`), run
 * against every adapter. `open` gives a store that may already hold other data.
 */
export function describeSanctionRepositoryContract(
  name: string,
  open: () => Promise<{ store: Store; cleanup(): Promise<void> }>,
): void {
  describe(`Sanction repository contract (${name})`, () => {
    let store: Store
    let cleanup: () => Promise<void>
    beforeEach(async () => {
      ;({ store, cleanup } = await open())
    })
    afterEach(() => cleanup())

    const aMember = async () => {
      const member = anActiveMember()
      await store.transaction((tx) => tx.members.insert(member))
      return member.id
    }
    const save = (sanction: Sanction) => store.transaction((tx) => tx.sanctions.save(sanction))

    it('reads back a saved sanction by id, and its appeal and decision as later versions', async () => {
      const sanction = aSanction(await aMember())
      const appealed = next(sanction, { appeal: anAppeal('2027-03-16T02:00:00.000Z') })
      const decided = next(appealed, {
        state: 'overturned',
        appeal: anAppeal('2027-03-16T02:00:00.000Z', {
          decision: 'overturned',
          note: '核实为误判',
          decidedBy: 'staff-a2',
          decidedAt: '2027-03-18T03:00:00.000Z',
        }),
      })

      const outcomes = [await save(sanction)]
      const first = await store.read.sanctions.byId(sanction.id)
      outcomes.push(await save(appealed))
      const second = await store.read.sanctions.byId(sanction.id)
      outcomes.push(await save(decided))

      expect(outcomes).toEqual([{ ok: true }, { ok: true }, { ok: true }])
      expect([first, second]).toEqual([sanction, appealed])
      expect(await store.read.sanctions.byId(sanction.id)).toEqual(decided)
      expect(await store.read.sanctions.byId(unique('sn'))).toBeNull()
    })

    it('keeps a warning’s and a cancellation’s missing end date as null', async () => {
      const memberId = await aMember()
      const warning = aSanction(memberId, { kind: 'warning', endsOn: null })
      const cancellation = aSanction(memberId, { kind: 'cancellation', endsOn: null })

      await save(warning)
      await save(cancellation)

      expect(await store.read.sanctions.byId(warning.id)).toEqual(warning)
      expect(await store.read.sanctions.byId(cancellation.id)).toEqual(cancellation)
    })

    it('refuses a stale, a skipped or a repeated first save and keeps the stored sanction', async () => {
      const sanction = aSanction(await aMember())
      await save(sanction)
      const appealed = next(sanction, { appeal: anAppeal('2027-03-16T02:00:00.000Z') })
      await save(appealed)

      const stale = await save(next(sanction, { state: 'ended' }))
      const skipped = await save({ ...appealed, state: 'ended', version: 4 })
      const repeated = await save({ ...sanction, reason: '另一个原因' })

      expect([stale, skipped, repeated]).toEqual(Array(3).fill({ ok: false, conflict: 'version' }))
      expect(await store.read.sanctions.byId(sanction.id)).toEqual(appealed)
    })

    it('writes nothing when the transaction fails', async () => {
      const sanction = aSanction(await aMember())

      await expect(
        store.transaction(async (tx) => {
          await tx.sanctions.save(sanction)
          throw new Error('boom')
        }),
      ).rejects.toThrow('boom')

      expect(await store.read.sanctions.byId(sanction.id)).toBeNull()
    })

    it("lists a member's sanctions newest first, ties by id descending, and nobody else's", async () => {
      const memberId = await aMember()
      const prefix = unique('sn')
      const oldest = aSanction(memberId, {
        id: `${prefix}-c`,
        issuedAt: '2027-01-01T02:00:00.000Z',
      })
      const tiedLow = aSanction(memberId, {
        id: `${prefix}-a`,
        issuedAt: '2027-02-01T02:00:00.000Z',
      })
      const tiedHigh = aSanction(memberId, {
        id: `${prefix}-b`,
        issuedAt: '2027-02-01T02:00:00.000Z',
      })
      const newest = aSanction(memberId, {
        id: `${prefix}-d`,
        issuedAt: '2027-03-01T02:00:00.000Z',
      })
      const elsewhere = aSanction(await aMember())
      for (const s of [tiedLow, newest, elsewhere, oldest, tiedHigh]) await save(s)

      const listed = await store.read.sanctions.forMember(memberId)

      expect(listed).toEqual([newest, tiedHigh, tiedLow, oldest])
      expect(await store.read.sanctions.forMember(await aMember())).toEqual([])
    })

    it('queues appeals awaiting a decision oldest first, then by id, a page at a time, with the total', async () => {
      // Appeals later than any other run's keep this run's rows last on a shared environment.
      const at = laterThanOthers()
      const before = (await store.read.sanctions.appealsPending(0, 1)).total
      const memberId = await aMember()
      const prefix = unique('sn')
      const appealedAs = (id: string, filedAt: string, decision: Appeal['decision'] = null) =>
        aSanction(memberId, {
          id: `${prefix}-${id}`,
          appeal: anAppeal(filedAt, decision ? { decision, note: '已裁决' } : {}),
        })
      const last = appealedAs('c', at(2))
      const tiedB = appealedAs('b', at(1))
      const tiedA = appealedAs('a', at(1))
      const decided = appealedAs('d', at(0), 'upheld')
      const notAppealed = aSanction(memberId, { id: `${prefix}-e` })
      for (const s of [last, tiedB, decided, notAppealed, tiedA]) await save(s)

      const all = await store.read.sanctions.appealsPending(before, 10)
      const second = await store.read.sanctions.appealsPending(before + 1, 1)

      expect(all).toEqual({ items: [tiedA, tiedB, last], total: before + 3 })
      expect(second).toEqual({ items: [tiedB], total: before + 3 })
    })

    it('takes an appeal out of the queue once it is decided', async () => {
      const at = laterThanOthers()
      const sanction = aSanction(await aMember(), { appeal: anAppeal(at(0)) })
      await save(sanction)
      const before = await store.read.sanctions.appealsPending(0, 1)

      await save(
        next(sanction, {
          state: 'overturned',
          appeal: anAppeal(at(0), { decision: 'overturned', note: '误判' }),
        }),
      )
      const after = await store.read.sanctions.appealsPending(0, 1)

      expect(after.total).toBe(before.total - 1)
    })

    it('lists every sanction newest first, then id descending, a page at a time, with the total', async () => {
      // Issued later than any other run's: this run's rows come first on a shared environment.
      const at = laterThanOthers()
      const before = (await store.read.sanctions.list(0, 1)).total
      const memberId = await aMember()
      const prefix = unique('sn')
      const first = aSanction(memberId, { id: `${prefix}-c`, issuedAt: at(0) })
      const tiedLow = aSanction(memberId, { id: `${prefix}-a`, issuedAt: at(1) })
      const tiedHigh = aSanction(await aMember(), { id: `${prefix}-b`, issuedAt: at(1) })
      for (const s of [tiedLow, first, tiedHigh]) await save(s)

      const all = await store.read.sanctions.list(0, 3)
      const second = await store.read.sanctions.list(1, 1)

      expect(all).toEqual({ items: [tiedHigh, tiedLow, first], total: before + 3 })
      expect(second).toEqual({ items: [tiedLow], total: before + 3 })
    })

    it('finds in-force suspensions whose last day is before the given day, by that day then id, up to the limit', async () => {
      // Days long past, which no other data has: this run's rows are the only ones found.
      const memberId = await aMember()
      const prefix = unique('sn')
      const suspended = (id: string, endsOn: string, changes: Partial<Sanction> = {}) =>
        aSanction(memberId, { id: `${prefix}-${id}`, endsOn, ...changes })
      const earliest = suspended('z', '1001-01-01')
      const tiedA = suspended('a', '1001-01-02')
      const tiedB = suspended('b', '1001-01-02')
      const onTheDay = suspended('c', '1001-01-03')
      const ended = suspended('d', '1001-01-01', { state: 'ended' })
      const overturned = suspended('e', '1001-01-01', { state: 'overturned' })
      const warning = aSanction(memberId, { id: `${prefix}-f`, kind: 'warning', endsOn: null })
      for (const s of [tiedB, onTheDay, ended, earliest, overturned, warning, tiedA]) await save(s)

      const due = await store.read.sanctions.suspensionsEndedBy('1001-01-03', 10)
      const firstTwo = await store.read.sanctions.suspensionsEndedBy('1001-01-03', 2)
      const noneYet = await store.read.sanctions.suspensionsEndedBy('1001-01-01', 10)

      expect(due).toEqual([earliest, tiedA, tiedB])
      expect(firstTwo).toEqual([earliest, tiedA])
      expect(noneYet).toEqual([])
    })
  })
}
