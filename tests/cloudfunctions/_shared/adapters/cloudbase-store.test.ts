import {
  isDuplicateWrite,
  singleDoc,
} from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-access'
import { COLLECTIONS } from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-schema'
import {
  cloudbaseStore,
  type CloudbaseDb,
} from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-store'
import type { MemberRecord, Store } from '../../../../cloudfunctions/_shared/ports'
import type { Signup } from '@/domain/event/signup'
import type { MemberStatus } from '@/domain/member/member'
import { CONTRACT_RUN_TAG, CONTRACT_YEARS, describeStoreContract } from './store.contract'
import { describeSanctionRepositoryContract } from './sanction-repository.contract'
import { describeReportingContract } from './reporting.contract'
import { describeScenesContract } from './scenes.contract'
import { describePrivacyRepositoryContract } from './privacy-repository.contract'
import { aDoubleBackedStore } from '../../../support/cloudbase/double-store'

const { TCB_ENV_ID: env, TCB_SECRET_ID: secretId, TCB_SECRET_KEY: secretKey } = process.env

if (env && secretId && secretKey) {
  jest.setTimeout(60_000)
  // Loaded only here: node-sdk without credentials raises an unhandled rejection (PLATFORM §6).
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const tcb = require('@cloudbase/node-sdk') as typeof import('@cloudbase/node-sdk')
  const db = tcb.init({ env, secretId, secretKey }).database()

  describeStoreContract('cloudbase', async () => ({
    store: cloudbaseStore(db as unknown as CloudbaseDb),
    cleanup: async () => {},
  }))
  describeSanctionRepositoryContract('cloudbase', async () => ({
    store: cloudbaseStore(db as unknown as CloudbaseDb),
    cleanup: async () => {},
  }))
  describeReportingContract('cloudbase', async () => ({
    store: cloudbaseStore(db as unknown as CloudbaseDb),
    cleanup: async () => {},
  }))
  describeScenesContract('cloudbase', async () => ({
    store: cloudbaseStore(db as unknown as CloudbaseDb),
    cleanup: async () => {},
  }))
  describePrivacyRepositoryContract('cloudbase', async () => ({
    store: cloudbaseStore(db as unknown as CloudbaseDb),
    cleanup: async () => {},
  }))

  afterAll(async () => {
    // Every row the suite wrote carries the run tag in its _id, or in its owner for a claim;
    // star rules and imports, whose _id is a year, use the run's own years.
    const tagged = db.RegExp({ regexp: CONTRACT_RUN_TAG })
    const byYear = new Set<string>([COLLECTIONS.starRules, COLLECTIONS.starImports])
    for (const name of Object.values(COLLECTIONS)) {
      const field = name === COLLECTIONS.uniqueKeys ? 'owner' : '_id'
      await db
        .collection(name)
        .where(
          byYear.has(name)
            ? { _id: db.command.in(CONTRACT_YEARS.map(String)) }
            : { [field]: tagged },
        )
        .remove()
    }
  })
} else {
  console.log('cloudbase contract suite skipped: set TCB_ENV_ID, TCB_SECRET_ID, TCB_SECRET_KEY')
  describe('Store contract (cloudbase)', () => {
    it.skip('runs against CloudBase when TCB_ENV_ID, TCB_SECRET_ID and TCB_SECRET_KEY are set', () => {})
  })
}

describe('singleDoc', () => {
  const doc = { _id: 'm-1', openid: 'o_a' }

  it('takes the document out of the array doc.get returns outside a transaction', () => {
    const outside = { data: [doc] }

    const found = singleDoc(outside)

    expect(found).toEqual(doc)
  })

  it('finds nothing in the empty array of a missing document outside a transaction', () => {
    const outside = { data: [] }

    const found = singleDoc(outside)

    expect(found).toBeNull()
  })

  it('takes the document as it is when doc.get runs inside a transaction', () => {
    const inside = { data: doc }

    const found = singleDoc(inside)

    expect(found).toEqual(doc)
  })

  it('finds nothing in the null data of a missing document inside a transaction', () => {
    const inside = { data: null }

    const found = singleDoc(inside)

    expect(found).toBeNull()
  })

  it('finds nothing when the result has no data at all', () => {
    const empty = {}

    const found = singleDoc(empty)

    expect(found).toBeNull()
  })
})

