import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import * as tcb from '@cloudbase/node-sdk'
import ts from 'typescript'
import {
  PAGE_ROWS,
  readAfter,
  readAll,
  readPage,
} from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-access'
import { saveVersioned } from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-versioned'
import { COLLECTIONS } from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-schema'
import {
  cloudbaseStore,
  RETRY_WAIT_BASE_MS,
  RETRY_WAIT_CAP_MS,
  retryWait,
  TRANSACTION_ATTEMPTS,
  type CloudbaseDb,
} from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-store'
import { idempotent } from '../../../../cloudfunctions/_shared/idempotent'
import type {
  CardRecord,
  Deps,
  MemberRecord,
  Repositories,
  StaffRecord,
  Store,
} from '../../../../cloudfunctions/_shared/ports'
import type { ClubMembership } from '@/domain/club/club'
import { fail } from '@/domain/shared/result'
import {
  CloudbaseDatabaseDouble,
  type DatabaseDoubleOptions,
} from '../../../support/cloudbase/database-double'
import { aDoubleBackedStore, UNIQUE_INDEXES } from '../../../support/cloudbase/double-store'
import { installDatabaseDouble } from '../../../support/cloudbase/sdk-seam'
import { aContractMember } from './contract-member'

/**
 * What the CloudBase adapter does with node-sdk's database, shown through the real
 * `@cloudbase/node-sdk` over the database double (tests/support/cloudbase): the double answers
 * the wire requests the SDK sends and logs each one (`double.requests`), so a test sees which
 * requests an operation costs and whether they carried the transaction id.
 */

const CONFLICT = 'DATABASE_TRANSACTION_CONFLICT'

type Opened = ReturnType<typeof aDoubleBackedStore>
type Doc = Record<string, unknown> & { _id: string }

const cleanups: (() => Promise<void>)[] = []

/** The production store over the real SDK over a fresh double, taken out after the test. */
function open(options: DatabaseDoubleOptions = {}): Opened {
  const opened = aDoubleBackedStore(options)
  cleanups.push(opened.cleanup)
  return opened
}

let envsWithout = 0

/** The production store over a double where `missing` was never created (setup skipped it). */
function openWithout(missing: string): { store: Store; double: CloudbaseDatabaseDouble } {
  const double = new CloudbaseDatabaseDouble({ uniqueIndexes: UNIQUE_INDEXES })
  for (const name of Object.values(COLLECTIONS)) if (name !== missing) double.createCollection(name)
  const env = `club-without-${missing}-${++envsWithout}`
  const uninstall = installDatabaseDouble(double, env)
  cleanups.push(async () => uninstall())
  const db = tcb.init({ env }).database() as unknown as CloudbaseDb
  return { store: cloudbaseStore(db), double }
}

afterEach(async () => {
  jest.restoreAllMocks()
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

/** Stores `docs` as they are, 500 to a request, outside any transaction. */
async function putDocs(db: CloudbaseDb, name: string, docs: Doc[]) {
  for (let i = 0; i < docs.length; i += 500) await db.collection(name).add(docs.slice(i, i + 500))
}

const CONTROL = [
  'database.startTransaction',
  'database.commitTransaction',
  'database.abortTransaction',
]

/**
 * The data requests the double received from request `from` on, each as `action collection`,
 * with `in tx` when it carried a transaction id (a write without one escaped the transaction).
 */
function dataRequests(double: CloudbaseDatabaseDouble, from = 0): string[] {
  return double.requests
    .slice(from)
    .filter((request) => !CONTROL.includes(request.action))
    .map(
      (request) =>
        `${request.action.replace('database.', '')} ${request.collection}` +
        (request.transactionId ? ' in tx' : ''),
    )
}

/** How many requests of `action` the double received. */
const sent = (double: CloudbaseDatabaseDouble, action: string) =>
  double.requests.filter((request) => request.action === action).length

/** The limits the reads from request `from` on asked for, as node-sdk sent them. */
const limitsAsked = (double: CloudbaseDatabaseDouble, from: number) =>
  double.requests
    .slice(from)
    .filter((request) => request.action === 'database.getDocument')
    .map((request) => request.limit)

/** Another caller's transaction, begun and committed at once: it moves counter `name` on by one. */
async function bumpOutside(db: CloudbaseDb, name: string) {
  const other = await db.startTransaction()
  await other
    .collection(COLLECTIONS.counters)
    .doc(name)
    .update({ value: db.command.inc(1) })
  await other.commit()
}

/**
 * A starting line for `n` racing transactions: each waits at it until all have read, so every one
 * reads (and takes its snapshot) before any of them writes. A re-run passes straight through.
 */
function aStartingLine(n: number) {
  let arrived = 0
  let go!: () => void
  const allThere = new Promise<void>((resolve) => (go = resolve))
  return async () => {
    if (++arrived === n) go()
    await allThere
  }
}

/**
 * Runs `work` in two concurrent transactions of `store`, lined up so both read before either
 * writes; gives both outcomes and how often each callback ran.
 */
async function race<T>(
  store: Store,
  work: [(tx: Repositories) => Promise<T>, (tx: Repositories) => Promise<T>],
) {
  const line = aStartingLine(2)
  const runs = [0, 0]
  const outcomes = await Promise.all(
    work.map((each, i) =>
      store.transaction(async (tx) => {
        runs[i]!++
        // A first read takes the transaction's snapshot: neither sees what the other adds.
        await tx.requests.get('snapshot-probe')
        await line()
        return each(tx)
      }),
    ),
  )
  return { outcomes, runs }
}

const rowId = (i: number) => `r-${String(i).padStart(5, '0')}`
const ids = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, k) => rowId(from + k))

