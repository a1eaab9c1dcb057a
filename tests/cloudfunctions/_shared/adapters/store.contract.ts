import { aContractMember, CONTRACT_CIPHER } from './contract-member'
import { randomBytes, randomInt } from 'node:crypto'
import type {
  AuditRecord,
  CardRecord,
  EventQuery,
  JobRun,
  MemberRecord,
  OutboxMessage,
  RequestRecord,
  StaffInvite,
  StaffRecord,
  StarImport,
  Store,
  VoucherRecord,
} from '../../../../cloudfunctions/_shared/ports'
import type { ClubMembership } from '@/domain/club/club'
import type { Suggestion } from '@/domain/club/suggestion'
import type { ClubEvent } from '@/domain/event/event'
import type { Signup } from '@/domain/event/signup'
import type { LedgerEntry, PointsAccount } from '@/domain/points/points'
import type { RewardItem } from '@/domain/points/redemption'
import type { StarGrant } from '@/domain/star/star'
import type { StarRule } from '@/domain/star/thresholds'
import { describeComplaintRepository } from './complaint-store.contract'
import { describePhotoUploadRepository } from './photo-upload-store.contract'
import { describeNotificationRepositories } from './notification-store.contract'

/**
 * Tag carried by every id, openid and counter name this run writes, so the suite can share a
 * CloudBase environment with other runs (and their leftovers) and a cleanup can find its rows.
 */
export const CONTRACT_RUN_TAG = `ct${Date.now().toString(36)}${randomBytes(3).toString('hex')}`

/**
 * Years this run may write star rules and imports for: their `_id` is the year, so it cannot carry
 * the run tag. Far beyond any real year, so no real star evaluation ever reads them.
 */
export const CONTRACT_YEARS: readonly number[] = (() => {
  const base = 100_000 + randomInt(0, 890_000) * 10
  return Array.from({ length: 10 }, (_, i) => base + i)
})()

const cipher = CONTRACT_CIPHER
let serial = 0
const unique = (label: string) => `${label}-${CONTRACT_RUN_TAG}-${++serial}`
let yearSerial = 0
const aYear = () => CONTRACT_YEARS[yearSerial++ % CONTRACT_YEARS.length]!

/** A pending member whose openid, mobile, licence and referral code are new to the store. */
function aMemberRecord(overrides: Partial<MemberRecord> = {}): MemberRecord {
  return aContractMember(unique('m'), overrides)
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
    secret: null,
    lastAcceptedStep: 0,
    lastScanBy: null,
    lastScanAt: null,
    lastScanRequestId: null,
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

function anAccount(memberId: string, overrides: Partial<PointsAccount> = {}): PointsAccount {
  return {
    memberId,
    balance: 120,
    lots: [
      {
        id: unique('lot'),
        earnedAt: '2026-11-21T02:00:00.000Z',
        expiresAt: '2027-11-21T02:00:00.000Z',
        remaining: 120,
      },
    ],
    version: 1,
    ...overrides,
  }
}

function anEntry(memberId: string, overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    id: unique('entry'),
    memberId,
    type: 'earn',
    label: 'purchase',
    points: 120,
    reference: unique('purchase'),
    actorId: unique('staff'),
    requestId: unique('req'),
    at: '2026-11-21T02:00:00.000Z',
    takes: [],
    lotId: unique('lot'),
    note: null,
    ...overrides,
  }
}

function anItem(overrides: Partial<RewardItem> = {}): RewardItem {
  return {
    id: unique('item'),
    name: '食用油 5L',
    imageUrl: null,
    pointsPrice: 800,
    stock: 20,
    faceValueFen: null,
    availableFrom: null,
    availableUntil: null,
    active: true,
    version: 1,
    ...overrides,
  }
}

function aVoucher(
  memberId: string,
  item: RewardItem,
  entryId: string,
  overrides: Partial<VoucherRecord> = {},
): VoucherRecord {
  return {
    code: unique('V'),
    memberId,
    itemId: item.id,
    itemName: item.name,
    points: item.pointsPrice,
    faceValueFen: item.faceValueFen,
    pickupDate: '2026-11-21',
    status: 'issued',
    entryId,
    issuedAt: '2026-11-21T02:00:00.000Z',
    usedAt: null,
    usedBy: null,
    version: 1,
    ...overrides,
  }
}

function aMessage(memberId: string, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id: unique('msg'),
    memberId,
    kind: 'points.expiring',
    payload: { points: 120, expiryDate: '2027-11-21', lots: ['lot-a', 'lot-b'], note: null },
    createdAt: '2026-11-21T02:00:00.000Z',
    status: 'pending',
    ...overrides,
  }
}

function aJobRun(overrides: Partial<JobRun> = {}): JobRun {
  return {
    id: unique('job'),
    kind: 'points-expiry',
    status: 'running',
    cursor: '',
    processed: 0,
    totals: { expiredPoints: 0, expiredAccounts: 0, warnings: 0 },
    startedAt: '2026-11-21T18:00:00.000Z',
    finishedAt: null,
    version: 1,
    ...overrides,
  }
}

function aStarRule(effectiveYear: number, overrides: Partial<StarRule> = {}): StarRule {
  return {
    effectiveYear,
    thresholds: [1000, 3000, 5000, 10000],
    setBy: unique('staff'),
    setAt: '2026-11-21T02:00:00.000Z',
    ...overrides,
  }
}

function aStarImport(year: number, overrides: Partial<StarImport> = {}): StarImport {
  return {
    year,
    rows: [
      { licenceHash: unique('licence'), star: 3 },
      { licenceHash: unique('licence'), star: 5 },
    ],
    importedBy: unique('staff'),
    importedAt: '2026-11-21T02:00:00.000Z',
    version: 1,
    ...overrides,
  }
}

function aClub(memberId: string, overrides: Partial<ClubMembership> = {}): ClubMembership {
  return {
    memberId,
    state: 'applied',
    since: '2026-11-21T02:00:00.000Z',
    appliedAt: '2026-11-21T02:00:00.000Z',
    joinedAt: null,
    graceYear: null,
    decidedBy: null,
    reason: null,
    resumeState: null,
    version: 1,
    ...overrides,
  }
}

function aSuggestion(memberId: string, overrides: Partial<Suggestion> = {}): Suggestion {
  return {
    id: unique('sug'),
    memberId,
    text: '希望增加周末提货时段',
    createdAt: '2026-11-21T02:00:00.000Z',
    answer: null,
    answeredBy: null,
    answeredAt: null,
    version: 1,
    ...overrides,
  }
}

/** An answer given to a suggestion at `at`, saved as its next version. */
const answered = (suggestion: Suggestion, at: string): Suggestion => ({
  ...suggestion,
  answer: '已安排，周六上午可提货',
  answeredBy: unique('staff'),
  answeredAt: at,
  version: suggestion.version + 1,
})

/** A published first-come-first-served event with room left (confirmed never above capacity). */
function anEvent(overrides: Partial<ClubEvent> = {}): ClubEvent {
  return {
    id: unique('ev'),
    kind: 'tasting',
    title: '新品品鉴会',
    description: '品鉴今年的新品，现场讲解',
    coverImage: null,
    place: '南京市鼓楼区中山路100号',
    contact: '025-8888 6666',
    startAt: '2026-12-05T06:00:00.000Z',
    endAt: '2026-12-05T09:00:00.000Z',
    signupOpensAt: '2026-11-25T00:00:00.000Z',
    signupClosesAt: '2026-12-04T10:00:00.000Z',
    capacity: 20,
    attendancePoints: 50,
    clubOnly: false,
    minStar: null,
    acknowledgement: null,
    mode: 'fcfs',
    status: 'published',
    confirmed: 0,
    signups: 0,
    checkedIn: 0,
    noShowsMarked: false,
    cancelReason: null,
    createdBy: unique('staff'),
    createdAt: '2026-11-20T02:00:00.000Z',
    updatedAt: '2026-11-20T02:00:00.000Z',
    publishedAt: '2026-11-20T03:00:00.000Z',
    version: 1,
    ...overrides,
  }
}

function aSignup(eventId: string, memberId: string, overrides: Partial<Signup> = {}): Signup {
  return {
    eventId,
    memberId,
    status: 'confirmed',
    seq: 1,
    acknowledged: false,
    createdAt: '2026-11-26T02:00:00.000Z',
    updatedAt: '2026-11-26T02:00:00.000Z',
    checkedInAt: null,
    checkedInBy: null,
    noShowAt: null,
    version: 1,
    ...overrides,
  }
}