describe('isDuplicateWrite', () => {
  it.each([
    ['the DATABASE_DUPLICATE_WRITE code', { code: 'DATABASE_DUPLICATE_WRITE', message: 'dup' }],
    [
      'an E11000 message under another code (wx-server-sdk)',
      {
        code: 'DATABASE_REQUEST_FAILED',
        message: 'E11000 duplicate key error collection: members',
      },
    ],
    ['an E11000 message on a plain Error', new Error('write failed: E11000 duplicate key')],
  ])('recognises a unique clash by %s', (_case, error) => {
    const duplicate = isDuplicateWrite(error)

    expect(duplicate).toBe(true)
  })

  it.each([
    ['a transaction conflict', { code: 'DATABASE_TRANSACTION_CONFLICT', message: 'conflict' }],
    ['a permission error', { code: 'DATABASE_PERMISSION_DENIED', message: 'denied' }],
    ['a network failure', new Error('getaddrinfo ENOTFOUND tcb-api.tencentcloudapi.com')],
    ['null', null],
    ['undefined', undefined],
  ])('does not mistake %s for a unique clash', (_case, error) => {
    const duplicate = isDuplicateWrite(error)

    expect(duplicate).toBe(false)
  })
})

describe('cloudbase adapter reads longer than one query', () => {
  // One get() returns at most 1000 rows (PLATFORM §1); these lists must still be complete. The
  // store is the real adapter over the real node-sdk, over the database double.
  const ROWS = 2_345
  let opened: ReturnType<typeof aDoubleBackedStore>
  let store: Store

  beforeEach(() => {
    // No unique index on members' openid: the double checks one by scanning the collection on
    // every insert, quadratic over thousands of rows, and every member here has its own openid.
    opened = aDoubleBackedStore({ uniqueIndexes: {} })
    store = opened.store
  })

  afterEach(() => opened.cleanup())

  /**
   * Stores `records` as the adapter stores them (`_id` = the record's id field), 500 to a request,
   * outside any transaction. The repositories' saves read each document first, and the double
   * scans the whole collection for every read by id, so thousands of saves would take minutes.
   */
  async function seed<T extends object>(name: string, idField: keyof T, records: T[]) {
    const docs = records.map((record) => {
      const { [idField]: _id, ...fields } = record
      return { _id, ...fields }
    })
    for (let i = 0; i < docs.length; i += 500) {
      await opened.db.collection(name).add(docs.slice(i, i + 500))
    }
  }

  it('sums a ledger of more than 1000 entries', async () => {
    await store.transaction(async (tx) => {
      for (let i = 0; i < ROWS; i++) {
        await tx.points.append({
          id: `entry-${String(i).padStart(5, '0')}`,
          memberId: 'm-1',
          type: 'earn',
          label: 'purchase',
          points: i + 1,
          reference: `purchase-${i}`,
          actorId: 'staff-1',
          requestId: null,
          at: '2026-11-21T02:00:00.000Z',
          takes: [],
          lotId: `lot-${i}`,
          note: null,
        })
      }
    })

    const sum = await store.read.points.ledgerSum('m-1')

    expect(sum).toBe((ROWS * (ROWS + 1)) / 2)
  })

  it('gives more than 1000 account ids when asked for more, in id order after the cursor', async () => {
    const ids = Array.from({ length: ROWS }, (_, i) => `m-${String(i).padStart(5, '0')}`)
    await seed(
      COLLECTIONS.pointsAccounts,
      'memberId',
      [...ids].reverse().map((memberId) => ({ memberId, balance: 0, lots: [], version: 1 })),
    )

    const first = await store.read.points.accountIdsAfter('', 1_500)
    const rest = await store.read.points.accountIdsAfter(first[first.length - 1]!, 5_000)

    expect(first).toEqual(ids.slice(0, 1_500))
    expect(rest).toEqual(ids.slice(1_500))
    expect(await store.read.points.accountCount()).toBe(ROWS)
  })

  it('lists a catalogue of more than 1000 items', async () => {
    const items = Array.from({ length: ROWS }, (_, i) => ({
      id: `item-${String(i).padStart(5, '0')}`,
      name: `商品 ${i}`,
      imageUrl: null,
      pointsPrice: 100 + (i % 7),
      stock: 1,
      faceValueFen: null,
      availableFrom: null,
      availableUntil: null,
      active: true,
      version: 1,
    }))
    await seed(COLLECTIONS.rewardItems, 'id', items)

    const all = await store.read.catalogue.all()

    const byPriceThenId = [...items].sort(
      (a, b) => a.pointsPrice - b.pointsPrice || (a.id < b.id ? -1 : 1),
    )
    expect(all).toEqual(byPriceThenId)
  })

  it('gives every entry in range of more than 1000, for more members than one query lists', async () => {
    // One member's entries fill several pages; the others spread over more than one `_.in` chunk.
    const members = Array.from({ length: 250 }, (_, i) => `m-${String(i).padStart(3, '0')}`)
    const perMember = (i: number) => (i === 0 ? 1_200 : 5)
    let inRange = 0
    let sum = 0
    await store.transaction(async (tx) => {
      for (const [i, memberId] of members.entries()) {
        for (let j = 0; j < perMember(i) + 1; j++) {
          // The last entry of each member falls outside the range.
          const inside = j < perMember(i)
          const points = i * 10_000 + j + 1
          if (inside) {
            inRange++
            sum += points
          }
          await tx.points.append({
            id: `entry-${memberId}-${String(j).padStart(5, '0')}`,
            memberId,
            type: 'earn',
            label: 'purchase',
            points,
            reference: `purchase-${i}-${j}`,
            actorId: 'staff-1',
            requestId: null,
            at: inside ? '2026-06-01T02:00:00.000Z' : '2027-01-01T00:00:00.000Z',
            takes: [],
            lotId: `lot-${i}-${j}`,
            note: null,
          })
        }
      }
    })

    const entries = await store.read.points.entriesBetween(
      members,
      '2026-01-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    )

    expect(inRange).toBeGreaterThan(2_000)
    expect(entries).toHaveLength(inRange)
    expect(entries.reduce((total, entry) => total + entry.points, 0)).toBe(sum)
    expect(new Set(entries.map((entry) => entry.memberId)).size).toBe(members.length)
  })

  it('gives more than 1000 members of a status when asked for more, in id order after the cursor', async () => {
    const ids = Array.from({ length: ROWS }, (_, i) => `m-${String(i).padStart(5, '0')}`)
    const status = (i: number) => (i % 2 === 0 ? 'active' : 'pending')
    const members = ids.map((id, i) => aStoredMember(id, status(i)))
    await seed(COLLECTIONS.members, 'id', [...members].reverse())
    const active = members.filter((member) => member.status === 'active')

    const first = await store.read.members.idsAfter('active', '', 1_100)
    const rest = await store.read.members.idsAfter('active', first[first.length - 1]!.id, 5_000)

    expect(active.length).toBeGreaterThan(1_000)
    expect(first).toEqual(active.slice(0, 1_100))
    expect(rest).toEqual(active.slice(1_100))
    expect(await store.read.members.countByStatus('active')).toBe(active.length)
  })

  it("gives a complete page of more than 1000 of an event's sign-ups, in arrival order, with the total", async () => {
    const capacity = 20
    const seqs = Array.from({ length: ROWS }, (_, i) => i + 1)
    const signups = seqs.map((seq) =>
      aStoredSignup('ev-1', `m-${String(seq).padStart(5, '0')}`, seq, capacity),
    )
    await seed(
      COLLECTIONS.eventSignups,
      'id',
      [...signups].reverse().map((signup) => ({ id: `ev-1_${signup.memberId}`, ...signup })),
    )

    const page = await store.read.signups.forEvent('ev-1', null, 100, 2_000)
    const waitlist = await store.read.signups.forEvent('ev-1', 'waitlisted', 0, 5_000)

    expect(page.items).toEqual(signups.slice(100, 2_100))
    expect(page.total).toBe(ROWS)
    expect(waitlist.items.map((signup) => signup.seq)).toEqual(seqs.slice(capacity))
    expect(waitlist.total).toBe(ROWS - capacity)
  })
})

/** A sign-up of a member for an event: the first `capacity` arrivals confirmed, the rest waiting. */
function aStoredSignup(eventId: string, memberId: string, seq: number, capacity: number): Signup {
  return {
    eventId,
    memberId,
    status: seq <= capacity ? 'confirmed' : 'waitlisted',
    seq,
    acknowledged: false,
    createdAt: '2026-11-26T02:00:00.000Z',
    updatedAt: '2026-11-26T02:00:00.000Z',
    checkedInAt: null,
    checkedInBy: null,
    noShowAt: null,
    version: 1,
  }
}

/** A member with its own openid, mobile and licence (sealed values stood in by plain strings). */
function aStoredMember(id: string, status: MemberStatus): MemberRecord {
  return {
    id,
    openid: `o-${id}`,
    unionid: null,
    status,
    realName: '王建国',
    mobile: { enc: `enc-mobile-${id}`, hash: `mobile-${id}` },
    shopName: '建国便利店',
    shopAddress: '江苏省南京市鼓楼区中山路100号',
    licence: { enc: `enc-licence-${id}`, hash: `licence-${id}` },
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
  }
}