/** `n` rows `r-00000`… in a collection of their own, and the query ordering them by id. */
async function rowsQuery({ db, double }: Opened, n: number) {
  double.createCollection('rows')
  await putDocs(
    db,
    'rows',
    Array.from({ length: n }, (_, i) => ({ _id: rowId(i), i })),
  )
  return db.collection('rows').orderBy('_id', 'asc')
}

/** A member whose sealed fields are plain, predictable stand-ins (nothing here decrypts them). */
const aMember = (id: string, overrides: Partial<MemberRecord> = {}): MemberRecord =>
  aContractMember(id, {
    mobile: { enc: `enc-mobile-${id}`, hash: `mobile-${id}` },
    licence: { enc: `enc-licence-${id}`, hash: `licence-${id}` },
    ...overrides,
  })
function aCard(cardNo: string, overrides: Partial<CardRecord> = {}): CardRecord {
  return {
    cardNo,
    memberId: 'm-1',
    version: 1,
    status: 'active',
    issuedAt: '2026-11-20T02:00:00.000Z',
    secret: null,
    lastAcceptedStep: 0,
    lastScanBy: null,
    lastScanAt: null,
    lastScanRequestId: null,
    ...overrides,
  }
}
const cardDoc = ({ cardNo, ...rest }: CardRecord): Doc => ({ _id: cardNo, ...rest })
const aStaff = (id: string, openid: string): StaffRecord => ({
  id,
  openid,
  name: '店员',
  role: 'clerk',
  site: null,
  status: 'active',
  createdAt: '2026-11-20T02:00:00.000Z',
  version: 1,
})
const aClub = (memberId: string, decidedBy: string): ClubMembership => ({
  memberId,
  state: 'applied',
  since: '2026-11-20T02:00:00.000Z',
  appliedAt: '2026-11-20T02:00:00.000Z',
  joinedAt: null,
  graceYear: null,
  decidedBy,
  reason: null,
  resumeState: null,
  version: 1,
})
const depsOver = (store: Store) =>
  ({
    store,
    clock: { now: () => new Date('2026-11-23T02:00:00.000Z') },
  }) as unknown as Deps

