import { randomBytes } from 'node:crypto'
import { createFieldCipher } from '../../../../cloudfunctions/_shared/field-cipher'
import type {
  AuditRecord,
  CardRecord,
  MemberRecord,
  RequestRecord,
  StaffRecord,
  Store,
} from '../../../../cloudfunctions/_shared/ports'
import type { StarGrant } from '@/domain/star/star'

/**
 * Tag carried by every id, openid and counter name this run writes, so the suite can share a
 * CloudBase environment with other runs (and their leftovers) and a cleanup can find its rows.
 */
export const CONTRACT_RUN_TAG = `ct${Date.now().toString(36)}${randomBytes(3).toString('hex')}`

const cipher = createFieldCipher(Buffer.alloc(32, 7))
let serial = 0
const unique = (label: string) => `${label}-${CONTRACT_RUN_TAG}-${++serial}`

/** A pending member whose openid, mobile, licence and referral code are new to the store. */
function aMemberRecord(overrides: Partial<MemberRecord> = {}): MemberRecord {
  const id = unique('m')
  return {
    id,
    openid: `o-${id}`,
    unionid: null,
    status: 'pending',
    realName: '王建国',
    mobile: cipher.seal('mobile', `mobile-${id}`),
    shopName: '建国便利店',
    shopAddress: '江苏省南京市鼓楼区中山路100号',
    licence: cipher.seal('licence', `licence-${id}`),
    birthday: '1985-06-15',
    consentVersion: '2026-01',
    consentAt: '2026-11-20T02:00:00.000Z',
    referralCode: null,
    referredBy: null,
    channel: 'oa_menu',
    cardNo: null,
    rejectReason: null,
    submittedAt: '2026-11-20T02:00:00.000Z',
    reviewedAt: null,
    reviewedBy: null,
    createdAt: '2026-11-20T02:00:00.000Z',
    updatedAt: '2026-11-20T02:00:00.000Z',
    version: 1,
    ...overrides,
  }
}

/** The same person's mobile sealed again: a different ciphertext, the same blind index. */
const resealed = (sealed: MemberRecord['mobile'], kind: 'mobile' | 'licence') =>
  cipher.seal(kind, cipher.open(sealed))

function aCard(memberId: string, overrides: Partial<CardRecord> = {}): CardRecord {
  return {
    cardNo: unique('card'),
    memberId,
    version: 1,
    status: 'active',
    issuedAt: '2026-11-21T02:00:00.000Z',
    ...overrides,
  }
}

function anAuditRecord(targetId: string, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id: unique('audit'),
    actorId: unique('staff'),
    actorRole: 'reviewer',
    action: 'approveRegistration',
    targetType: 'member',
    targetId,
    before: { status: 'pending' },
    after: { status: 'active', star: 1 },
    reason: null,
    requestId: unique('req'),
    at: '2026-11-21T02:00:00.000Z',
    ...overrides,
  }
}

/**
 * The storage port's semantics (cloudfunctions/_shared/ports.ts), run against every adapter.
 * `open` gives a store that may already hold other data; the suite only relies on rows it wrote.
 */