/** Far-future instants that grow with each run, so this run's rows sort after any others. */
const laterThanOthers = () => {
  const base = Date.UTC(4000, 0, 1) + Date.now()
  return (second: number) => new Date(base + second * 1000).toISOString()
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
      it('reads back an inserted member by id, openid, referral code and card number with every field intact', async () => {
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
        expect(await store.read.members.byCardNo(member.cardNo!)).toEqual(member)
      })

      it('finds nothing for an unknown id, openid, referral code or card number', async () => {
        const unknown = unique('none')

        const found = [
          await store.read.members.byId(unknown),
          await store.read.members.byOpenid(unknown),
          await store.read.members.byReferralCode(unknown),
          await store.read.members.byCardNo(unknown),
        ]

        expect(found).toEqual([null, null, null, null])
      })

      it('finds a member by the card number an update gave it', async () => {
        const member = aMemberRecord()
        await insertMember(member)
        const carded = { ...member, status: 'active' as const, cardNo: unique('card'), version: 2 }

        await updateMember(carded)

        expect(await store.read.members.byCardNo(carded.cardNo)).toEqual(carded)
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

      it('pages through the members of one status after a cursor in id order', async () => {
        // Ids under one prefix of this run sort together, right after the prefix itself.
        const prefix = unique('ids')
        const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((s) =>
          aMemberRecord({ id: `${prefix}-${s}`, status: s === 'b' ? 'active' : 'pending' }),
        ) as [MemberRecord, MemberRecord, MemberRecord, MemberRecord, MemberRecord]
        for (const member of [d, b, e, a, c]) await insertMember(member)
        const ours = (members: MemberRecord[]) =>
          members.filter((member) => member.id.startsWith(`${prefix}-`))

        const first = await store.read.members.idsAfter('pending', prefix, 2)
        const second = await store.read.members.idsAfter('pending', c.id, 2)
        const third = await store.read.members.idsAfter('pending', e.id, 2)
        const fromOtherStatus = await store.read.members.idsAfter('pending', b.id, 1)
        const active = await store.read.members.idsAfter('active', prefix, 10)

        expect(first).toEqual([a, c])
        expect(second).toEqual([d, e])
        expect(ours(third)).toEqual([])
        expect(fromOtherStatus).toEqual([c])
        expect(ours(active)).toEqual([b])
      })

      it('pages through and counts the members of several statuses together', async () => {
        const prefix = unique('several')
        const [a, b, c] = (['active', 'suspended', 'pending'] as const).map((status, i) =>
          aMemberRecord({ id: `${prefix}-${i}`, status }),
        ) as [MemberRecord, MemberRecord, MemberRecord]
        const countBefore = await store.read.members.countByStatus(['active', 'suspended'])
        for (const member of [c, b, a]) await insertMember(member)

        const both = await store.read.members.idsAfter(['active', 'suspended'], prefix, 10)

        expect(both.filter((m) => m.id.startsWith(`${prefix}-`))).toEqual([a, b])
        expect(await store.read.members.countByStatus(['active', 'suspended'])).toBe(
          countBefore + 2,
        )
      })

      it('counts the members of each status as updates move them', async () => {
        const pendingBefore = await store.read.members.countByStatus('pending')
        const activeBefore = await store.read.members.countByStatus('active')
        const approved = aMemberRecord()
        for (const member of [approved, aMemberRecord(), aMemberRecord({ status: 'active' })]) {
          await insertMember(member)
        }

        await updateMember({ ...approved, status: 'active', version: 2 })

        expect(await store.read.members.countByStatus('pending')).toBe(pendingBefore + 1)
        expect(await store.read.members.countByStatus('active')).toBe(activeBefore + 2)
      })

      it('finds a member by the blind index of the licence an update gave it, and not the old one', async () => {
        const member = aMemberRecord()
        await insertMember(member)
        const other = aMemberRecord()
        await insertMember(other)
        const relicensed = {
          ...member,
          licence: cipher.seal('licence', unique('licence')),
          version: 2,
        }

        const before = await store.read.members.byLicenceHash(member.licence.hash)
        await updateMember(relicensed)

        expect(before).toEqual(member)
        expect(await store.read.members.byLicenceHash(relicensed.licence.hash)).toEqual(relicensed)
        expect(await store.read.members.byLicenceHash(member.licence.hash)).toBeNull()
        expect(await store.read.members.byLicenceHash(other.licence.hash)).toEqual(other)
        expect(await store.read.members.byLicenceHash(unique('hash'))).toBeNull()
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

      it('leaves no points account or ledger entry behind when its work throws', async () => {
        const member = aMemberRecord({ status: 'active' })
        await insertMember(member)
        const account = anAccount(member.id)
        const entry = anEntry(member.id)

        const run = store.transaction(async (tx) => {
          await tx.points.saveAccount(account)
          await tx.points.append(entry)
          throw new Error('work failed after its writes')
        })

        await expect(run).rejects.toThrow('work failed after its writes')
        expect(await store.read.points.account(member.id)).toBeNull()
        expect(await store.read.points.entry(entry.id)).toBeNull()
        expect(await store.read.points.ledgerSum(member.id)).toBe(0)
      })

      it('refuses writes through read, outside any transaction', async () => {
        const member = aMemberRecord()

        const write = store.read.members.insert(member)

        // Matched by shape: the native SqliteError may come from another realm than jest's Error.
        await expect(write).rejects.toHaveProperty('message', expect.any(String))
        expect(await store.read.members.byId(member.id)).toBeNull()
      })

      it('refuses points, catalogue and voucher writes through read', async () => {
        const member = aMemberRecord({ status: 'active' })
        await insertMember(member)
        const item = anItem()
        const entry = anEntry(member.id)

        const writes = await Promise.allSettled([
          store.read.points.saveAccount(anAccount(member.id)),
          store.read.points.append(entry),
          store.read.catalogue.save(item),
          store.read.vouchers.save(aVoucher(member.id, item, entry.id)),
        ])

        expect(writes.map((write) => write.status)).toEqual(Array(4).fill('rejected'))
        expect(await store.read.points.account(member.id)).toBeNull()
        expect(await store.read.points.entry(entry.id)).toBeNull()
        expect(await store.read.catalogue.byId(item.id)).toBeNull()
      })

      it('refuses outbox and job run writes through read', async () => {
        const message = aMessage(unique('m'))
        const run = aJobRun()

        const writes = await Promise.allSettled([
          store.read.outbox.add(message),
          store.read.jobs.save(run),
        ])

        expect(writes.map((write) => write.status)).toEqual(['rejected', 'rejected'])
        expect(await store.read.outbox.forMember(message.memberId)).toEqual([])
        expect(await store.read.jobs.get(run.id)).toBeNull()
      })

      it('refuses star rule, star import, club and suggestion writes through read', async () => {
        const member = aMemberRecord({ status: 'active' })
        await insertMember(member)
        const rule = aStarRule(aYear())
        const starImport = aStarImport(aYear())
        const suggestion = aSuggestion(member.id)

        const writes = await Promise.allSettled([
          store.read.starRules.put(rule),
          store.read.starImports.save(starImport),
          store.read.clubs.save(aClub(member.id)),
          store.read.suggestions.save(suggestion),
        ])

        expect(writes.map((write) => write.status)).toEqual(Array(4).fill('rejected'))
        expect(
          (await store.read.starRules.all()).filter((r) => r.effectiveYear === rule.effectiveYear),
        ).toEqual([])
        expect(await store.read.starImports.get(starImport.year)).toBeNull()
        expect(await store.read.clubs.byMember(member.id)).toBeNull()
        expect(await store.read.suggestions.byId(suggestion.id)).toBeNull()
      })

      it('refuses event and sign-up writes through read', async () => {
        const member = aMemberRecord({ status: 'active' })
        await insertMember(member)
        const stored = anEvent()
        await store.transaction((tx) => tx.events.save(stored))
        const event = anEvent()
        const signup = aSignup(stored.id, member.id)

        const writes = await Promise.allSettled([
          store.read.events.save(event),
          store.read.events.save({ ...stored, title: '改名的活动', version: 2 }),
          store.read.signups.save(signup),
        ])

        expect(writes.map((write) => write.status)).toEqual(Array(3).fill('rejected'))
        expect(await store.read.events.byId(event.id)).toBeNull()
        expect(await store.read.events.byId(stored.id)).toEqual(stored)
        expect(await store.read.signups.get(stored.id, member.id)).toBeNull()
      })
    })

    describe('points', () => {
      const aMember = async () => {
        const member = aMemberRecord({ status: 'active' })
        await insertMember(member)
        return member.id
      }
      const saveAccount = (account: PointsAccount) =>
        store.transaction((tx) => tx.points.saveAccount(account))
      const append = (...entries: LedgerEntry[]) =>
        store.transaction(async (tx) => {
          for (const entry of entries) await tx.points.append(entry)
        })

      it('has no account for a member before the first save', async () => {
        const memberId = await aMember()

        const account = await store.read.points.account(memberId)

        expect(account).toBeNull()
      })

      it('creates an account at version 1 and replaces it from version 1 with version 2', async () => {
        const memberId = await aMember()
        const opened = anAccount(memberId)
        const spent = { ...opened, balance: 20, lots: [{ ...opened.lots[0]!, remaining: 20 }] }

        const created = await saveAccount(opened)
        const afterCreate = await store.read.points.account(memberId)
        const replaced = await saveAccount({ ...spent, version: 2 })

        expect([created, replaced]).toEqual([{ ok: true }, { ok: true }])
        expect(afterCreate).toEqual(opened)
        expect(await store.read.points.account(memberId)).toEqual({ ...spent, version: 2 })
      })

      it('refuses a save that is not from the stored version and keeps the stored account', async () => {
        const memberId = await aMember()
        const stored = anAccount(memberId, { version: 2 })
        await saveAccount(anAccount(memberId))
        await saveAccount(stored)

        const stale = await saveAccount({ ...stored, balance: 999 })
        const skipped = await saveAccount({ ...stored, balance: 999, version: 4 })

        expect([stale, skipped]).toEqual([
          { ok: false, conflict: 'version' },
          { ok: false, conflict: 'version' },
        ])
        expect(await store.read.points.account(memberId)).toEqual(stored)
      })

      it('refuses a version 1 save when the account already exists', async () => {
        const memberId = await aMember()
        const first = anAccount(memberId)
        await saveAccount(first)

        const outcome = await saveAccount(anAccount(memberId, { balance: 999 }))

        expect(outcome).toEqual({ ok: false, conflict: 'version' })
        expect(await store.read.points.account(memberId)).toEqual(first)
      })

      it('refuses a later version of an account that was never created', async () => {
        const memberId = await aMember()

        const outcome = await saveAccount(anAccount(memberId, { version: 2 }))

        expect(outcome).toEqual({ ok: false, conflict: 'version' })
        expect(await store.read.points.account(memberId)).toBeNull()
      })

      it('reads back an appended entry with every field, including the lots it took from', async () => {
        const memberId = await aMember()
        const redeem = anEntry(memberId, {
          type: 'redeem',
          label: 'reward',
          points: -150,
          requestId: null,
          lotId: null,
          note: '兑换 食用油 5L',
          takes: [
            {
              lotId: unique('lot'),
              earnedAt: '2026-01-05T02:00:00.000Z',
              expiresAt: '2027-01-05T02:00:00.000Z',
              points: 100,
            },
            {
              lotId: unique('lot'),
              earnedAt: '2026-02-05T02:00:00.000Z',
              expiresAt: '2027-02-05T02:00:00.000Z',
              points: 50,
            },
          ],
        })

        await append(redeem)

        expect(await store.read.points.entry(redeem.id)).toEqual(redeem)
        expect(await store.read.points.entry(unique('entry'))).toBeNull()
      })

      it("lists a member's entries newest first, ties by id descending, a page at a time, with the total", async () => {
        const memberId = await aMember()
        const prefix = unique('entry')
        const oldest = anEntry(memberId, { id: `${prefix}-a`, at: '2026-11-01T02:00:00.000Z' })
        const tiedLow = anEntry(memberId, { id: `${prefix}-b`, at: '2026-11-02T02:00:00.000Z' })
        const tiedHigh = anEntry(memberId, { id: `${prefix}-c`, at: '2026-11-02T02:00:00.000Z' })
        const newest = anEntry(memberId, { id: `${prefix}-d`, at: '2026-11-03T02:00:00.000Z' })
        const someoneElse = anEntry(await aMember(), { at: '2026-11-04T02:00:00.000Z' })
        await append(tiedLow, newest, someoneElse, oldest, tiedHigh)

        const all = await store.read.points.history(memberId, 0, 10)
        const middle = await store.read.points.history(memberId, 1, 2)
        const beyond = await store.read.points.history(memberId, 4, 2)

        expect(all).toEqual({ items: [newest, tiedHigh, tiedLow, oldest], total: 4 })
        expect(middle).toEqual({ items: [tiedHigh, tiedLow], total: 4 })
        expect(beyond).toEqual({ items: [], total: 4 })
      })

      it("sums a member's signed ledger entries, and nobody else's", async () => {
        const memberId = await aMember()
        const otherId = await aMember()
        await append(
          anEntry(memberId, { points: 500 }),
          anEntry(memberId, { type: 'redeem', label: 'reward', points: -300 }),
          anEntry(memberId, { type: 'expire', label: 'expiry', points: -50 }),
          anEntry(otherId, { points: 1000 }),
        )

        const sum = await store.read.points.ledgerSum(memberId)

        expect(sum).toBe(150)
      })

      it('sums an empty ledger to 0', async () => {
        const memberId = await aMember()

        const sum = await store.read.points.ledgerSum(memberId)

        expect(sum).toBe(0)
      })

      it('pages through the account ids after a cursor in id order, skipping members without one', async () => {
        // Ids under one prefix of this run sort together, right after the prefix itself, so the
        // pages can be checked on a shared environment too.
        const prefix = unique('acct')
        const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((s) => `${prefix}-${s}`) as [
          string,
          string,
          string,
          string,
          string,
        ]
        for (const id of [a, b, c, d, e]) await insertMember(aMemberRecord({ id }))
        for (const id of [d, a, e, b]) await saveAccount(anAccount(id))
        await saveAccount(anAccount(a, { balance: 20, version: 2 }))
        const ours = (ids: string[]) => ids.filter((id) => id.startsWith(`${prefix}-`))

        const first = await store.read.points.accountIdsAfter(prefix, 2)
        const second = await store.read.points.accountIdsAfter(first[1]!, 2)
        const third = await store.read.points.accountIdsAfter(second[1]!, 2)
        const fromMissing = await store.read.points.accountIdsAfter(c, 1)
        const wide = await store.read.points.accountIdsAfter(prefix, 10)

        expect(first).toEqual([a, b])
        expect(second).toEqual([d, e])
        expect(ours(third)).toEqual([])
        expect(fromMissing).toEqual([d])
        expect(ours(wide)).toEqual([a, b, d, e])
      })

      it('counts the accounts, not the members or the saves', async () => {
        const before = await store.read.points.accountCount()
        const first = await aMember()
        const second = await aMember()
        await aMember()
        await saveAccount(anAccount(first))
        await saveAccount(anAccount(second))
        await saveAccount(anAccount(first, { balance: 20, version: 2 }))

        const count = await store.read.points.accountCount()

        expect(count).toBe(before + 2)
      })

      it('gives the entries of the listed members from `from` inclusive to `to` exclusive', async () => {
        const [first, second, unlisted] = [await aMember(), await aMember(), await aMember()]
        const from = '2026-01-01T00:00:00.000Z'
        const to = '2027-01-01T00:00:00.000Z'
        const atFrom = anEntry(first, { at: from, points: 100 })
        const reversal = anEntry(first, {
          type: 'reverse',
          label: 'purchase',
          points: -40,
          at: '2026-06-01T02:00:00.000Z',
        })
        const lastInstant = anEntry(second, { at: '2026-12-31T23:59:59.999Z', points: 300 })
        const outside = [
          anEntry(first, { at: '2025-12-31T23:59:59.999Z' }),
          anEntry(first, { at: to }),
          anEntry(second, { at: '2027-03-01T02:00:00.000Z' }),
          anEntry(unlisted, { at: '2026-06-01T02:00:00.000Z' }),
        ]
        await append(lastInstant, ...outside, reversal, atFrom)
        const asListed = ({ memberId, type, label, points, at }: LedgerEntry) => ({
          memberId,
          type,
          label,
          points,
          at,
        })
        const byMemberThenTime = (
          a: { memberId: string; at: string },
          b: { memberId: string; at: string },
        ) =>
          a.memberId === b.memberId ? a.at.localeCompare(b.at) : a.memberId < b.memberId ? -1 : 1

        const entries = await store.read.points.entriesBetween([first, second], from, to)
        const none = await store.read.points.entriesBetween([], from, to)

        expect([...entries].sort(byMemberThenTime)).toEqual(
          [atFrom, reversal, lastInstant].map(asListed).sort(byMemberThenTime),
        )
        expect(none).toEqual([])
      })
    })

    describe('outbox', () => {
      const add = (message: OutboxMessage) => store.transaction((tx) => tx.outbox.add(message))

      it('adds a message once: a second add with the same id is refused and changes nothing', async () => {
        const message = aMessage(unique('m'))

        const first = await add(message)
        const again = await add({ ...message, payload: { points: 999 }, status: 'sent' })

        expect([first, again]).toEqual([true, false])
        expect(await store.read.outbox.forMember(message.memberId)).toEqual([message])
      })

      it('adds a message whose id is new without looking first, and tells which ids are taken', async () => {
        const message = aMessage(unique('m'))
        const free = unique('msg')

        await store.transaction((tx) => tx.outbox.addNew(message))
        const inside = await store.transaction((tx) => tx.outbox.taken([free, message.id]))

        expect(await store.read.outbox.forMember(message.memberId)).toEqual([message])
        expect(inside).toEqual([message.id])
        expect(await store.read.outbox.taken([])).toEqual([])
      })

      it('refuses a second add of the same id within one transaction', async () => {
        const message = aMessage(unique('m'))

        const added = await store.transaction(async (tx) => [
          await tx.outbox.add(message),
          await tx.outbox.add({ ...message, kind: 'other' }),
        ])

        expect(added).toEqual([true, false])
        expect(await store.read.outbox.forMember(message.memberId)).toEqual([message])
      })

      it("lists a member's messages by creation time then id, and nobody else's", async () => {
        const memberId = unique('m')
        const prefix = unique('msg')
        const oldest = aMessage(memberId, {
          id: `${prefix}-c`,
          createdAt: '2026-11-01T02:00:00.000Z',
        })
        const tiedLow = aMessage(memberId, {
          id: `${prefix}-a`,
          createdAt: '2026-11-02T02:00:00.000Z',
        })
        const tiedHigh = aMessage(memberId, {
          id: `${prefix}-b`,
          createdAt: '2026-11-02T02:00:00.000Z',
          status: 'sent',
        })
        const newest = aMessage(memberId, {
          id: `${prefix}-d`,
          createdAt: '2026-11-03T02:00:00.000Z',
          status: 'failed',
        })
        const elsewhere = aMessage(unique('m'), { createdAt: '2026-11-02T02:00:00.000Z' })
        await store.transaction(async (tx) => {
          for (const message of [tiedHigh, newest, elsewhere, oldest, tiedLow]) {
            await tx.outbox.add(message)
          }
        })

        const listed = await store.read.outbox.forMember(memberId)

        expect(listed).toEqual([oldest, tiedLow, tiedHigh, newest])
        expect(await store.read.outbox.forMember(unique('m'))).toEqual([])
      })

      it('leaves no message behind when the work that added it throws', async () => {
        const message = aMessage(unique('m'))

        const run = store.transaction(async (tx) => {
          await tx.outbox.add(message)
          throw new Error('work failed after its writes')
        })

        await expect(run).rejects.toThrow('work failed after its writes')
        expect(await store.read.outbox.forMember(message.memberId)).toEqual([])
        expect(await add(message)).toBe(true)
      })
    })

    describeNotificationRepositories({ store: () => store, unique })

    describe('jobs', () => {
      const save = (run: JobRun) => store.transaction((tx) => tx.jobs.save(run))

      it('has no run under an unknown id', async () => {
        const run = await store.read.jobs.get(unique('job'))

        expect(run).toBeNull()
      })

      it('creates a run at version 1 and replaces it from version 1 with version 2', async () => {
        const started = aJobRun()
        const advanced: JobRun = {
          ...started,
          cursor: unique('m'),
          processed: 1,
          totals: { expiredPoints: 120, expiredAccounts: 1, warnings: 2 },
          version: 2,
        }

        const created = await save(started)
        const afterCreate = await store.read.jobs.get(started.id)
        const replaced = await save(advanced)

        expect([created, replaced]).toEqual([{ ok: true }, { ok: true }])
        expect(afterCreate).toEqual(started)
        expect(await store.read.jobs.get(started.id)).toEqual(advanced)
      })

      it('refuses a stale, a skipped or a repeated first save and keeps the stored run', async () => {
        const started = aJobRun()
        await save(started)
        const done: JobRun = {
          ...started,
          status: 'done',
          cursor: unique('m'),
          processed: 3,
          finishedAt: '2026-11-21T18:05:00.000Z',
          version: 2,
        }
        await save(done)

        const stale = await save({ ...done, processed: 4 })
        const skipped = await save({ ...done, processed: 5, version: 4 })
        const restarted = await save(aJobRun({ id: started.id }))

        expect([stale, skipped, restarted]).toEqual([
          { ok: false, conflict: 'version' },
          { ok: false, conflict: 'version' },
          { ok: false, conflict: 'version' },
        ])
        expect(await store.read.jobs.get(started.id)).toEqual(done)
      })

      it('refuses a later version of a run that was never created', async () => {
        const ghost = aJobRun({ version: 2 })

        const outcome = await save(ghost)

        expect(outcome).toEqual({ ok: false, conflict: 'version' })
        expect(await store.read.jobs.get(ghost.id)).toBeNull()
      })
    })

    describe('starRules', () => {
      const put = (rule: StarRule) => store.transaction((tx) => tx.starRules.put(rule))
      const ours = (rules: StarRule[], years: number[]) =>
        rules.filter((rule) => years.includes(rule.effectiveYear))

      it('keeps one rule per effective year, the later put replacing the earlier, listed by year', async () => {
        const [early, middle, late] = [aStarRule(aYear()), aStarRule(aYear()), aStarRule(aYear())]
        const replaced = aStarRule(middle.effectiveYear, {
          thresholds: [2000, 4000, 6000, 12000],
          setAt: '2026-11-22T02:00:00.000Z',
        })
        for (const rule of [late, early, middle]) await put(rule)

        await put(replaced)

        const years = [early, middle, late].map((rule) => rule.effectiveYear)
        expect(ours(await store.read.starRules.all(), years)).toEqual([early, replaced, late])
      })
    })

    describe('starImports', () => {
      const save = (starImport: StarImport) =>
        store.transaction((tx) => tx.starImports.save(starImport))

      it('has no import for a year before the first save', async () => {
        const starImport = await store.read.starImports.get(aYear())

        expect(starImport).toBeNull()
      })

      it('creates an import at version 1 and replaces it from version 1 with version 2', async () => {
        const first = aStarImport(aYear())
        const corrected: StarImport = {
          ...first,
          rows: [{ licenceHash: unique('licence'), star: 2 }],
          importedAt: '2026-11-22T02:00:00.000Z',
          version: 2,
        }

        const created = await save(first)
        const afterCreate = await store.read.starImports.get(first.year)
        const replaced = await save(corrected)

        expect([created, replaced]).toEqual([{ ok: true }, { ok: true }])
        expect(afterCreate).toEqual(first)
        expect(await store.read.starImports.get(first.year)).toEqual(corrected)
      })

      it('refuses a stale, a skipped or a repeated first save and keeps the stored import', async () => {
        const first = aStarImport(aYear())
        await save(first)
        const stored = { ...first, importedBy: unique('staff'), version: 2 }
        await save(stored)

        const stale = await save({ ...stored, importedBy: unique('staff') })
        const skipped = await save({ ...stored, version: 4 })
        const repeated = await save(aStarImport(first.year))
        const ghost = aStarImport(aYear(), { version: 2 })
        const neverCreated = await save(ghost)

        expect([stale, skipped, repeated, neverCreated]).toEqual(
          Array(4).fill({ ok: false, conflict: 'version' }),
        )
        expect(await store.read.starImports.get(first.year)).toEqual(stored)
        expect(await store.read.starImports.get(ghost.year)).toBeNull()
      })
    })

    describe('clubs', () => {
      const aMember = async (id = unique('m')) => {
        await insertMember(aMemberRecord({ id, status: 'active' }))
        return id
      }
      const save = (club: ClubMembership) => store.transaction((tx) => tx.clubs.save(club))

      it('reads the memberships of several members in one call, skipping those without one', async () => {
        const [a, b, none] = [await aMember(), await aMember(), await aMember()]
        const clubs = [
          aClub(a),
          aClub(b, { state: 'active', joinedAt: '2026-03-01T02:00:00.000Z' }),
        ]
        for (const club of clubs) await save(club)

        const read = await store.transaction((tx) => tx.clubs.byMembers([b, none, a]))

        const byMember = (x: ClubMembership, y: ClubMembership) =>
          x.memberId.localeCompare(y.memberId)
        expect([...read].sort(byMember)).toEqual([...clubs].sort(byMember))
        expect(await store.read.clubs.byMembers([])).toEqual([])
      })

      it('reads back a saved membership by member with every field intact, or nothing', async () => {
        const memberId = await aMember()
        const club = aClub(memberId, {
          state: 'suspended',
          joinedAt: '2026-03-01T02:00:00.000Z',
          graceYear: 2026,
          decidedBy: unique('staff'),
          reason: '违规转售',
          resumeState: 'grace',
        })

        const outcome = await save(club)

        expect(outcome).toEqual({ ok: true })
        expect(await store.read.clubs.byMember(memberId)).toEqual(club)
        expect(await store.read.clubs.byMember(await aMember())).toBeNull()
      })

      it('replaces a membership only from the version just before and refuses a stale or repeated first save', async () => {
        const memberId = await aMember()
        const applied = aClub(memberId)
        await save(applied)
        const joined: ClubMembership = {
          ...applied,
          state: 'active',
          since: '2026-11-22T02:00:00.000Z',
          joinedAt: '2026-11-22T02:00:00.000Z',
          decidedBy: unique('staff'),
          version: 2,
        }

        const first = await save(joined)
        const stale = await save({ ...joined, state: 'rejected' })
        const skipped = await save({ ...joined, state: 'exited', version: 4 })
        const repeated = await save(aClub(memberId, { state: 'withdrawn' }))

        expect([first, stale, skipped, repeated]).toEqual([
          { ok: true },
          { ok: false, conflict: 'version' },
          { ok: false, conflict: 'version' },
          { ok: false, conflict: 'version' },
        ])
        expect(await store.read.clubs.byMember(memberId)).toEqual(joined)
      })

      it('lists one state by the time it began, then member id, a page at a time, with the total', async () => {
        // Times later than any other run's keep this run's rows last on a shared environment.
        const at = laterThanOthers()
        const before = (await store.read.clubs.listByState('applied', 0, 1)).total
        const prefix = unique('club')
        const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((s) => `${prefix}-${s}`) as [
          string,
          string,
          string,
          string,
        ]
        for (const id of [a, b, c, d]) await aMember(id)
        const last = aClub(c, { since: at(2) })
        const tiedB = aClub(b, { since: at(1) })
        const tiedA = aClub(a, { since: at(1) })
        const elsewhere = aClub(d, { state: 'active', since: at(0) })
        for (const club of [last, tiedB, elsewhere, tiedA]) await save(club)

        const all = await store.read.clubs.listByState('applied', before, 10)
        const second = await store.read.clubs.listByState('applied', before + 1, 1)

        expect(all).toEqual({ items: [tiedA, tiedB, last], total: before + 3 })
        expect(second).toEqual({ items: [tiedB], total: before + 3 })
      })
    })

    describe('suggestions', () => {
      const aMember = async () => {
        const member = aMemberRecord({ status: 'active' })
        await insertMember(member)
        return member.id
      }
      const save = (suggestion: Suggestion) =>
        store.transaction((tx) => tx.suggestions.save(suggestion))

      it('reads back a saved suggestion by id, and its answer saved as the next version', async () => {
        const suggestion = aSuggestion(await aMember())
        const reply = answered(suggestion, '2026-11-22T02:00:00.000Z')

        const created = await save(suggestion)
        const afterCreate = await store.read.suggestions.byId(suggestion.id)
        const replied = await save(reply)

        expect([created, replied]).toEqual([{ ok: true }, { ok: true }])
        expect(afterCreate).toEqual(suggestion)
        expect(await store.read.suggestions.byId(suggestion.id)).toEqual(reply)
        expect(await store.read.suggestions.byId(unique('sug'))).toBeNull()
      })

      it('refuses a stale, a skipped or a repeated first save and keeps the stored suggestion', async () => {
        const suggestion = aSuggestion(await aMember())
        await save(suggestion)
        const reply = answered(suggestion, '2026-11-22T02:00:00.000Z')
        await save(reply)

        const stale = await save(answered(suggestion, '2026-11-23T02:00:00.000Z'))
        const skipped = await save({ ...reply, answer: '改了', version: 4 })
        const repeated = await save({ ...suggestion, text: '另一条' })

        expect([stale, skipped, repeated]).toEqual(
          Array(3).fill({ ok: false, conflict: 'version' }),
        )
        expect(await store.read.suggestions.byId(suggestion.id)).toEqual(reply)
      })

      it("lists a member's suggestions newest first, ties by id descending, and nobody else's", async () => {
        const memberId = await aMember()
        const prefix = unique('sug')
        const oldest = aSuggestion(memberId, {
          id: `${prefix}-c`,
          createdAt: '2026-11-01T02:00:00.000Z',
        })
        const tiedLow = aSuggestion(memberId, {
          id: `${prefix}-a`,
          createdAt: '2026-11-02T02:00:00.000Z',
        })
        const tiedHigh = aSuggestion(memberId, {
          id: `${prefix}-b`,
          createdAt: '2026-11-02T02:00:00.000Z',
        })
        const newest = aSuggestion(memberId, {
          id: `${prefix}-d`,
          createdAt: '2026-11-03T02:00:00.000Z',
        })
        const elsewhere = aSuggestion(await aMember())
        for (const suggestion of [tiedLow, newest, elsewhere, oldest, tiedHigh]) {
          await save(suggestion)
        }

        const listed = await store.read.suggestions.forMember(memberId)

        expect(listed).toEqual([newest, tiedHigh, tiedLow, oldest])
        expect(await store.read.suggestions.forMember(await aMember())).toEqual([])
      })

      it('lists unanswered suggestions oldest first, then id, a page at a time, with the total', async () => {
        // Times later than any other run's keep this run's rows last on a shared environment.
        const at = laterThanOthers()
        const before = (await store.read.suggestions.list(false, 0, 1)).total
        const memberId = await aMember()
        const prefix = unique('sug')
        const last = aSuggestion(memberId, { id: `${prefix}-c`, createdAt: at(2) })
        const tiedB = aSuggestion(memberId, { id: `${prefix}-b`, createdAt: at(1) })
        const tiedA = aSuggestion(memberId, { id: `${prefix}-a`, createdAt: at(1) })
        const replied = aSuggestion(memberId, { id: `${prefix}-d`, createdAt: at(0) })
        for (const suggestion of [last, tiedB, replied, tiedA]) await save(suggestion)
        await save(answered(replied, at(3)))

        const all = await store.read.suggestions.list(false, before, 10)
        const second = await store.read.suggestions.list(false, before + 1, 1)

        expect(all).toEqual({ items: [tiedA, tiedB, last], total: before + 3 })
        expect(second).toEqual({ items: [tiedB], total: before + 3 })
      })

      it('lists answered suggestions newest answer first, then id descending, with the total', async () => {
        // Answers later than any other run's put this run's rows first on a shared environment.
        const at = laterThanOthers()
        const before = (await store.read.suggestions.list(true, 0, 1)).total
        const memberId = await aMember()
        const prefix = unique('sug')
        const [firstAsked, tiedA, tiedB, open] = ['d', 'a', 'b', 'c'].map((s, i) =>
          aSuggestion(memberId, { id: `${prefix}-${s}`, createdAt: at(i) }),
        ) as [Suggestion, Suggestion, Suggestion, Suggestion]
        for (const suggestion of [firstAsked, tiedA, tiedB, open]) await save(suggestion)
        const earliest = answered(firstAsked, at(10))
        const tiedHigh = answered(tiedB, at(11))
        const tiedLow = answered(tiedA, at(11))
        for (const reply of [tiedLow, earliest, tiedHigh]) await save(reply)

        const all = await store.read.suggestions.list(true, 0, 3)
        const second = await store.read.suggestions.list(true, 1, 1)

        expect(all).toEqual({ items: [tiedHigh, tiedLow, earliest], total: before + 3 })
        expect(second).toEqual({ items: [tiedLow], total: before + 3 })
      })
    })

    describeComplaintRepository({
      store: () => store,
      unique,
      aMember: async () => {
        const member = aMemberRecord({ status: 'active' })
        await insertMember(member)
        return member.id
      },
    })

    describePhotoUploadRepository({ store: () => store, unique })

    describe('events', () => {
      const save = (event: ClubEvent) => store.transaction((tx) => tx.events.save(event))
      const saveAll = async (...events: ClubEvent[]) => {
        for (const event of events) await save(event)
      }
      const list = (query: EventQuery, offset: number, limit: number) =>
        store.read.events.list(query, offset, limit)

      it('reads back a saved event by id with every field intact, or nothing', async () => {
        const event = anEvent({
          kind: 'training',
          coverImage: 'cloud://env/events/cover.png',
          clubOnly: true,
          minStar: 3,
          acknowledgement: '本人已知晓活动安全须知',
          mode: 'selection',
          status: 'cancelled',
          capacity: 8,
          confirmed: 8,
          signups: 11,
          checkedIn: 6,
          noShowsMarked: true,
          cancelReason: '场地临时关闭',
        })

        const outcome = await save(event)

        expect(outcome).toEqual({ ok: true })
        expect(await store.read.events.byId(event.id)).toEqual(event)
        expect(await store.read.events.byId(unique('ev'))).toBeNull()
      })

      it('replaces an event only from the version just before and refuses a stale, skipped or repeated first save', async () => {
        const draft = anEvent({ status: 'draft', publishedAt: null })
        await save(draft)
        const published: ClubEvent = {
          ...draft,
          status: 'published',
          publishedAt: '2026-11-21T02:00:00.000Z',
          updatedAt: '2026-11-21T02:00:00.000Z',
          version: 2,
        }
        const ghost = anEvent({ version: 2 })

        const first = await save(published)
        const stale = await save({ ...published, title: '改期后的品鉴会' })
        const skipped = await save({ ...published, title: '改期后的品鉴会', version: 4 })
        const repeated = await save(anEvent({ id: draft.id }))
        const neverCreated = await save(ghost)

        expect([first, stale, skipped, repeated, neverCreated]).toEqual([
          { ok: true },
          ...Array(4).fill({ ok: false, conflict: 'version' }),
        ])
        expect(await store.read.events.byId(draft.id)).toEqual(published)
        expect(await store.read.events.byId(ghost.id)).toBeNull()
      })

      it('lists upcoming events of the statuses asked for, not yet ended, soonest start first, then id, a page at a time, with the total', async () => {
        // Times later than any other run's keep this run's rows last on a shared environment.
        const at = laterThanOthers()
        const query: EventQuery = {
          statuses: ['published', 'cancelled'],
          when: { upcoming: true, now: at(100) },
        }
        const before = (await list(query, 0, 1)).total
        const prefix = unique('ev')
        const running = anEvent({ id: `${prefix}-e`, startAt: at(90), endAt: at(101) })
        const tiedA = anEvent({ id: `${prefix}-a`, startAt: at(105), endAt: at(130) })
        const tiedB = anEvent({
          id: `${prefix}-b`,
          status: 'cancelled',
          cancelReason: '报名人数不足',
          startAt: at(105),
          endAt: at(106),
        })
        const latest = anEvent({ id: `${prefix}-c`, startAt: at(110), endAt: at(120) })
        const endedNow = anEvent({ id: `${prefix}-d`, startAt: at(80), endAt: at(100) })
        const draft = anEvent({
          id: `${prefix}-f`,
          status: 'draft',
          publishedAt: null,
          startAt: at(102),
          endAt: at(200),
        })
        await saveAll(latest, endedNow, tiedB, draft, running, tiedA)

        const all = await list(query, before, 10)
        const middle = await list(query, before + 1, 2)

        expect(all).toEqual({ items: [running, tiedA, tiedB, latest], total: before + 4 })
        expect(middle).toEqual({ items: [tiedA, tiedB], total: before + 4 })
      })

      it('lists past events of the statuses asked for, ended by now, latest start first, then id descending, with the total', async () => {
        // Times later than any other run's put this run's rows first on a shared environment.
        const at = laterThanOthers()
        const query: EventQuery = {
          statuses: ['published'],
          when: { upcoming: false, now: at(100) },
        }
        const before = (await list(query, 0, 1)).total
        const prefix = unique('ev')
        const endedNow = anEvent({ id: `${prefix}-c`, startAt: at(90), endAt: at(100) })
        const tiedHigh = anEvent({ id: `${prefix}-b`, startAt: at(50), endAt: at(60) })
        const tiedLow = anEvent({ id: `${prefix}-a`, startAt: at(50), endAt: at(55) })
        const running = anEvent({ id: `${prefix}-d`, startAt: at(95), endAt: at(101) })
        const cancelled = anEvent({
          id: `${prefix}-e`,
          status: 'cancelled',
          startAt: at(70),
          endAt: at(80),
        })
        await saveAll(tiedLow, running, endedNow, cancelled, tiedHigh)

        const first = await list(query, 0, 3)
        const second = await list(query, 1, 1)

        expect(first).toEqual({ items: [endedNow, tiedHigh, tiedLow], total: before + 3 })
        expect(second).toEqual({ items: [tiedHigh], total: before + 3 })
      })

      it('lists only events of the kind asked for', async () => {
        const at = laterThanOthers()
        const query: EventQuery = {
          statuses: ['published'],
          kind: 'sports',
          when: { upcoming: true, now: at(0) },
        }
        const before = (await list(query, 0, 1)).total
        const match = anEvent({ kind: 'sports', startAt: at(10), endAt: at(20) })
        const laterMatch = anEvent({ kind: 'sports', startAt: at(30), endAt: at(40) })
        const otherKind = anEvent({ kind: 'tasting', startAt: at(5), endAt: at(20) })
        await saveAll(laterMatch, otherKind, match)

        const listed = await list(query, before, 10)

        expect(listed).toEqual({ items: [match, laterMatch], total: before + 2 })
      })

      it('lists events of any time, latest start first, then id descending, when no time is asked', async () => {
        // Times later than any other run's put this run's rows first on a shared environment.
        const at = laterThanOthers()
        const query: EventQuery = { statuses: ['draft', 'published'] }
        const before = (await list(query, 0, 1)).total
        const prefix = unique('ev')
        const future = anEvent({
          id: `${prefix}-c`,
          status: 'draft',
          publishedAt: null,
          startAt: at(100),
          endAt: at(110),
        })
        const tiedHigh = anEvent({ id: `${prefix}-b`, startAt: at(50), endAt: at(60) })
        const tiedLow = anEvent({ id: `${prefix}-a`, startAt: at(50), endAt: at(200) })
        const cancelled = anEvent({
          id: `${prefix}-d`,
          status: 'cancelled',
          startAt: at(120),
          endAt: at(130),
        })
        await saveAll(tiedLow, cancelled, future, tiedHigh)

        const first = await list(query, 0, 3)
        const second = await list(query, 1, 1)

        expect(first).toEqual({ items: [future, tiedHigh, tiedLow], total: before + 3 })
        expect(second).toEqual({ items: [tiedHigh], total: before + 3 })
      })

      it('lists published events ended by the given time whose no-shows are not marked, by end then id, up to the limit', async () => {
        // Times later than any other run's keep this run's rows last on a shared environment.
        const at = laterThanOthers()
        const others = (await store.read.events.endedUnmarked(at(100), 1_000)).length
        const prefix = unique('ev')
        const earliest = anEvent({ id: `${prefix}-c`, startAt: at(0), endAt: at(10) })
        const tiedB = anEvent({ id: `${prefix}-b`, startAt: at(5), endAt: at(20) })
        const tiedA = anEvent({ id: `${prefix}-a`, startAt: at(15), endAt: at(20) })
        const endsAtCutoff = anEvent({ id: `${prefix}-d`, startAt: at(50), endAt: at(100) })
        const notEnded = anEvent({ startAt: at(90), endAt: at(101) })
        const marked = anEvent({ startAt: at(0), endAt: at(5), noShowsMarked: true })
        const draft = anEvent({ status: 'draft', publishedAt: null, startAt: at(0), endAt: at(5) })
        const cancelled = anEvent({ status: 'cancelled', startAt: at(0), endAt: at(5) })
        await saveAll(endsAtCutoff, marked, tiedB, notEnded, draft, earliest, cancelled, tiedA)

        const all = await store.read.events.endedUnmarked(at(100), others + 10)
        const limited = await store.read.events.endedUnmarked(at(100), others + 2)

        expect(all.slice(others)).toEqual([earliest, tiedA, tiedB, endsAtCutoff])
        expect(limited.slice(others)).toEqual([earliest, tiedA])
      })
    })

    describe('signups', () => {
      const aMember = async () => {
        const member = aMemberRecord({ status: 'active' })
        await insertMember(member)
        return member.id
      }
      const aStoredEvent = async (overrides: Partial<ClubEvent> = {}) => {
        const event = anEvent(overrides)
        await store.transaction((tx) => tx.events.save(event))
        return event.id
      }
      const save = (signup: Signup) => store.transaction((tx) => tx.signups.save(signup))
      /** Sign-ups of new members for one event, saved in the order given. */
      const signUps = async (eventId: string, ...rows: Partial<Signup>[]) => {
        const saved: Signup[] = []
        for (const row of rows) {
          const signup = aSignup(eventId, await aMember(), row)
          await save(signup)
          saved.push(signup)
        }
        return saved
      }

      it('reads back a saved sign-up by event and member with every field intact, or nothing', async () => {
        const eventId = await aStoredEvent()
        const memberId = await aMember()
        const signup = aSignup(eventId, memberId, {
          seq: 3,
          acknowledged: true,
          checkedInAt: '2026-12-05T06:05:00.000Z',
          checkedInBy: unique('staff'),
          noShowAt: '2026-12-05T09:00:00.000Z',
        })

        const outcome = await save(signup)

        expect(outcome).toEqual({ ok: true })
        expect(await store.read.signups.get(eventId, memberId)).toEqual(signup)
        expect(await store.read.signups.get(eventId, await aMember())).toBeNull()
        expect(await store.read.signups.get(await aStoredEvent(), memberId)).toBeNull()
      })

      it('reads the sign-ups of the members asked for, of that event only, in one read', async () => {
        const eventId = await aStoredEvent()
        const [a, b, c] = await signUps(eventId, { seq: 1 }, { seq: 2 }, { seq: 3 })
        const elsewhere = await signUps(await aStoredEvent(), { seq: 1 })

        const read = await store.transaction((tx) =>
          tx.signups.ofMembers(eventId, [a!.memberId, c!.memberId, elsewhere[0]!.memberId]),
        )

        expect([...read].sort((x, y) => x.seq - y.seq)).toEqual([a, c])
        expect(await store.read.signups.ofMembers(eventId, [])).toEqual([])
        expect(b).toBeDefined()
      })

      it('replaces a sign-up only from the version just before and refuses a stale, skipped or repeated first save', async () => {
        const eventId = await aStoredEvent()
        const memberId = await aMember()
        const confirmed = aSignup(eventId, memberId)
        await save(confirmed)
        const cancelled: Signup = {
          ...confirmed,
          status: 'cancelled',
          updatedAt: '2026-11-27T02:00:00.000Z',
          version: 2,
        }
        const ghost = aSignup(eventId, await aMember(), { seq: 9, version: 2 })

        const first = await save(cancelled)
        const stale = await save({ ...cancelled, status: 'waitlisted' })
        const skipped = await save({ ...cancelled, status: 'waitlisted', version: 4 })
        const repeated = await save(aSignup(eventId, memberId, { seq: 2 }))
        const neverCreated = await save(ghost)

        expect([first, stale, skipped, repeated, neverCreated]).toEqual([
          { ok: true },
          ...Array(4).fill({ ok: false, conflict: 'version' }),
        ])
        expect(await store.read.signups.get(eventId, memberId)).toEqual(cancelled)
        expect(await store.read.signups.get(eventId, ghost.memberId)).toBeNull()
      })

      it('keeps one sign-up per member and event: signing up again replaces the cancelled one at the back', async () => {
        const eventId = await aStoredEvent()
        const [cancelled, other] = (await signUps(
          eventId,
          { status: 'cancelled', seq: 1 },
          { seq: 2 },
        )) as [Signup, Signup]
        const again: Signup = {
          ...cancelled,
          status: 'waitlisted',
          seq: 3,
          updatedAt: '2026-11-28T02:00:00.000Z',
          version: 2,
        }

        const outcome = await save(again)

        expect(outcome).toEqual({ ok: true })
        expect(await store.read.signups.forEvent(eventId, null, 0, 10)).toEqual({
          items: [other, again],
          total: 2,
        })
      })

      it("lists an event's sign-ups of every status in arrival order, a page at a time, with the total, and no other event's", async () => {
        const eventId = await aStoredEvent()
        const [third, first, fifth, second, fourth] = (await signUps(
          eventId,
          { status: 'cancelled', seq: 3 },
          { status: 'confirmed', seq: 1 },
          { status: 'waitlisted', seq: 5 },
          { status: 'confirmed', seq: 2 },
          { status: 'waitlisted', seq: 4 },
        )) as [Signup, Signup, Signup, Signup, Signup]
        await signUps(await aStoredEvent(), { seq: 6 })

        const all = await store.read.signups.forEvent(eventId, null, 0, 10)
        const middle = await store.read.signups.forEvent(eventId, null, 1, 2)
        const beyond = await store.read.signups.forEvent(eventId, null, 5, 2)
        const none = await store.read.signups.forEvent(eventId, null, 0, 0)

        expect(all).toEqual({ items: [first, second, third, fourth, fifth], total: 5 })
        expect(middle).toEqual({ items: [second, third], total: 5 })
        expect(beyond).toEqual({ items: [], total: 5 })
        expect(none).toEqual({ items: [], total: 5 })
      })

      it("lists an event's sign-ups of one status in arrival order, a page at a time, with their total", async () => {
        const eventId = await aStoredEvent()
        const [later, , earlier] = (await signUps(
          eventId,
          { status: 'waitlisted', seq: 5 },
          { status: 'confirmed', seq: 1 },
          { status: 'waitlisted', seq: 2 },
          { status: 'cancelled', seq: 3 },
        )) as [Signup, Signup, Signup, Signup]
        await signUps(await aStoredEvent(), { status: 'waitlisted', seq: 4 })

        const waitlisted = await store.read.signups.forEvent(eventId, 'waitlisted', 0, 10)
        const second = await store.read.signups.forEvent(eventId, 'waitlisted', 1, 1)
        const applied = await store.read.signups.forEvent(eventId, 'applied', 0, 10)

        expect(waitlisted).toEqual({ items: [earlier, later], total: 2 })
        expect(second).toEqual({ items: [later], total: 2 })
        expect(applied).toEqual({ items: [], total: 0 })
      })

      it('gives the waitlisted sign-up that arrived first, whatever arrived before it in other statuses', async () => {
        const eventId = await aStoredEvent()
        const [, , , head] = await signUps(
          eventId,
          { status: 'waitlisted', seq: 6 },
          { status: 'cancelled', seq: 2 },
          { status: 'confirmed', seq: 1 },
          { status: 'waitlisted', seq: 4 },
          { status: 'confirmed', seq: 3 },
        )
        await signUps(await aStoredEvent(), { status: 'waitlisted', seq: 1 })

        const first = await store.read.signups.firstWaitlisted(eventId)

        expect(first).toEqual(head)
      })

      it('gives no waitlisted sign-up when nobody waits', async () => {
        const eventId = await aStoredEvent()
        await signUps(eventId, { status: 'confirmed', seq: 1 }, { status: 'cancelled', seq: 2 })

        const first = await store.read.signups.firstWaitlisted(eventId)

        expect(first).toBeNull()
        expect(await store.read.signups.firstWaitlisted(await aStoredEvent())).toBeNull()
      })

      it('gives, inside a transaction, the next on the waitlist once that transaction promoted the first', async () => {
        const eventId = await aStoredEvent()
        const [, , next] = (await signUps(
          eventId,
          { status: 'confirmed', seq: 1 },
          { status: 'waitlisted', seq: 2 },
          { status: 'waitlisted', seq: 3 },
        )) as [Signup, Signup, Signup]

        const afterPromotion = await store.transaction(async (tx) => {
          const head = (await tx.signups.firstWaitlisted(eventId))!
          await tx.signups.save({ ...head, status: 'confirmed', version: head.version + 1 })
          return tx.signups.firstWaitlisted(eventId)
        })

        expect(afterPromotion).toEqual(next)
        expect(await store.read.signups.firstWaitlisted(eventId)).toEqual(next)
      })

      it('counts the sign-ups of a status that arrived before an arrival number, in that event only', async () => {
        const eventId = await aStoredEvent()
        await signUps(
          eventId,
          { status: 'waitlisted', seq: 5 },
          { status: 'confirmed', seq: 1 },
          { status: 'waitlisted', seq: 2 },
          { status: 'cancelled', seq: 3 },
          { status: 'waitlisted', seq: 4 },
        )
        await signUps(await aStoredEvent(), { status: 'waitlisted', seq: 1 })

        const counts = await Promise.all([
          store.read.signups.countBefore(eventId, 'waitlisted', 5),
          store.read.signups.countBefore(eventId, 'waitlisted', 4),
          store.read.signups.countBefore(eventId, 'waitlisted', 2),
          store.read.signups.countBefore(eventId, 'confirmed', 5),
          store.read.signups.countBefore(eventId, 'applied', 5),
        ])

        expect(counts).toEqual([2, 1, 0, 1, 0])
      })

      it("lists a member's sign-ups newest first, ties by event id descending, and nobody else's", async () => {
        const memberId = await aMember()
        const prefix = unique('ev')
        const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((s) => `${prefix}-${s}`) as [
          string,
          string,
          string,
          string,
        ]
        for (const id of [a, b, c, d]) await aStoredEvent({ id })
        const oldest = aSignup(c, memberId, { createdAt: '2026-11-01T02:00:00.000Z' })
        const tiedLow = aSignup(a, memberId, { createdAt: '2026-11-02T02:00:00.000Z' })
        const tiedHigh = aSignup(b, memberId, { createdAt: '2026-11-02T02:00:00.000Z' })
        const newest = aSignup(d, memberId, {
          status: 'cancelled',
          createdAt: '2026-11-03T02:00:00.000Z',
        })
        const someoneElse = aSignup(d, await aMember(), {
          seq: 2,
          createdAt: '2026-11-04T02:00:00.000Z',
        })
        for (const signup of [tiedLow, newest, someoneElse, oldest, tiedHigh]) await save(signup)

        const listed = await store.read.signups.forMember(memberId)

        expect(listed).toEqual([newest, tiedHigh, tiedLow, oldest])
        expect(await store.read.signups.forMember(await aMember())).toEqual([])
      })
    })

    describe('catalogue', () => {
      const save = (item: RewardItem) => store.transaction((tx) => tx.catalogue.save(item))

      it('reads back a saved item by id with every field intact', async () => {
        const item = anItem({
          imageUrl: 'cloud://env/rewards/oil.png',
          faceValueFen: 5000,
          availableFrom: '2026-11-01T00:00:00.000Z',
          availableUntil: '2026-12-31T16:00:00.000Z',
          active: false,
        })

        const outcome = await save(item)

        expect(outcome).toEqual({ ok: true })
        expect(await store.read.catalogue.byId(item.id)).toEqual(item)
        expect(await store.read.catalogue.byId(unique('item'))).toBeNull()
      })

      it('lists every item by points price, then id', async () => {
        const prefix = unique('item')
        const dearest = anItem({ id: `${prefix}-a`, pointsPrice: 12_000 })
        const tiedHigh = anItem({ id: `${prefix}-c`, pointsPrice: 500 })
        const tiedLow = anItem({ id: `${prefix}-b`, pointsPrice: 500 })
        const cheapest = anItem({ id: `${prefix}-d`, pointsPrice: 100, active: false })
        for (const item of [dearest, tiedHigh, cheapest, tiedLow]) await save(item)

        const all = await store.read.catalogue.all()

        // Only this test's items: a shared environment may hold others.
        const ours = all.filter((item) => item.id.startsWith(prefix))
        expect(ours).toEqual([cheapest, tiedLow, tiedHigh, dearest])
      })

      it('replaces an item only from the version just before and refuses a stale one', async () => {
        const item = anItem()
        await save(item)
        const restocked = { ...item, stock: 50, version: 2 }

        const first = await save(restocked)
        const stale = await save({ ...item, stock: 0, version: 2 })
        const duplicate = await save(anItem({ id: item.id }))

        expect([first, stale, duplicate]).toEqual([
          { ok: true },
          { ok: false, conflict: 'version' },
          { ok: false, conflict: 'version' },
        ])
        expect(await store.read.catalogue.byId(item.id)).toEqual(restocked)
      })
    })

    describe('vouchers', () => {
      /** A member who redeemed an item: the rows a voucher refers to. */
      const aRedemption = async () => {
        const member = aMemberRecord({ status: 'active' })
        const item = anItem({ faceValueFen: 5000 })
        const entry = anEntry(member.id, { type: 'redeem', label: 'reward', points: -800 })
        await insertMember(member)
        await store.transaction(async (tx) => {
          await tx.catalogue.save(item)
          await tx.points.append(entry)
        })
        return { memberId: member.id, item, entryId: entry.id }
      }
      const save = (voucher: VoucherRecord) => store.transaction((tx) => tx.vouchers.save(voucher))

      it('reads back a saved voucher by its code', async () => {
        const { memberId, item, entryId } = await aRedemption()
        const voucher = aVoucher(memberId, item, entryId)

        const outcome = await save(voucher)

        expect(outcome).toEqual({ ok: true })
        expect(await store.read.vouchers.byCode(voucher.code)).toEqual(voucher)
        expect(await store.read.vouchers.byCode(unique('V'))).toBeNull()
      })

      it("lists a member's vouchers newest first, and nobody else's", async () => {
        const { memberId, item, entryId } = await aRedemption()
        const other = await aRedemption()
        const oldest = aVoucher(memberId, item, entryId, { issuedAt: '2026-11-01T02:00:00.000Z' })
        const newest = aVoucher(memberId, item, entryId, { issuedAt: '2026-11-03T02:00:00.000Z' })
        const middle = aVoucher(memberId, item, entryId, { issuedAt: '2026-11-02T02:00:00.000Z' })
        const elsewhere = aVoucher(other.memberId, other.item, other.entryId)
        for (const voucher of [oldest, newest, elsewhere, middle]) await save(voucher)

        const listed = await store.read.vouchers.forMember(memberId)

        expect(listed).toEqual([newest, middle, oldest])
      })

      it('replaces every field of a voucher on a save from the version just before', async () => {
        const { memberId, item, entryId } = await aRedemption()
        const issued = aVoucher(memberId, item, entryId)
        await save(issued)
        const rebooked: VoucherRecord = {
          ...issued,
          itemName: '食用油 5L（新包装）',
          points: 900,
          faceValueFen: null,
          pickupDate: '2026-12-05',
          issuedAt: '2026-11-21T03:00:00.000Z',
          version: 2,
        }

        const outcome = await save(rebooked)

        expect(outcome).toEqual({ ok: true })
        expect(await store.read.vouchers.byCode(issued.code)).toEqual(rebooked)
      })

      it('marks an issued voucher used from the version just before, and refuses a stale save', async () => {
        const { memberId, item, entryId } = await aRedemption()
        const issued = aVoucher(memberId, item, entryId)
        await save(issued)
        const used: VoucherRecord = {
          ...issued,
          status: 'used',
          usedAt: '2026-11-22T03:00:00.000Z',
          usedBy: unique('staff'),
          version: 2,
        }

        const first = await save(used)
        const stale = await save({ ...used, usedBy: unique('staff') })
        const reissued = await save(issued)

        expect([first, stale, reissued]).toEqual([
          { ok: true },
          { ok: false, conflict: 'version' },
          { ok: false, conflict: 'version' },
        ])
        expect(await store.read.vouchers.byCode(issued.code)).toEqual(used)
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

      describe('the sign-up queue', () => {
        const eventId = () => unique('ev')
        const aTicket = (event: string, arrivedAt: string, requestId = unique('req')) => ({
          requestId,
          eventId: event,
          memberId: unique('m'),
          acknowledged: false,
          applicant: { active: true, star: 3 as const, inClub: false, blockedUntil: null },
          arrivedAt,
        })
        const AT = (s: number) => `2026-05-10T02:00:${String(s).padStart(2, '0')}.000Z`

        it('queues a ticket once: the same request id again is given the record already there', async () => {
          const ticket = aTicket(eventId(), AT(1))

          const first = await store.signupQueue.add(ticket, 'o-1', AT(1))
          const again = await store.signupQueue.add({ ...ticket, arrivedAt: AT(9) }, 'o-1', AT(9))

          expect(first).toBeNull()
          expect(again).toMatchObject({
            requestId: ticket.requestId,
            openid: 'o-1',
            fn: 'events',
            action: 'signUp',
            result: null,
            queued: ticket,
          })
        })

        it('gives the queued tickets of an event in arrival order (the instant, then the request id), and only its own', async () => {
          const event = eventId()
          const late = aTicket(event, AT(3))
          const tieB = aTicket(event, AT(2), `${unique('req')}-b`)
          const tieA = aTicket(event, AT(2), tieB.requestId.replace(/-b$/, '-a'))
          const early = aTicket(event, AT(1))
          for (const t of [late, tieB, aTicket(eventId(), AT(0)), tieA, early]) {
            await store.signupQueue.add(t, 'o', t.arrivedAt)
          }

          const queued = await store.read.requests.queued(event, 10)
          const ids = await store.read.requests.queuedIds(event, 3)

          expect(queued).toEqual([early, tieA, tieB, late])
          expect(ids).toEqual([early.requestId, tieA.requestId, tieB.requestId])
        })

        it('takes a settled ticket out of the queue and keeps its answer; a refusal can be forgotten', async () => {
          const event = eventId()
          const [a, b, c] = [aTicket(event, AT(1)), aTicket(event, AT(2)), aTicket(event, AT(3))]
          for (const t of [a, b, c]) await store.signupQueue.add(t, 'o', t.arrivedAt)
          const answer = { ok: true, data: { status: 'confirmed', position: null } }
          const refusal = { ok: false, error: { code: 'EVENT.FULL', message: '名额已满' } }

          await store.transaction(async (tx) => {
            await tx.requests.settle(a.requestId, answer)
            await tx.requests.settle(b.requestId, refusal)
          })
          await store.signupQueue.forget(b.requestId)

          expect(await store.read.requests.queued(event, 10)).toEqual([c])
          expect(await store.read.requests.get(a.requestId)).toMatchObject({ result: answer })
          expect(await store.read.requests.get(b.requestId)).toBeNull()
        })

        it('names the events with tickets queued before an instant, once each', async () => {
          const [stale, fresh] = [eventId(), eventId()]
          for (const t of [aTicket(stale, AT(1)), aTicket(stale, AT(2)), aTicket(fresh, AT(30))]) {
            await store.signupQueue.add(t, 'o', t.arrivedAt)
          }

          const events = await store.read.requests.queuedEvents(AT(10), 50)

          expect(events.filter((e) => e === stale || e === fresh)).toEqual([stale])
        })
      })
    })

    describe('stars', () => {
      it("reads one year's stars of several members in one call, skipping those without one", async () => {
        const [a, b, none] = [aMemberRecord(), aMemberRecord(), aMemberRecord()]
        for (const m of [a, b, none]) await insertMember(m)
        const grant = (memberId: string, year: number, star: StarGrant['star']): StarGrant => ({
          memberId,
          year,
          star,
          source: 'rule',
          reason: null,
          grantedAt: `${year}-01-01T02:00:00.000Z`,
        })
        await store.transaction(async (tx) => {
          await tx.stars.put(grant(a.id, 2027, 3))
          await tx.stars.put(grant(a.id, 2026, 2))
          await tx.stars.put(grant(b.id, 2027, 1))
          await tx.stars.put(grant(none.id, 2026, 4))
        })

        const read = await store.transaction((tx) =>
          tx.stars.forMembersInYear([a.id, b.id, none.id], 2027),
        )

        const byMember = (x: StarGrant, y: StarGrant) => x.memberId.localeCompare(y.memberId)
        expect([...read].sort(byMember)).toEqual(
          [grant(a.id, 2027, 3), grant(b.id, 2027, 1)].sort(byMember),
        )
      })

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

      it("gets a member's star for one year, the latest put for it, or nothing", async () => {
        const member = aMemberRecord({ status: 'active' })
        await insertMember(member)
        const grant = (year: number, overrides: Partial<StarGrant> = {}): StarGrant => ({
          memberId: member.id,
          year,
          star: 2,
          source: 'rule',
          reason: null,
          grantedAt: `${year}-01-01T02:00:00.000Z`,
          ...overrides,
        })
        const imported = grant(2026, { star: 4, source: 'import' })
        await store.transaction(async (tx) => {
          await tx.stars.put(grant(2025))
          await tx.stars.put(grant(2026))
        })

        await store.transaction((tx) => tx.stars.put(imported))

        expect(await store.read.stars.get(member.id, 2026)).toEqual(imported)
        expect(await store.read.stars.get(member.id, 2025)).toEqual(grant(2025))
        expect(await store.read.stars.get(member.id, 2024)).toBeNull()
        expect(await store.read.stars.get(unique('m'), 2026)).toBeNull()
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
      async function aStoredCard() {
        const member = aMemberRecord({ status: 'active' })
        await insertMember(member)
        const card = aCard(member.id)
        await store.transaction((tx) => tx.cards.insert(card))
        return card
      }

      it('gives a card its secret once: a second secret is refused', async () => {
        const card = await aStoredCard()
        const first = cipher.seal('card-secret', 'c2VjcmV0LW9uZQ==')

        const results = [
          await store.transaction((tx) => tx.cards.setSecretIfMissing(card.cardNo, first)),
          await store.transaction((tx) =>
            tx.cards.setSecretIfMissing(card.cardNo, cipher.seal('card-secret', 'b3RoZXI=')),
          ),
        ]

        expect(results).toEqual([true, false])
        expect((await store.read.cards.byCardNo(card.cardNo))?.secret).toEqual(first)
      })

      it('re-keys a card from the version read only, bumping the version', async () => {
        const card = await aStoredCard()
        const secret = cipher.seal('card-secret', 'bmV3LXNlY3JldA==')

        const fresh = await store.transaction((tx) => tx.cards.rekey(card.cardNo, 1, secret))
        const stale = await store.transaction((tx) => tx.cards.rekey(card.cardNo, 1, secret))

        expect(fresh).toEqual({ ok: true })
        expect(stale).toEqual({ ok: false, conflict: 'version' })
        expect(await store.read.cards.byCardNo(card.cardNo)).toMatchObject({ version: 2, secret })
      })

      it('accepts each time step once and never an older one', async () => {
        const card = await aStoredCard()
        const accept = (step: number) =>
          store.transaction((tx) =>
            tx.cards.acceptStep(card.cardNo, step, {
              by: `clerk-${step}`,
              at: `2026-11-23T02:00:0${step % 10}.000Z`,
            }),
          )

        const results = [await accept(100), await accept(100), await accept(99), await accept(101)]

        expect(results).toEqual([true, false, false, true])
        expect(await store.read.cards.byCardNo(card.cardNo)).toMatchObject({
          lastAcceptedStep: 101,
          lastScanBy: 'clerk-101',
          lastScanAt: '2026-11-23T02:00:01.000Z',
        })
      })

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
      const aStaff = (overrides: Partial<StaffRecord> = {}): StaffRecord => ({
        id: unique('staff'),
        openid: unique('o-staff'),
        name: '李审核',
        role: 'reviewer',
        site: null,
        status: 'active',
        createdAt: '2026-11-20T02:00:00.000Z',
        version: 1,
        ...overrides,
      })
      const anInvite = (overrides: Partial<StaffInvite> = {}): StaffInvite => ({
        id: unique('invite'),
        codeHash: unique('hash'),
        role: 'clerk',
        site: null,
        name: '新店员',
        status: 'open',
        createdBy: unique('staff'),
        createdAt: '2026-11-20T02:00:00.000Z',
        expiresAt: '2026-11-22T02:00:00.000Z',
        closedBy: null,
        closedAt: null,
        version: 1,
        ...overrides,
      })

      it('reads back an inserted staff account by openid and by id', async () => {
        const staff = aStaff()

        const outcome = await store.transaction((tx) => tx.staff.insert(staff))

        expect(outcome).toEqual({ ok: true })
        expect(await store.read.staff.byOpenid(staff.openid)).toEqual(staff)
        expect(await store.read.staff.byId(staff.id)).toEqual(staff)
        expect(await store.read.staff.byOpenid(unique('o-nobody'))).toBeNull()
      })

      it('refuses a second account for the same openid as an openid conflict', async () => {
        const staff = aStaff()
        await store.transaction((tx) => tx.staff.insert(staff))

        const outcome = await store.transaction((tx) =>
          tx.staff.insert(aStaff({ openid: staff.openid, role: 'admin' })),
        )

        expect(outcome).toEqual({ ok: false, conflict: 'openid' })
        expect(await store.read.staff.byOpenid(staff.openid)).toEqual(staff)
      })

      it('updates an account only from the version before, and keeps a revoked one', async () => {
        const staff = aStaff({ role: 'clerk' })
        await store.transaction((tx) => tx.staff.insert(staff))
        const revoked: StaffRecord = { ...staff, status: 'revoked', version: 2 }

        const first = await store.transaction((tx) => tx.staff.update(revoked))
        const stale = await store.transaction((tx) =>
          tx.staff.update({ ...staff, role: 'admin', version: 2 }),
        )

        expect(first).toEqual({ ok: true })
        expect(stale).toEqual({ ok: false, conflict: 'version' })
        expect(await store.read.staff.byOpenid(staff.openid)).toEqual(revoked)
      })

      it('lists accounts, active and revoked, oldest first, with the total', async () => {
        const older = aStaff({ createdAt: '2026-01-02T02:00:00.000Z', status: 'revoked' })
        const newer = aStaff({ createdAt: '2026-01-03T02:00:00.000Z' })
        await store.transaction(async (tx) => {
          await tx.staff.insert(newer)
          await tx.staff.insert(older)
        })

        const page = await store.read.staff.list(0, 1000)

        const ours = page.items.filter((s) => s.id === older.id || s.id === newer.id)
        expect(ours).toEqual([older, newer])
        expect(page.total).toBeGreaterThanOrEqual(2)
      })

      it('saves an invite once at version 1 and finds it by id and by code hash', async () => {
        const invite = anInvite()

        const saved = await store.transaction((tx) => tx.staff.saveInvite(invite))
        const again = await store.transaction((tx) =>
          tx.staff.saveInvite({ ...invite, name: '另一人' }),
        )

        expect(saved).toEqual({ ok: true })
        expect(again).toEqual({ ok: false, conflict: 'version' })
        expect(await store.read.staff.invite(invite.id)).toEqual(invite)
        expect(await store.read.staff.inviteByCodeHash(invite.codeHash)).toEqual(invite)
        expect(await store.read.staff.inviteByCodeHash(unique('hash'))).toBeNull()
      })

      it('uses an invite up once: of two saves from the same version, one wins', async () => {
        const invite = anInvite()
        await store.transaction((tx) => tx.staff.saveInvite(invite))
        const used: StaffInvite = {
          ...invite,
          status: 'used',
          closedBy: unique('staff'),
          closedAt: '2026-11-21T02:00:00.000Z',
          version: 2,
        }

        const first = await store.transaction((tx) => tx.staff.saveInvite(used))
        const second = await store.transaction((tx) =>
          tx.staff.saveInvite({ ...used, closedBy: unique('staff') }),
        )

        expect(first).toEqual({ ok: true })
        expect(second).toEqual({ ok: false, conflict: 'version' })
        expect(await store.read.staff.invite(invite.id)).toEqual(used)
      })

      it('lists open invites newest first, leaving used and cancelled ones out', async () => {
        const older = anInvite({ createdAt: '2026-11-20T02:00:00.000Z' })
        const newer = anInvite({ createdAt: '2026-11-20T03:00:00.000Z' })
        const used = anInvite({ status: 'used', createdAt: '2026-11-20T04:00:00.000Z' })
        const cancelled = anInvite({ status: 'cancelled', createdAt: '2026-11-20T05:00:00.000Z' })
        await store.transaction(async (tx) => {
          for (const invite of [older, used, newer, cancelled]) await tx.staff.saveInvite(invite)
        })

        const open = await store.read.staff.openInvites(1000)

        const ours = new Set([older.id, newer.id, used.id, cancelled.id])
        expect(open.filter((i) => ours.has(i.id))).toEqual([newer, older])
      })
    })
  })
}