describe('paged reads (a get() gives 100 rows unless limited, limit is clamped to 1000, page with skip)', () => {
  // Read-only: the members' unique index is left out, as the double checks it by a full scan.
  const openForReads = () => open({ uniqueIndexes: {} })

  it('node-sdk sends a get() without a limit, or with limit(0), as limit 100, and clamps a larger limit to 1000', async () => {
    const opened = openForReads()
    const query = await rowsQuery(opened, 2_345)
    const from = opened.double.requests.length

    const unlimited = await query.get()
    const zero = await query.limit(0).get()
    const large = await query.limit(5_000).get()

    expect([unlimited, zero, large].map((page) => page.data.length)).toEqual([100, 100, 1000])
    expect(limitsAsked(opened.double, from)).toEqual([100, 100, 1000])
  })

  it('readAll returns every row of more than 1000, asking no get() for more than 1000', async () => {
    const opened = openForReads()
    const query = await rowsQuery(opened, 2_345)
    const from = opened.double.requests.length

    const rows = await readAll(query)

    expect(rows.map((r) => r._id)).toEqual(ids(0, 2_345))
    expect(limitsAsked(opened.double, from)).toEqual([1000, 1000, 1000])
    expect(PAGE_ROWS).toBe(1000)
  })

  it('readAll returns exactly 1000 rows when there are exactly 1000, not a clamped first page only', async () => {
    const opened = openForReads()
    const query = await rowsQuery(opened, 1_000)
    const from = opened.double.requests.length

    const rows = await readAll(query)

    expect(rows).toHaveLength(1_000)
    expect(limitsAsked(opened.double, from)).toEqual([1000, 1000])
  })

  it('readPage returns a complete page longer than 1000 rows from an offset', async () => {
    const opened = openForReads()
    const query = await rowsQuery(opened, 2_345)
    const from = opened.double.requests.length

    const rows = await readPage(query, 150, 2_100)

    expect(rows.map((r) => r._id)).toEqual(ids(150, 2_250))
    expect(limitsAsked(opened.double, from)).toEqual([1000, 1000, 100])
  })

  it('readPage sends no get() for an empty page, since limit(0) is sent as no limit (100 rows)', async () => {
    const opened = openForReads()
    const query = await rowsQuery(opened, 300)
    const from = opened.double.requests.length

    const rows = await readPage(query, 0, 0)

    expect(rows).toEqual([])
    expect(limitsAsked(opened.double, from)).toEqual([])
  })

  it('readAfter returns more than 1000 rows after a cursor by keyset pages of at most 1000', async () => {
    const opened = openForReads()
    const { db, double } = opened
    await rowsQuery(opened, 2_345)
    const page = async (after: string, want: number) =>
      (
        await db
          .collection('rows')
          .where({ _id: db.command.gt(after) })
          .orderBy('_id', 'asc')
          .limit(want)
          .get()
      ).data
    const from = double.requests.length

    const rows = await readAfter('r-00099', 5_000, page)

    expect(rows.map((r) => r._id)).toEqual(ids(100, 2_345))
    expect(limitsAsked(double, from)).toEqual([1000, 1000, 1000])
  })

  it.each([
    [
      'members.listByStatus',
      (db: CloudbaseDb) =>
        putDocs(
          db,
          COLLECTIONS.members,
          Array.from({ length: 1_500 }, (_, i) => {
            const { id, ...rest } = aMember(`m-${String(i).padStart(5, '0')}`)
            return { _id: id, ...rest }
          }),
        ),
      async (repos: Repositories) =>
        (await repos.members.listByStatus('pending', 100, 1_300)).items,
      1_300,
      [1000, 300],
    ],
    [
      'points.history',
      (db: CloudbaseDb) =>
        putDocs(
          db,
          COLLECTIONS.pointsLedger,
          Array.from({ length: 1_500 }, (_, i) => ({
            _id: `e-${String(i).padStart(5, '0')}`,
            memberId: 'm-1',
            at: `2026-11-20T02:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:00.000Z`,
          })),
        ),
      async (repos: Repositories) => (await repos.points.history('m-1', 0, 1_200)).items,
      1_200,
      [1000, 200],
    ],
    [
      'clubs.listByState',
      (db: CloudbaseDb) =>
        putDocs(
          db,
          COLLECTIONS.clubs,
          Array.from({ length: 1_500 }, (_, i) => ({
            _id: `m-${String(i).padStart(5, '0')}`,
            state: 'applied',
            since: '2026-11-20T02:00:00.000Z',
          })),
        ),
      async (repos: Repositories) => (await repos.clubs.listByState('applied', 0, 1_100)).items,
      1_100,
      [1000, 100],
    ],
    [
      'audit.forTarget',
      (db: CloudbaseDb) =>
        putDocs(
          db,
          COLLECTIONS.audit,
          Array.from({ length: 1_234 }, (_, i) => ({
            _id: `a-${String(i).padStart(5, '0')}`,
            targetType: 'member',
            targetId: 'm-1',
            at: `2026-11-20T02:00:${String(i % 60).padStart(2, '0')}.000Z`,
          })),
        ),
      async (repos: Repositories) => repos.audit.forTarget('member', 'm-1'),
      1_234,
      [1000, 1000],
    ],
  ])(
    '%s gives every row asked for when that is more than 1000, by pages of at most 1000',
    async (_name, seed, list, want, limits) => {
      const { store, db, double } = openForReads()
      await seed(db)
      const from = double.requests.length

      const items = await list(store.read)

      expect(items).toHaveLength(want)
      expect(limitsAsked(double, from)).toEqual(limits)
    },
  )
})

