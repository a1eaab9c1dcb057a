import { aContractMember } from './contract-member'
import type {
  AuditRecord,
  MemberRecord,
  RequestRecord,
  StarImport,
  Store,
} from '../../../../cloudfunctions/_shared/ports'
import type { Withdrawal } from '@/domain/privacy/withdrawal'
import { CONTRACT_RUN_TAG, CONTRACT_YEARS } from './store.contract'

let serial = 0
/** Ids carry the run tag, so a shared CloudBase environment's cleanup finds this run's rows. */
const unique = (label: string) => `${label}-${CONTRACT_RUN_TAG}-p${++serial}`

function aMember(): MemberRecord {
  return aContractMember(unique('m'), { status: 'active' })
}

/** Due dates later than any other run's (and growing with each run): this run's rows sort last. */
const laterThanOthers = () => {
  const day = new Date(Date.UTC(4200, 0, 1) + Date.now())
  return (days: number) => new Date(day.getTime() + days * 86_400_000).toISOString().slice(0, 10)
}

function aWithdrawal(memberId: string, overrides: Partial<Withdrawal> = {}): Withdrawal {
  return {
    id: unique('wd'),
    memberId,
    reason: '店铺转让',
    requestedAt: '2026-11-23T02:00:00.000Z',
    dueOn: '2026-11-30',
    status: 'requested',
    confirmedBy: null,
    confirmedAt: null,
    cancelledAt: null,
    version: 1,
    ...overrides,
  }
}

const next = (w: Withdrawal, changes: Partial<Withdrawal>): Withdrawal => ({
  ...w,
  ...changes,
  version: w.version + 1,
})

/**
 * The WithdrawalRepository's and ErasureRepository's semantics (cloudfunctions/_shared/ports.ts),
 * run against every adapter.
 */
