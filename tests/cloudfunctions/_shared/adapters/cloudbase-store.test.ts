import {
  COLLECTIONS,
  isDuplicateWrite,
  singleDoc,
} from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-repositories'
import {
  cloudbaseStore,
  type CloudbaseDb,
} from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-store'
import type { MemberRecord } from '../../../../cloudfunctions/_shared/ports'
import type { Signup } from '@/domain/event/signup'
import type { MemberStatus } from '@/domain/member/member'
import { CONTRACT_RUN_TAG, CONTRACT_YEARS, describeStoreContract } from './store.contract'
import { describeSanctionRepositoryContract } from './sanction-repository.contract'
import { describeReportingContract } from './reporting.contract'
import { describePrivacyRepositoryContract } from './privacy-repository.contract'
import { runPipeline } from '../../../support/memory-aggregate'

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

/**
 * A stand-in for the slice of node-sdk's database the adapter uses, following PLATFORM §1: doc.get
 * shapes in and out of a transaction, add with a custom `_id` failing DATABASE_DUPLICATE_WRITE,
 * set replacing, update merging with `inc`, where with equality (`null` also matching a missing
 * field), dotted paths into nested objects, `_.in`, `_.neq` and the comparisons `_.gt`, `_.gte`,
 * `_.lt`, `_.lte` (only between values of the same type, as MongoDB compares), several joined on
 * one field by `.and(...)`, `count` of the same filters, `get` giving 100 rows unless limited (a
 * limit clamped to 1000, and `limit(0)` read as no limit, as node-sdk sends it), `field`
 * projections that keep `_id`, `aggregate(pipeline)` of a raw pipeline (tests/support/
 * memory-aggregate), and a transaction that undoes its writes when its callback throws.
 * It runs transactions one at a time and so cannot show CloudBase's conflicts and retries; it
 * checks the adapter's own logic (claims, versions, ids), offline.
 */