describe('cloudbaseStore.transaction (a write conflict re-runs the whole callback, after a jittered wait, up to TRANSACTION_ATTEMPTS times; any other error rolls back)', () => {
  it('re-runs the callback when one of its writes conflicts with a commit made meanwhile, keeping only the last run’s writes', async () => {
    const { store, db, double } = open()
    await putDocs(db, COLLECTIONS.counters, [{ _id: 'cards', value: 7 }])
    let runs = 0

    const value = await store.transaction(async (tx) => {
      runs++
      await tx.cards.insert(aCard(`C-run-${runs}`))
      // Another caller commits a change to the counter after this transaction's snapshot.
      if (runs === 1) await bumpOutside(db, 'cards')
      return tx.counters.next('cards')
    })

    expect(runs).toBe(2)
    expect(value).toBe(9)
    expect(double.documents(COLLECTIONS.counters)).toEqual([{ _id: 'cards', value: 9 }])
    expect(double.documents(COLLECTIONS.cards).map((card) => card._id)).toEqual(['C-run-2'])
    expect(double.openTransactions()).toBe(0)
  })

  it('lets concurrent transactions on one counter through one after another, each with its own value', async () => {
    const { store, double } = open()
    const callers = 4
    let runs = 0

    const values = await Promise.all(
      Array.from({ length: callers }, () =>
        store.transaction(async (tx) => {
          runs++
          return tx.counters.next('tickets')
        }),
      ),
    )

    expect([...values].sort()).toEqual([1, 2, 3, 4])
    expect(double.documents(COLLECTIONS.counters)).toEqual([{ _id: 'tickets', value: callers }])
    expect(runs).toBeGreaterThan(callers)
  })

  it('gives up after TRANSACTION_ATTEMPTS attempts with the conflict, leaving nothing written', async () => {
    const { store, db, double } = open()
    await putDocs(db, COLLECTIONS.counters, [{ _id: 'cards', value: 7 }])
    // Another transaction holds the counter's write lock throughout.
    const holder = await db.startTransaction()
    await holder
      .collection(COLLECTIONS.counters)
      .doc('cards')
      .update({ value: db.command.inc(1) })
    jest.spyOn(Math, 'random').mockReturnValue(0) // no waits between the attempts
    let runs = 0

    const run = store.transaction(async (tx) => {
      runs++
      await tx.cards.insert(aCard(`C${runs}`))
      return tx.counters.next('cards')
    })

    await expect(run).rejects.toMatchObject({ code: CONFLICT })
    expect(runs).toBe(TRANSACTION_ATTEMPTS)
    expect(sent(double, 'database.startTransaction')).toBe(1 + TRANSACTION_ATTEMPTS)
    expect(double.documents(COLLECTIONS.cards)).toEqual([])
    expect(double.documents(COLLECTIONS.counters)).toEqual([{ _id: 'cards', value: 7 }])
    expect(double.openTransactions()).toBe(1)
  })

  it('still commits on the last allowed attempt when the lock is released just before it', async () => {
    const { store, db, double } = open()
    await putDocs(db, COLLECTIONS.counters, [{ _id: 'cards', value: 7 }])
    const holder = await db.startTransaction()
    await holder
      .collection(COLLECTIONS.counters)
      .doc('cards')
      .update({ value: db.command.inc(1) })
    jest.spyOn(Math, 'random').mockReturnValue(0)
    let runs = 0

    const value = await store.transaction(async (tx) => {
      runs++
      if (runs === TRANSACTION_ATTEMPTS) await holder.rollback()
      return tx.counters.next('cards')
    })

    expect(runs).toBe(TRANSACTION_ATTEMPTS)
    expect(value).toBe(8)
    expect(double.documents(COLLECTIONS.counters)).toEqual([{ _id: 'cards', value: 8 }])
    expect(double.openTransactions()).toBe(0)
  })

  it('rolls back on any other error, after one attempt, and the error reaches the caller', async () => {
    const { store, double } = open()
    const boom = new Error('network down')
    let runs = 0

    const run = store.transaction(async (tx) => {
      runs++
      await tx.counters.next('cards')
      await tx.cards.insert(aCard('C1'))
      throw boom
    })

    await expect(run).rejects.toBe(boom)
    expect(runs).toBe(1)
    expect(sent(double, 'database.startTransaction')).toBe(1)
    expect(sent(double, 'database.abortTransaction')).toBe(1)
    expect(sent(double, 'database.commitTransaction')).toBe(0)
    expect(double.documents(COLLECTIONS.counters)).toEqual([])
    expect(double.documents(COLLECTIONS.cards)).toEqual([])
    expect(double.openTransactions()).toBe(0)
  })

  it("returns a use case's Rollback to the caller as its failure, with none of its writes", async () => {
    const { store, double } = open()
    const key = { requestId: 'req-1', openid: 'o-1', fn: 'card', action: 'rekey' }
    const refused = fail('CARD.NOT_FOUND', '会员卡不存在')

    const result = await idempotent(depsOver(store), key, async (tx) => {
      await tx.cards.insert(aCard('C1'))
      return refused
    })

    expect(result).toEqual(refused)
    expect(double.documents(COLLECTIONS.cards)).toEqual([])
    expect(double.documents(COLLECTIONS.requests)).toEqual([])
    expect(double.openTransactions()).toBe(0)
  })

  it('carries out an idempotent request once despite a conflict, and a retry returns its result', async () => {
    const { store, db, double } = open()
    await putDocs(db, COLLECTIONS.counters, [{ _id: 'cards', value: 7 }])
    const deps = depsOver(store)
    const key = { requestId: 'req-2', openid: 'o-1', fn: 'card', action: 'issue' }
    let runs = 0
    const work = async (tx: Repositories) => {
      runs++
      if (runs === 1) await bumpOutside(db, 'cards')
      const n = await tx.counters.next('cards')
      await tx.cards.insert(aCard(`C${n}`))
      return { ok: true as const, data: { cardNo: `C${n}` } }
    }

    const first = await idempotent(deps, key, work)
    const retry = await idempotent(deps, key, work)

    expect(first).toEqual({ ok: true, data: { cardNo: 'C9' } })
    expect(retry).toEqual(first)
    expect(runs).toBe(2)
    expect(double.documents(COLLECTIONS.counters)).toEqual([{ _id: 'cards', value: 9 }])
    expect(double.documents(COLLECTIONS.cards).map((card) => card._id)).toEqual(['C9'])
    expect(double.documents(COLLECTIONS.requests).map((request) => request._id)).toEqual(['req-2'])
  })
})