export function describePrivacyRepositoryContract(
  name: string,
  open: () => Promise<{ store: Store; cleanup(): Promise<void> }>,
): void {
  describe(`Privacy repositories contract (${name})`, () => {
    let store: Store
    let cleanup: () => Promise<void>
    beforeEach(async () => {
      ;({ store, cleanup } = await open())
    })
    afterEach(() => cleanup())

    async function aStoredMember() {
      const member = aMember()
      await store.transaction((tx) => tx.members.insert(member))
      return member
    }
    const save = (w: Withdrawal) => store.transaction((tx) => tx.withdrawals.save(w))

    describe('withdrawals', () => {
      it('reads back a saved request by id and for its member, newest first', async () => {
        const member = await aStoredMember()
        const older = aWithdrawal(member.id, { requestedAt: '2026-11-01T02:00:00.000Z' })
        const cancelled = next(older, { status: 'cancelled', cancelledAt: '2026-11-02T02:00:00Z' })
        const newer = aWithdrawal(member.id, { requestedAt: '2026-11-23T02:00:00.000Z' })

        const outcomes = [await save(older), await save(cancelled), await save(newer)]

        expect(outcomes).toEqual([{ ok: true }, { ok: true }, { ok: true }])
        expect(await store.read.withdrawals.byId(older.id)).toEqual(cancelled)
        expect(await store.read.withdrawals.forMember(member.id)).toEqual([newer, cancelled])
        expect(await store.read.withdrawals.byId(unique('wd'))).toBeNull()
        expect(await store.read.withdrawals.forMember(unique('m'))).toEqual([])
      })

      it('refuses a stale version and a second version 1 of the same id', async () => {
        const member = await aStoredMember()
        const request = aWithdrawal(member.id)
        await save(request)

        const stale = await save({ ...request, status: 'cancelled', version: 3 })
        const twice = await save({ ...request })

        expect(stale).toEqual({ ok: false, conflict: 'version' })
        expect(twice).toEqual({ ok: false, conflict: 'version' })
        expect(await store.read.withdrawals.byId(request.id)).toEqual(request)
      })

      it('holds one open request per member: a second is a version conflict until the first closes', async () => {
        const member = await aStoredMember()
        const first = aWithdrawal(member.id)
        await save(first)

        const second = aWithdrawal(member.id)
        const refused = await save(second)
        await save(next(first, { status: 'confirmed', confirmedAt: '2026-11-24T02:00:00Z' }))
        const afterClose = await save(second)

        expect(refused).toEqual({ ok: false, conflict: 'version' })
        expect(afterClose).toEqual({ ok: true })
        expect((await store.read.withdrawals.forMember(member.id)).map((w) => w.id).sort()).toEqual(
          [first.id, second.id].sort(),
        )
      })

      it('lists open requests only, soonest due first, then earliest requested, then id', async () => {
        const day = laterThanOthers()
        const members = [await aStoredMember(), await aStoredMember(), await aStoredMember()]
        const late = aWithdrawal(members[0]!.id, { dueOn: day(5) })
        const soon = aWithdrawal(members[1]!.id, { dueOn: day(1) })
        const sameDayLater = aWithdrawal(members[2]!.id, {
          dueOn: day(1),
          requestedAt: '2026-11-24T02:00:00.000Z',
        })
        const closedMember = await aStoredMember()
        const closed = aWithdrawal(closedMember.id, { dueOn: day(0) })
        for (const w of [late, soon, sameDayLater, closed]) await save(w)
        await save(next(closed, { status: 'cancelled', cancelledAt: '2026-11-24T02:00:00Z' }))

        const all = await store.read.withdrawals.listOpen(0, 1000)
        const mine = all.items.filter((w) => members.some((m) => m.id === w.memberId))

        expect(mine.map((w) => w.id)).toEqual([soon.id, sameDayLater.id, late.id])
        expect(all.items.some((w) => w.id === closed.id)).toBe(false)
        expect(all.total).toBeGreaterThanOrEqual(3)
        const tail = await store.read.withdrawals.listOpen(all.total - 1, 10)
        expect(tail.items.map((w) => w.id)).toEqual([late.id])
      })
    })

    describe('erasure', () => {
      function aRequestRecord(overrides: Partial<RequestRecord> = {}): RequestRecord {
        return {
          requestId: unique('req'),
          openid: unique('o'),
          fn: 'member',
          action: 'suggest',
          result: { ok: true, data: { id: unique('x') } },
          at: '2026-11-23T02:00:00.000Z',
          ...overrides,
        }
      }
      function anAudit(overrides: Partial<AuditRecord> = {}): AuditRecord {
        return {
          id: unique('audit'),
          actorId: unique('staff'),
          actorRole: 'reviewer',
          action: 'member.correct',
          targetType: 'member',
          targetId: unique('m'),
          before: { realName: '王**' },
          after: { realName: '李**' },
          reason: '王建国申请',
          requestId: unique('req'),
          at: '2026-11-23T02:00:00.000Z',
          ...overrides,
        }
      }

      it("finds the member's requests and staff results naming them or what is theirs", async () => {
        const openid = unique('o')
        const memberId = unique('m')
        const cardNo = unique('card')
        const suggestionId = unique('sg')
        const own = aRequestRecord({ openid, at: '2026-11-23T01:00:00.000Z' })
        const byMemberId = aRequestRecord({
          result: { ok: true, data: { memberId, realName: '王建国' } },
        })
        const byCardNo = aRequestRecord({
          at: '2026-11-23T03:00:00.000Z',
          result: { ok: true, data: { cardNo, realName: '王建国' } },
        })
        const byOwnedId = aRequestRecord({
          at: '2026-11-23T04:00:00.000Z',
          result: { ok: true, data: { id: suggestionId, text: '建议' } },
        })
        const unrelated = aRequestRecord({ result: { ok: false, error: { code: 'X' } } })
        await store.transaction(async (tx) => {
          for (const r of [unrelated, byOwnedId, byCardNo, own, byMemberId])
            await tx.requests.put(r)
        })

        const found = await store.transaction((tx) =>
          tx.erasure.requestsNaming(openid, [memberId, cardNo, suggestionId]),
        )
        const onlyOwn = await store.transaction((tx) => tx.erasure.requestsNaming(openid, []))

        expect(found).toEqual([own, byMemberId, byCardNo, byOwnedId])
        expect(onlyOwn).toEqual([own])
      })

      it("overwrites a request row's openid and result only", async () => {
        const row = aRequestRecord({ result: { ok: true, data: { realName: '王建国', n: 1 } } })
        await store.transaction((tx) => tx.requests.put(row))

        await store.transaction((tx) =>
          tx.erasure.rewriteRequest(row.requestId, 'erased:m-1', {
            ok: true,
            data: { realName: '[erased]', n: 1 },
          }),
        )

        expect(await store.read.requests.get(row.requestId)).toEqual({
          ...row,
          openid: 'erased:m-1',
          result: { ok: true, data: { realName: '[erased]', n: 1 } },
        })
      })

      it('finds audit rows whose target or actor is one of the ids, oldest first', async () => {
        const memberId = unique('m')
        const complaintId = unique('cp')
        const asTarget = anAudit({ targetId: memberId, at: '2026-11-23T02:00:00.000Z' })
        const asActor = anAudit({ actorId: memberId, at: '2026-11-23T01:00:00.000Z' })
        const onOwned = anAudit({
          targetType: 'complaint',
          targetId: complaintId,
          at: '2026-11-23T03:00:00.000Z',
        })
        const both = anAudit({ actorId: memberId, targetId: memberId, at: '2026-11-23T04:00:00Z' })
        const other = anAudit()
        await store.transaction(async (tx) => {
          for (const a of [other, onOwned, both, asTarget, asActor]) await tx.audit.append(a)
        })

        const found = await store.transaction((tx) =>
          tx.erasure.auditNaming([memberId, complaintId]),
        )
        const none = await store.transaction((tx) => tx.erasure.auditNaming([]))

        expect(found).toEqual([asActor, asTarget, onOwned, both])
        expect(none).toEqual([])
      })

      it("overwrites an audit row's before, after and reason; who, what, whom and when stay", async () => {
        const row = anAudit()
        await store.transaction((tx) => tx.audit.append(row))

        await store.transaction((tx) =>
          tx.erasure.rewriteAudit(row.id, {
            before: { realName: '[erased]' },
            after: null,
            reason: '[erased]申请',
          }),
        )

        const [stored] = await store.read.audit.forTarget(row.targetType, row.targetId)
        expect(stored).toEqual({
          ...row,
          before: { realName: '[erased]' },
          after: null,
          reason: '[erased]申请',
        })
      })

      it("overwrites an outbox message's payload, keeping its delivery", async () => {
        const memberId = unique('m')
        const message = {
          id: unique('msg'),
          memberId,
          kind: 'points.earned',
          payload: { realName: '王建国', points: 5 },
          createdAt: '2026-11-23T02:00:00.000Z',
          status: 'pending' as const,
        }
        await store.transaction((tx) => tx.outbox.add(message))
        const before = await store.read.outbox.get(message.id)

        await store.transaction((tx) =>
          tx.erasure.rewriteOutboxPayload(message.id, { realName: '[erased]', points: 5 }),
        )

        expect(await store.read.outbox.get(message.id)).toEqual({
          ...before,
          payload: { realName: '[erased]', points: 5 },
        })
      })

      it('finds the star imports holding a licence blind index', async () => {
        const [yearA, yearB] = [CONTRACT_YEARS[8]!, CONTRACT_YEARS[9]!]
        const hash = unique('hash')
        const anImport = (year: number, rows: StarImport['rows']): StarImport => ({
          year,
          rows,
          importedBy: unique('staff'),
          importedAt: '2026-11-23T02:00:00.000Z',
          version: 1,
        })
        const holding = anImport(yearA, [
          { licenceHash: unique('hash'), star: 2 },
          { licenceHash: hash, star: 3 },
        ])
        const notHolding = anImport(yearB, [{ licenceHash: unique('hash'), star: 4 }])
        await store.transaction(async (tx) => {
          await tx.starImports.save(holding)
          await tx.starImports.save(notHolding)
        })

        const found = await store.transaction((tx) => tx.erasure.starImportsHolding(hash))

        expect(found).toEqual([holding])
      })
    })
  })
}