function memoryDatabase(): CloudbaseDb {
  type Doc = Record<string, unknown> & { _id: string }
  type Order = [field: string, direction: 'asc' | 'desc']
  type Operator = 'gt' | 'gte' | 'lt' | 'lte' | 'neq' | 'in'
  /** A query command: the operators it joins, all of which must hold. */
  type Condition = { [OPS]: [Operator, unknown][]; and(...others: unknown[]): Condition }
  const INC = Symbol('inc')
  const OPS = Symbol('ops')
  let tables = new Map<string, Map<string, Doc>>()
  let nextId = 0
  let queue: Promise<unknown> = Promise.resolve()

  const table = (name: string) => {
    if (!tables.has(name)) tables.set(name, new Map())
    return tables.get(name)!
  }
  /** Sort order: a missing or null value first, as MongoDB sorts; otherwise `<` on the values. */
  const compare = (a: unknown, b: unknown) => {
    if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1
    return a === b ? 0 : (a as string) < (b as string) ? -1 : 1
  }
  const condition = (ops: [Operator, unknown][]): Condition => ({
    [OPS]: ops,
    and: (...others) =>
      condition([...ops, ...others.flatMap((other) => (other as Condition)[OPS])]),
  })
  const isCondition = (value: unknown): value is Condition =>
    value !== null && typeof value === 'object' && OPS in value
  /** A field's value, following a dotted path (`licence.hash`) into nested objects. */
  const valueAt = (doc: Record<string, unknown>, path: string) =>
    path
      .split('.')
      .reduce<unknown>(
        (value, key) =>
          value !== null && typeof value === 'object'
            ? (value as Record<string, unknown>)[key]
            : undefined,
        doc,
      )
  const comparable = (actual: unknown, bound: unknown) =>
    actual != null && typeof actual === typeof bound
  const holds = (actual: unknown, [op, operand]: [Operator, unknown]) => {
    switch (op) {
      case 'gt':
        return comparable(actual, operand) && compare(actual, operand) > 0
      case 'gte':
        return comparable(actual, operand) && compare(actual, operand) >= 0
      case 'lt':
        return comparable(actual, operand) && compare(actual, operand) < 0
      case 'lte':
        return comparable(actual, operand) && compare(actual, operand) <= 0
      case 'neq':
        return operand === null ? actual != null : actual !== operand
      case 'in':
        return (operand as unknown[]).includes(actual)
    }
  }
  /** A plain value matches by equality (`null` also a missing field); a command by its operators. */
  const matches = (actual: unknown, wanted: unknown) => {
    if (!isCondition(wanted)) return wanted === null ? actual == null : actual === wanted
    return wanted[OPS].every((op) => holds(actual, op))
  }
  const project = (doc: Doc, fields: string[] | null) =>
    fields
      ? Object.fromEntries(Object.entries(doc).filter(([k]) => k === '_id' || fields.includes(k)))
      : doc

  function query(
    name: string,
    filter: Record<string, unknown>,
    order: Order[],
    skip = 0,
    limit = 100,
    fields: string[] | null = null,
  ) {
    const matching = () =>
      [...table(name).values()]
        .filter((doc) =>
          Object.entries(filter).every(([path, wanted]) => matches(valueAt(doc, path), wanted)),
        )
        .sort((a, b) => {
          for (const [field, direction] of order) {
            const byField = compare(a[field], b[field])
            if (byField !== 0) return direction === 'asc' ? byField : -byField
          }
          return 0
        })
    return {
      where: (more: Record<string, unknown>) =>
        query(name, { ...filter, ...more }, order, skip, limit, fields),
      orderBy: (field: string, direction: 'asc' | 'desc') =>
        query(name, filter, [...order, [field, direction]], skip, limit, fields),
      skip: (n: number) => query(name, filter, order, n, limit, fields),
      // node-sdk sends `limit(0)` as no limit: the default 100 rows.
      limit: (n: number) => query(name, filter, order, skip, n ? Math.min(n, 1000) : 100, fields),
      field: (projection: Record<string, boolean>) =>
        query(
          name,
          filter,
          order,
          skip,
          limit,
          Object.keys(projection).filter((k) => projection[k]),
        ),
      get: async () => ({
        data: structuredClone(
          matching()
            .slice(skip, skip + limit)
            .map((doc) => project(doc, fields)),
        ),
      }),
      count: async () => ({ total: matching().length }),
    }
  }

  function collection(name: string, inTransaction: boolean) {
    return {
      ...query(name, {}, []),
      add: async (doc: Record<string, unknown>) => {
        const id = (doc._id as string | undefined) ?? `auto-${++nextId}`
        if (table(name).has(id)) {
          throw Object.assign(new Error(`E11000 duplicate key: ${id}`), {
            code: 'DATABASE_DUPLICATE_WRITE',
          })
        }
        table(name).set(id, structuredClone({ ...doc, _id: id }))
        return { id }
      },
      doc: (id: string) => ({
        get: async () => {
          const found = table(name).get(id)
          const copy = found ? structuredClone(found) : null
          return inTransaction ? { data: copy } : { data: copy ? [copy] : [] }
        },
        set: async (fields: Record<string, unknown>) => {
          table(name).set(id, structuredClone({ ...fields, _id: id }))
          return { updated: 1 }
        },
        update: async (fields: Record<string, unknown>) => {
          const found = table(name).get(id)
          if (!found) return { updated: 0 }
          for (const [field, value] of Object.entries(fields)) {
            const inc = (value as { [INC]?: number } | null)?.[INC]
            found[field] =
              inc === undefined ? structuredClone(value) : (found[field] as number) + inc
          }
          return { updated: 1 }
        },
        delete: async () => ({ deleted: table(name).delete(id) ? 1 : 0 }),
      }),
      // A raw pipeline, as node-sdk's `aggregate(pipeline)` sends it (see memory-aggregate).
      aggregate: (pipeline: Record<string, unknown>[]) => ({
        end: async () => ({ data: runPipeline(pipeline, [...table(name).values()]) }),
      }),
    }
  }

  return {
    command: {
      inc: (n: number) => ({ [INC]: n }),
      gt: (value: unknown) => condition([['gt', value]]),
      gte: (value: unknown) => condition([['gte', value]]),
      lt: (value: unknown) => condition([['lt', value]]),
      lte: (value: unknown) => condition([['lte', value]]),
      neq: (value: unknown) => condition([['neq', value]]),
      in: (values: readonly unknown[]) => condition([['in', [...values]]]),
    },
    collection: (name: string) => collection(name, false),
    runTransaction<T>(callback: (tx: { collection(name: string): unknown }) => Promise<T>) {
      const run = queue.then(async () => {
        const before = structuredClone(tables)
        try {
          return await callback({ collection: (name: string) => collection(name, true) })
        } catch (error) {
          tables = before
          throw error
        }
      })
      queue = run.catch(() => undefined)
      return run
    },
  }
}