describe('retryWait (full jitter: a wait drawn from [0, ceiling], the ceiling doubling from RETRY_WAIT_BASE_MS up to RETRY_WAIT_CAP_MS)', () => {
  it.each([
    [1, 15],
    [2, 30],
    [3, 60],
    [4, 120],
    [5, 240],
    [6, 400],
    [9, 400],
    [50, 400],
  ])('waits at most %i → %i ms after that attempt', (attempt, ceiling) => {
    const wait = retryWait(attempt, () => 1)

    expect(wait).toBe(ceiling)
  })

  it('grows from RETRY_WAIT_BASE_MS and is capped at RETRY_WAIT_CAP_MS', () => {
    const ceilings = Array.from({ length: 12 }, (_, i) => retryWait(i + 1, () => 1))

    expect(ceilings[0]).toBe(RETRY_WAIT_BASE_MS)
    expect(Math.max(...ceilings)).toBe(RETRY_WAIT_CAP_MS)
    expect(ceilings.every((wait, i) => i === 0 || wait >= ceilings[i - 1]!)).toBe(true)
  })

  it('draws each wait within [0, ceiling], so callers that collided drift apart', () => {
    const waits = Array.from({ length: 500 }, () => retryWait(3))

    expect(retryWait(3, () => 0)).toBe(0)
    expect(retryWait(3, () => 0.5)).toBe(30)
    expect(waits.every((wait) => wait >= 0 && wait <= 60)).toBe(true)
    expect(new Set(waits).size).toBeGreaterThan(10)
  })

  it('keeps every wait of TRANSACTION_ATTEMPTS attempts well inside a function’s 15 s timeout', () => {
    const waits = Array.from({ length: TRANSACTION_ATTEMPTS - 1 }, (_, i) =>
      retryWait(i + 1, () => 1),
    )

    expect(TRANSACTION_ATTEMPTS).toBe(10)
    expect(waits.reduce((total, wait) => total + wait, 0)).toBeLessThan(3_000)
  })
})