export function describeStoreContract(
  name: string,
  open: () => Promise<{ store: Store; cleanup(): Promise<void> }>,
): void {
  describe(`Store contract (${name})`, () => {
    let store: Store
    let cleanup: () => Promise<void>

    beforeEach(async () => {
      ;({ store, cleanup } = await open())
    })
    afterEach(() => cleanup())

    const insertMember = (member: MemberRecord) =>
      store.transaction((tx) => tx.members.insert(member))
    const updateMember = (member: MemberRecord) =>
      store.transaction((tx) => tx.members.update(member))

    describe('members', () => {
      it('reads back an inserted member by id, openid and referral code with every field intact', async () => {
        const referrer = aMemberRecord({ status: 'active' })
        await insertMember(referrer)
        const member = aMemberRecord({
          unionid: unique('u'),
          status: 'active',
          referralCode: unique('R'),
          referredBy: referrer.id,
          channel: 'referral',
          cardNo: unique('card'),
          rejectReason: '营业执照照片不清晰',
          reviewedAt: '2026-11-21T03:00:00.000Z',
          reviewedBy: unique('staff'),
          version: 3,
        })

        const outcome = await insertMember(member)

        expect(outcome).toEqual({ ok: true })
        expect(await store.read.members.byId(member.id)).toEqual(member)
        expect(await store.read.members.byOpenid(member.openid)).toEqual(member)
        expect(await store.read.members.byReferralCode(member.referralCode!)).toEqual(member)
      })

      it('finds nothing for an unknown id, openid or referral code', async () => {
        const unknown = unique('none')

        const found = [
          await store.read.members.byId(unknown),
          await store.read.members.byOpenid(unknown),
          await store.read.members.byReferralCode(unknown),
        ]

        expect(found).toEqual([null, null, null])
      })

      it.each([
        ['openid', (first: MemberRecord) => ({ openid: first.openid })],
        ['mobile', (first: MemberRecord) => ({ mobile: resealed(first.mobile, 'mobile') })],
        ['licenceNo', (first: MemberRecord) => ({ licence: resealed(first.licence, 'licence') })],
      ] as const)(
        'refuses a second member with the same %s (compared by blind index) and stores nothing',
        async (field, sameAs) => {
          const first = aMemberRecord()
          await insertMember(first)
          const clash = aMemberRecord(sameAs(first))

          const outcome = await insertMember(clash)

          expect(outcome).toEqual({ ok: false, conflict: field })
          expect(await store.read.members.byId(clash.id)).toBeNull()
          expect(await store.read.members.byOpenid(first.openid)).toEqual(first)
        },
      )

      it('leaves the other unique values of a refused insert free for the next member', async () => {
        const first = aMemberRecord()
        await insertMember(first)
        const refused = aMemberRecord({ licence: resealed(first.licence, 'licence') })
        await insertMember(refused)
        const retry = aMemberRecord({
          openid: refused.openid,
          mobile: resealed(refused.mobile, 'mobile'),
        })

        const outcome = await insertMember(retry)

        expect(outcome).toEqual({ ok: true })
        expect(await store.read.members.byOpenid(refused.openid)).toEqual(retry)
      })

      it('updates a member only from the version just before the new one', async () => {
        const member = aMemberRecord()
        await insertMember(member)
        const approved = { ...member, status: 'active' as const, version: 2 }

        const first = await updateMember(approved)
        const replayed = await updateMember({ ...approved, realName: '王二' })
        const skipped = await updateMember({ ...approved, realName: '王三', version: 4 })

        expect([first, replayed, skipped]).toEqual([
          { ok: true },
          { ok: false, conflict: 'version' },
          { ok: false, conflict: 'version' },
        ])
        expect(await store.read.members.byId(member.id)).toEqual(approved)
      })

      it('reports a version conflict when updating a member that does not exist', async () => {
        const ghost = aMemberRecord({ version: 2 })

        const outcome = await updateMember(ghost)

        expect(outcome).toEqual({ ok: false, conflict: 'version' })
        expect(await store.read.members.byId(ghost.id)).toBeNull()
      })

      it("refuses an update that takes another member's mobile and keeps the stored member", async () => {
        const owner = aMemberRecord()
        const other = aMemberRecord()
        await insertMember(owner)
        await insertMember(other)

        const outcome = await updateMember({
          ...other,
          mobile: resealed(owner.mobile, 'mobile'),
          version: 2,
        })

        expect(outcome).toEqual({ ok: false, conflict: 'mobile' })
        expect(await store.read.members.byId(other.id)).toEqual(other)
      })

      it('keeps every unique value of the stored member when an update is refused', async () => {
        const owner = aMemberRecord()
        const member = aMemberRecord()
        await insertMember(owner)
        await insertMember(member)
        const attempted = cipher.seal('mobile', unique('mobile'))
        await updateMember({
          ...member,
          mobile: attempted,
          licence: resealed(owner.licence, 'licence'),
          version: 2,
        })

        const oldMobile = await insertMember(
          aMemberRecord({ mobile: resealed(member.mobile, 'mobile') }),
        )
        const newMobile = await insertMember(
          aMemberRecord({ mobile: resealed(attempted, 'mobile') }),
        )

        expect(oldMobile).toEqual({ ok: false, conflict: 'mobile' })
        expect(newMobile).toEqual({ ok: true })
      })

      it('frees the old mobile when an update changes it', async () => {
        const member = aMemberRecord()
        await insertMember(member)
        await updateMember({
          ...member,
          mobile: cipher.seal('mobile', unique('mobile')),
          version: 2,
        })
        const newcomer = aMemberRecord({ mobile: resealed(member.mobile, 'mobile') })

        const outcome = await insertMember(newcomer)

        expect(outcome).toEqual({ ok: true })
      })

      it('lists one status by submission time then id, a page at a time, with the total', async () => {
        // Far-future times that grow with each run keep this run's rows last, so the rule can be
        // checked on a shared environment: rows from elsewhere only shift the offset by `before`.
        const base = Date.UTC(4000, 0, 1) + Date.now()
        const at = (second: number) => new Date(base + second * 1000).toISOString()
        const before = (await store.read.members.listByStatus('pending', 0, 1)).total
        const prefix = unique('list')
        const last = aMemberRecord({ id: `${prefix}-c`, submittedAt: at(2) })
        const tiedB = aMemberRecord({ id: `${prefix}-b`, submittedAt: at(1) })
        const tiedA = aMemberRecord({ id: `${prefix}-a`, submittedAt: at(1) })
        const elsewhere = aMemberRecord({ id: `${prefix}-d`, status: 'active', submittedAt: at(0) })
        for (const member of [last, tiedB, elsewhere, tiedA]) await insertMember(member)

        const all = await store.read.members.listByStatus('pending', before, 10)
        const second = await store.read.members.listByStatus('pending', before + 1, 1)

        expect(all).toEqual({ items: [tiedA, tiedB, last], total: before + 3 })
        expect(second).toEqual({ items: [tiedB], total: before + 3 })
      })
    })

    describe('transaction', () => {
      it('resolves with the value of its work and makes its writes visible to read', async () => {
        const member = aMemberRecord()

        const value = await store.transaction(async (tx) => {
          await tx.members.insert(member)
          return 'committed'
        })

        expect(value).toBe('committed')
        expect(await store.read.members.byId(member.id)).toEqual(member)
      })

      it('leaves no write behind when its work throws, and passes the error on', async () => {
        const member = aMemberRecord()
        const requestId = unique('req')
        const counter = unique('counter')

        const run = store.transaction(async (tx) => {
          await tx.members.insert(member)
          await tx.counters.next(counter)
          await tx.requests.put({
            requestId,
            openid: member.openid,
            fn: 'member',
            action: 'register',
            result: { ok: true },
            at: '2026-11-20T02:00:00.000Z',
          })
          throw new Error('work failed after its writes')
        })

        await expect(run).rejects.toThrow('work failed after its writes')
        expect(await store.read.members.byId(member.id)).toBeNull()
        expect(await store.read.members.byOpenid(member.openid)).toBeNull()
        expect(await store.read.requests.get(requestId)).toBeNull()
        expect(await store.transaction((tx) => tx.counters.next(counter))).toBe(1)
        expect(await insertMember(member)).toEqual({ ok: true })
      })

      it('refuses writes through read, outside any transaction', async () => {
        const member = aMemberRecord()

        const write = store.read.members.insert(member)

        // Matched by shape: the native SqliteError may come from another realm than jest's Error.
        await expect(write).rejects.toHaveProperty('message', expect.any(String))
        expect(await store.read.members.byId(member.id)).toBeNull()
      })
    })

    describe('counters', () => {
      it('counts 1, 2, 3 for a new name', async () => {
        const name = unique('counter')
        const next = () => store.transaction((tx) => tx.counters.next(name))

        const values = [await next(), await next(), await next()]

        expect(values).toEqual([1, 2, 3])
      })

      it('gives 20 concurrent transactions 20 distinct values', async () => {
        const name = unique('counter')

        const values = await Promise.all(
          Array.from({ length: 20 }, () => store.transaction((tx) => tx.counters.next(name))),
        )

        expect([...values].sort((a, b) => a - b)).toEqual(
          Array.from({ length: 20 }, (_, i) => i + 1),
        )
      })
    })

    describe('requests', () => {
      it('returns a stored request with its result unchanged', async () => {
        const record: RequestRecord = {
          requestId: unique('req'),
          openid: unique('o'),
          fn: 'member',
          action: 'register',
          result: { ok: true, data: { memberId: 'm-1', status: 'pending', tags: ['a', 'b'] } },
          at: '2026-11-20T02:00:00.000Z',
        }
        const missing = await store.read.requests.get(record.requestId)

        await store.transaction((tx) => tx.requests.put(record))

        expect(missing).toBeNull()
        expect(await store.read.requests.get(record.requestId)).toEqual(record)
      })
    })

    describe('stars', () => {
      it('keeps one star per member and year: the later put replaces the earlier', async () => {
        const member = aMemberRecord({ status: 'active' })
        await insertMember(member)
        const grant = (year: number, overrides: Partial<StarGrant> = {}): StarGrant => ({
          memberId: member.id,
          year,
          star: 1,
          source: 'initial',
          reason: null,
          grantedAt: `${year}-01-01T02:00:00.000Z`,
          ...overrides,
        })
        const override = grant(2026, { star: 3, source: 'override', reason: '年度大客户' })

        await store.transaction(async (tx) => {
          await tx.stars.put(grant(2026))
          await tx.stars.put(grant(2025, { star: 2, source: 'rule' }))
        })
        await store.transaction((tx) => tx.stars.put(override))

        expect(await store.read.stars.forMember(member.id)).toEqual([
          grant(2025, { star: 2, source: 'rule' }),
          override,
        ])
      })
    })

    describe('audit', () => {
      it("returns a target's records, oldest first, and no one else's", async () => {
        const target = unique('m')
        const later = anAuditRecord(target, { at: '2026-11-22T02:00:00.000Z', reason: '资料不全' })
        const earlier = anAuditRecord(target, { at: '2026-11-21T02:00:00.000Z' })
        const otherTarget = anAuditRecord(unique('m'))

        await store.transaction(async (tx) => {
          for (const record of [later, otherTarget, earlier]) await tx.audit.append(record)
        })

        expect(await store.read.audit.forTarget('member', target)).toEqual([earlier, later])
      })
    })

    describe('cards', () => {
      it('reads back an inserted card by its number', async () => {
        const member = aMemberRecord({ status: 'active' })
        await insertMember(member)
        const card = aCard(member.id)

        const outcome = await store.transaction((tx) => tx.cards.insert(card))

        expect(outcome).toEqual({ ok: true })
        expect(await store.read.cards.byCardNo(card.cardNo)).toEqual(card)
      })

      it('refuses a second card with the same number as a cardNo conflict', async () => {
        const holder = aMemberRecord({ status: 'active' })
        const other = aMemberRecord({ status: 'active' })
        await insertMember(holder)
        await insertMember(other)
        const card = aCard(holder.id)
        await store.transaction((tx) => tx.cards.insert(card))

        const outcome = await store.transaction((tx) =>
          tx.cards.insert(aCard(other.id, { cardNo: card.cardNo })),
        )

        expect(outcome).toEqual({ ok: false, conflict: 'cardNo' })
        expect(await store.read.cards.byCardNo(card.cardNo)).toEqual(card)
      })
    })

    describe('staff', () => {
      it('reads back an inserted staff account by openid', async () => {
        const staff: StaffRecord = {
          id: unique('staff'),
          openid: unique('o-staff'),
          name: '李审核',
          role: 'reviewer',
          createdAt: '2026-11-20T02:00:00.000Z',
        }

        const outcome = await store.transaction((tx) => tx.staff.insert(staff))

        expect(outcome).toEqual({ ok: true })
        expect(await store.read.staff.byOpenid(staff.openid)).toEqual(staff)
        expect(await store.read.staff.byOpenid(unique('o-nobody'))).toBeNull()
      })
    })
  })
}