describeStoreContract('cloudbase adapter, in-memory node-sdk stand-in', async () => ({
  store: cloudbaseStore(memoryDatabase()),
  cleanup: async () => {},
}))

describeSanctionRepositoryContract('cloudbase adapter, in-memory node-sdk stand-in', async () => ({
  store: cloudbaseStore(memoryDatabase()),
  cleanup: async () => {},
}))

describeReportingContract('cloudbase adapter, in-memory node-sdk stand-in', async () => ({
  store: cloudbaseStore(memoryDatabase()),
  cleanup: async () => {},
}))

describePrivacyRepositoryContract('cloudbase adapter, in-memory node-sdk stand-in', async () => ({
  store: cloudbaseStore(memoryDatabase()),
  cleanup: async () => {},
}))

describe('cloudbase adapter reads longer than one query', () => {
  // One get() returns at most 1000 rows (PLATFORM §1); these lists must still be complete.
  const ROWS = 2_345

  it('sums a ledger of more than 1000 entries', async () => {
    const store = cloudbaseStore(memoryDatabase())
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
    const store = cloudbaseStore(memoryDatabase())
    const ids = Array.from({ length: ROWS }, (_, i) => `m-${String(i).padStart(5, '0')}`)
    await store.transaction(async (tx) => {
      for (const memberId of [...ids].reverse()) {
        await tx.points.saveAccount({ memberId, balance: 0, lots: [], version: 1 })
      }
    })

    const first = await store.read.points.accountIdsAfter('', 1_500)
    const rest = await store.read.points.accountIdsAfter(first[first.length - 1]!, 5_000)

    expect(first).toEqual(ids.slice(0, 1_500))
    expect(rest).toEqual(ids.slice(1_500))
    expect(await store.read.points.accountCount()).toBe(ROWS)
  })

  it('lists a catalogue of more than 1000 items', async () => {
    const store = cloudbaseStore(memoryDatabase())
    await store.transaction(async (tx) => {
      for (let i = 0; i < ROWS; i++) {
        await tx.catalogue.save({
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
        })
      }
    })

    const all = await store.read.catalogue.all()

    const byPriceThenId = [...all].sort(
      (a, b) => a.pointsPrice - b.pointsPrice || (a.id < b.id ? -1 : 1),
    )
    expect(all).toHaveLength(ROWS)
    expect(new Set(all.map((item) => item.id)).size).toBe(ROWS)
    expect(all).toEqual(byPriceThenId)
  })

  it('gives every entry in range of more than 1000, for more members than one query lists', async () => {
    // One member's entries fill several pages; the others spread over more than one `_.in` chunk.
    const store = cloudbaseStore(memoryDatabase())
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
    const store = cloudbaseStore(memoryDatabase())
    const ids = Array.from({ length: ROWS }, (_, i) => `m-${String(i).padStart(5, '0')}`)
    const status = (i: number) => (i % 2 === 0 ? 'active' : 'pending')
    await store.transaction(async (tx) => {
      for (const [i, id] of [...ids.entries()].reverse()) {
        await tx.members.insert(aStoredMember(id, status(i)))
      }
    })
    const active = ids.filter((_, i) => status(i) === 'active')

    const first = await store.read.members.idsAfter('active', '', 1_100)
    const rest = await store.read.members.idsAfter('active', first[first.length - 1]!.id, 5_000)

    expect(active.length).toBeGreaterThan(1_000)
    expect(first.map((member) => member.id)).toEqual(active.slice(0, 1_100))
    expect(rest.map((member) => member.id)).toEqual(active.slice(1_100))
    expect(rest.every((member) => member.status === 'active')).toBe(true)
    expect(await store.read.members.countByStatus('active')).toBe(active.length)
  })

  it("gives a complete page of more than 1000 of an event's sign-ups, in arrival order, with the total", async () => {
    const store = cloudbaseStore(memoryDatabase())
    const capacity = 20
    const seqs = Array.from({ length: ROWS }, (_, i) => i + 1)
    await store.transaction(async (tx) => {
      for (const seq of [...seqs].reverse()) {
        const memberId = `m-${String(seq).padStart(5, '0')}`
        await tx.signups.save(aStoredSignup('ev-1', memberId, seq, capacity))
      }
    })

    const page = await store.read.signups.forEvent('ev-1', null, 100, 2_000)
    const waitlist = await store.read.signups.forEvent('ev-1', 'waitlisted', 0, 5_000)

    expect(page.items.map((signup) => signup.seq)).toEqual(seqs.slice(100, 2_100))
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