describe('conditional writes inside a transaction (only doc(id) operations and where().get() take part; where().update()/remove() run outside it)', () => {
  const ADAPTER_DIR = resolve(__dirname, '../../../../cloudfunctions/_shared/adapters/cloudbase')

  /** Every `….where(…)…update(…)` or `.remove(…)` call chain in a source file. */
  function filteredWrites(file: string, text = readFileSync(file, 'utf8')): string[] {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true)
    const found: string[] = []
    const chainCalls = (node: ts.Expression): string[] => {
      const names: string[] = []
      let current: ts.Expression = node
      for (;;) {
        if (ts.isCallExpression(current)) current = current.expression
        else if (ts.isPropertyAccessExpression(current)) {
          names.push(current.name.text)
          current = current.expression
        } else if (ts.isParenthesizedExpression(current) || ts.isAwaitExpression(current)) {
          current = current.expression
        } else return names
      }
    }
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        ['update', 'remove'].includes(node.expression.name.text) &&
        chainCalls(node.expression.expression).includes('where')
      ) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart())
        found.push(`${file.split('/').pop()}:${line + 1}`)
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
    return found
  }

  it('no repository of the adapter calls where(...).update() or where(...).remove()', () => {
    // The rate counts, the counter's card verify, its purchase credits and a sign-up settled
    // alone are no repositories: their conditional updates run on the database, outside any
    // transaction, on purpose (one atomic request each; cloudbase-rate-counts.ts,
    // cloudbase-scenes.ts, cloudbase-purchase-credits.ts, cloudbase-signup-queue.ts — whose
    // queue transactions write by doc(id) only).
    const OUTSIDE_TRANSACTIONS = [
      'cloudbase-rate-counts.ts',
      'cloudbase-scenes.ts',
      'cloudbase-purchase-credits.ts',
      'cloudbase-signup-queue.ts',
    ]
    const files = readdirSync(ADAPTER_DIR)
      .filter((f) => f.endsWith('.ts') && !OUTSIDE_TRANSACTIONS.includes(f))
      .map((f) => join(ADAPTER_DIR, f))

    const offending = files.flatMap((file) => filteredWrites(file))

    expect(files.length).toBeGreaterThan(5)
    expect(offending).toEqual([])
  })

  it('the check above finds a filtered update or remove, and lets doc(id) writes through', () => {
    const text = [
      `await coll('x').where({ a: 1 }).limit(5).update({ b: 2 })`,
      `async function f() { await (c.where(q)).remove() }`,
      `await coll('x').doc(id).update({ b: 2 })`,
      `await coll('x').doc(id).delete()`,
    ].join('\n')

    const offending = filteredWrites('/probe.ts', text)

    expect(offending).toEqual(['probe.ts:1', 'probe.ts:2'])
  })

  it('re-keys a card by doc get, a version check in JS, then doc update, all on the transaction', async () => {
    const { store, db, double } = open()
    await putDocs(db, COLLECTIONS.cards, [cardDoc(aCard('C1', { version: 2 }))])
    const secret = { enc: 'enc', hash: 'h' }
    const from = double.requests.length

    const stale = await store.transaction((tx) => tx.cards.rekey('C1', 1, secret))
    const current = await store.transaction((tx) => tx.cards.rekey('C1', 2, secret))

    expect(stale).toEqual({ ok: false, conflict: 'version' })
    expect(current).toEqual({ ok: true })
    expect(double.documents(COLLECTIONS.cards)).toEqual([
      expect.objectContaining({ _id: 'C1', version: 3, secret }),
    ])
    expect(dataRequests(double, from)).toEqual([
      'getDocument cards in tx',
      'getDocument cards in tx',
      'modifyDocument cards in tx',
    ])
  })

  it('accepts a card code step once, and never an older one, by doc get then doc update', async () => {
    const { store, db, double } = open()
    await putDocs(db, COLLECTIONS.cards, [cardDoc(aCard('C1', { lastAcceptedStep: 10 }))])
    const scan = { by: 'staff-1', at: '2026-11-23T02:00:00.000Z' }
    const from = double.requests.length

    const older = await store.transaction((tx) => tx.cards.acceptStep('C1', 10, scan))
    const newer = await store.transaction((tx) => tx.cards.acceptStep('C1', 11, scan))
    const again = await store.transaction((tx) => tx.cards.acceptStep('C1', 11, scan))

    expect([older, newer, again]).toEqual([false, true, false])
    expect(double.documents(COLLECTIONS.cards)).toEqual([
      expect.objectContaining({ lastAcceptedStep: 11, lastScanBy: 'staff-1' }),
    ])
    expect(dataRequests(double, from)).toEqual([
      'getDocument cards in tx',
      'getDocument cards in tx',
      'modifyDocument cards in tx',
      'getDocument cards in tx',
    ])
  })

  it('updates a member only from the version it read, on the document itself', async () => {
    const { store, double } = open()
    await store.transaction((tx) => tx.members.insert(aMember('m-1')))
    const from = double.requests.length

    const stale = await store.transaction((tx) =>
      tx.members.update(aMember('m-1', { version: 3, shopName: '旧' })),
    )
    const next = await store.transaction((tx) =>
      tx.members.update(aMember('m-1', { version: 2, shopName: '新店' })),
    )

    expect(stale).toEqual({ ok: false, conflict: 'version' })
    expect(next).toEqual({ ok: true })
    expect(double.documents(COLLECTIONS.members)).toEqual([
      expect.objectContaining({ _id: 'm-1', version: 2, shopName: '新店' }),
    ])
    expect(dataRequests(double, from)).toEqual([
      'getDocument members in tx',
      'getDocument members in tx',
      'modifyDocument members in tx',
    ])
  })

  it('saves a versioned document by doc get, version check, then doc add or set', async () => {
    const { db, double } = open()
    double.createCollection('things')
    const save = async (version: number) => {
      const tx = await db.startTransaction()
      const outcome = await saveVersioned(tx, 'things', 't-1', { version, name: `v${version}` })
      await tx.commit()
      return outcome
    }
    const from = double.requests.length

    const created = await save(1)
    const again = await save(1)
    const skipped = await save(3)
    const bumped = await save(2)

    expect([created, again, skipped, bumped]).toEqual([
      { ok: true },
      { ok: false, conflict: 'version' },
      { ok: false, conflict: 'version' },
      { ok: true },
    ])
    expect(double.documents('things')).toEqual([{ _id: 't-1', version: 2, name: 'v2' }])
    expect(dataRequests(double, from)).toEqual([
      'getDocument things in tx',
      'insertDocument things in tx',
      'getDocument things in tx',
      'getDocument things in tx',
      'getDocument things in tx',
      'modifyDocument things in tx',
    ])
  })

  it('counts with doc get then doc add or doc update with inc, never a filtered update', async () => {
    const { store, double } = open()

    const values = [
      await store.transaction((tx) => tx.counters.next('n')),
      await store.transaction((tx) => tx.counters.next('n')),
    ]

    expect(values).toEqual([1, 2])
    expect(dataRequests(double)).toEqual([
      'getDocument counters in tx',
      'insertDocument counters in tx',
      'getDocument counters in tx',
      'modifyDocument counters in tx',
    ])
  })
})

