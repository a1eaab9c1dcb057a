import {
  COLLECTIONS,
  isDuplicateWrite,
  singleDoc,
} from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-repositories'
import {
  cloudbaseStore,
  type CloudbaseDb,
} from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-store'
import { CONTRACT_RUN_TAG, describeStoreContract } from './store.contract'

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

  afterAll(async () => {
    // Every row the suite wrote carries the run tag in its _id, or in its owner for a claim.
    const tagged = db.RegExp({ regexp: CONTRACT_RUN_TAG })
    for (const name of Object.values(COLLECTIONS)) {
      const field = name === COLLECTIONS.uniqueKeys ? 'owner' : '_id'
      await db
        .collection(name)
        .where({ [field]: tagged })
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
 * set replacing, update merging with `inc`, where with equality and `_.gt` (on values of the same
 * type, as MongoDB compares), `field` projections that keep `_id`,
 * and a transaction that undoes its writes when its callback throws. It runs transactions one at a time and so cannot show CloudBase's conflicts and
 * retries; it checks the adapter's own logic (claims, versions, ids), offline.
 */
function memoryDatabase(): CloudbaseDb {
  type Doc = Record<string, unknown> & { _id: string }
  type Order = [field: string, direction: 'asc' | 'desc']
  const INC = Symbol('inc')
  const GT = Symbol('gt')
  let tables = new Map<string, Map<string, Doc>>()
  let nextId = 0
  let queue: Promise<unknown> = Promise.resolve()

  const table = (name: string) => {
    if (!tables.has(name)) tables.set(name, new Map())
    return tables.get(name)!
  }
  const compare = (a: unknown, b: unknown) => (a === b ? 0 : (a as string) < (b as string) ? -1 : 1)
  /** A plain condition matches by equality; `_.gt` only a greater value of the same type. */
  const matches = (actual: unknown, condition: unknown) => {
    if (condition === null || typeof condition !== 'object' || !(GT in condition)) {
      return actual === condition
    }
    const bound = (condition as { [GT]: unknown })[GT]
    return typeof actual === typeof bound && actual != null && compare(actual, bound) > 0
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
          Object.entries(filter).every(([field, condition]) => matches(doc[field], condition)),
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
      limit: (n: number) => query(name, filter, order, skip, Math.min(n, 1000), fields),
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
    }
  }

  return {
    command: {
      inc: (n: number) => ({ [INC]: n }),
      gt: (value: unknown) => ({ [GT]: value }),
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
})