describe('doc(id).get() gives {data:[doc]} outside a transaction and {data: doc|null} inside one', () => {
  it('is answered in those two shapes by node-sdk', async () => {
    const { db } = open()
    const card = cardDoc(aCard('C1'))
    await putDocs(db, COLLECTIONS.cards, [card])

    const outside = await db.collection(COLLECTIONS.cards).doc('C1').get()
    const outsideMissing = await db.collection(COLLECTIONS.cards).doc('C2').get()
    const tx = await db.startTransaction()
    const inside = await tx.collection(COLLECTIONS.cards).doc('C1').get()
    const insideMissing = await tx.collection(COLLECTIONS.cards).doc('C2').get()
    await tx.commit()

    expect(outside.data).toEqual([card])
    expect(outsideMissing.data).toEqual([])
    expect(inside.data).toEqual(card)
    expect(insideMissing.data).toBeNull()
  })

  it('finds a stored member by id outside a transaction, and null for a missing one', async () => {
    const { store } = open()
    await store.transaction((tx) => tx.members.insert(aMember('m-1')))

    const found = await store.read.members.byId('m-1')
    const missing = await store.read.members.byId('m-2')

    expect(found).toEqual(aMember('m-1'))
    expect(missing).toBeNull()
  })

  it('finds a stored member by id inside a transaction, and null for a missing one', async () => {
    const { store } = open()
    await store.transaction((tx) => tx.members.insert(aMember('m-1')))

    const [found, missing] = await store.transaction(async (tx) => [
      await tx.members.byId('m-1'),
      await tx.members.byId('m-2'),
    ])

    expect(found).toEqual(aMember('m-1'))
    expect(missing).toBeNull()
  })

  it('sees its own uncommitted write inside the transaction, and no one else sees it before commit', async () => {
    const { store } = open()
    let outsideDuring: unknown = 'unread'

    const inside = await store.transaction(async (tx) => {
      await tx.members.insert(aMember('m-1'))
      outsideDuring = await store.read.members.byId('m-1')
      return tx.members.byId('m-1')
    })

    expect(inside).toEqual(aMember('m-1'))
    expect(outsideDuring).toBeNull()
  })
})

describe('racing inserts (two transactions both read a value free, then both add it) come out as values, not crashes', () => {
  it('makes the losing staff insert a conflict on openid', async () => {
    const { store, double } = open()

    const { outcomes, runs } = await race(store, [
      (tx) => tx.staff.insert(aStaff('s-1', 'o-s')),
      (tx) => tx.staff.insert(aStaff('s-2', 'o-s')),
    ])

    expect(outcomes).toContainEqual({ ok: true })
    expect(outcomes).toContainEqual({ ok: false, conflict: 'openid' })
    expect(double.documents(COLLECTIONS.staff)).toHaveLength(1)
    expect([...runs].sort()).toEqual([1, 2])
  })

  it('makes the losing card insert a conflict on the card number', async () => {
    const { store, double } = open()

    const { outcomes, runs } = await race(store, [
      (tx) => tx.cards.insert(aCard('C1', { memberId: 'm-1' })),
      (tx) => tx.cards.insert(aCard('C1', { memberId: 'm-2' })),
    ])

    const winner = outcomes[0]!.ok ? 'm-1' : 'm-2'
    expect(outcomes).toContainEqual({ ok: true })
    expect(outcomes).toContainEqual({ ok: false, conflict: 'cardNo' })
    expect(double.documents(COLLECTIONS.cards)).toEqual([
      expect.objectContaining({ _id: 'C1', memberId: winner }),
    ])
    expect([...runs].sort()).toEqual([1, 2])
  })

  it('makes the losing first version of a versioned document a version conflict', async () => {
    const { store, double } = open()

    const { outcomes, runs } = await race(store, [
      (tx) => tx.clubs.save(aClub('m-1', 'staff-1')),
      (tx) => tx.clubs.save(aClub('m-1', 'staff-2')),
    ])

    const winner = outcomes[0]!.ok ? 'staff-1' : 'staff-2'
    expect(outcomes).toContainEqual({ ok: true })
    expect(outcomes).toContainEqual({ ok: false, conflict: 'version' })
    expect(double.documents(COLLECTIONS.clubs)).toEqual([
      expect.objectContaining({ _id: 'm-1', version: 1, decidedBy: winner }),
    ])
    expect([...runs].sort()).toEqual([1, 2])
  })

  it('makes a member whose openid claim races a conflict on openid, adding no member and no claim for it', async () => {
    const { store, double } = open()

    const { outcomes } = await race(store, [
      (tx) => tx.members.insert(aMember('m-1', { openid: 'o-same' })),
      (tx) => tx.members.insert(aMember('m-2', { openid: 'o-same' })),
    ])

    const winner = outcomes[0]!.ok ? 'm-1' : 'm-2'
    expect(outcomes).toContainEqual({ ok: true })
    expect(outcomes).toContainEqual({ ok: false, conflict: 'openid' })
    expect(double.documents(COLLECTIONS.members).map((member) => member._id)).toEqual([winner])
    expect(double.documents(COLLECTIONS.uniqueKeys).every((claim) => claim.owner === winner)).toBe(
      true,
    )
  })
})

describe('an add that clashes although its read found the id free', () => {
  it('is taken for a lost race and run again, up to TRANSACTION_ATTEMPTS times, writing nothing', async () => {
    // One card per member, an index the adapter does not read before adding: the clash is not
    // a race, so every run meets it again.
    const { store, db, double } = open({
      uniqueIndexes: { ...UNIQUE_INDEXES, [COLLECTIONS.cards]: [['memberId']] },
    })
    await putDocs(db, COLLECTIONS.cards, [cardDoc(aCard('C1', { memberId: 'm-1' }))])
    const answers = jest.spyOn(double, 'handle')
    jest.spyOn(Math, 'random').mockReturnValue(0)
    let runs = 0

    const run = store.transaction((tx) => {
      runs++
      return tx.cards.insert(aCard('C2', { memberId: 'm-1' }))
    })

    await expect(run).rejects.toMatchObject({ code: CONFLICT })
    const codes = await Promise.all(answers.mock.results.map((result) => result.value))
    expect(runs).toBe(TRANSACTION_ATTEMPTS)
    expect(codes.filter((body) => body.code === 'DATABASE_DUPLICATE_WRITE')).toHaveLength(
      TRANSACTION_ATTEMPTS,
    )
    expect(double.documents(COLLECTIONS.cards).map((card) => card._id)).toEqual(['C1'])
    expect(double.openTransactions()).toBe(0)
  })
})

describe('a write that fails for another reason', () => {
  it('reaches the caller as the error when the collection does not exist, after one attempt, with the claims before it rolled back', async () => {
    const { store, double } = openWithout(COLLECTIONS.members)

    const run = store.transaction((tx) => tx.members.insert(aMember('m-1')))

    await expect(run).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' })
    expect(dataRequests(double).slice(-1)).toEqual(['insertDocument members in tx'])
    expect(sent(double, 'database.startTransaction')).toBe(1)
    expect(double.documents(COLLECTIONS.uniqueKeys)).toEqual([])
    expect(double.openTransactions()).toBe(0)
  })

  it('reaches the caller as the error, not as a conflict, when an add after a read is refused', async () => {
    // Each request takes a second, and a transaction may live a second and a half: the read of
    // the card number is in time, its add comes too late (DATABASE_TRANSACTION_FAIL).
    const { store, double } = open({ latencyMs: 1_000, transactionLifetimeMs: 1_500 })

    const run = store.transaction((tx) => tx.cards.insert(aCard('C1')))

    await expect(run).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
    expect(dataRequests(double)).toEqual(['getDocument cards in tx', 'insertDocument cards in tx'])
    expect(sent(double, 'database.startTransaction')).toBe(1)
    expect(double.documents(COLLECTIONS.cards)).toEqual([])
    expect(double.openTransactions()).toBe(0)
  })
})
