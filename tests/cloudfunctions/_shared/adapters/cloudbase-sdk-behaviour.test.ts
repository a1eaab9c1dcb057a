import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import ts from 'typescript'
import {
  PAGE_ROWS,
  readAfter,
  readAll,
  readPage,
  saveVersioned,
} from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-repositories'
import {
  cloudbaseStore,
  TRANSACTION_RETRIES,
  type CloudbaseDb,
} from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-store'
import { idempotent } from '../../../../cloudfunctions/_shared/idempotent'
import type {
  CardRecord,
  Deps,
  MemberRecord,
  Repositories,
} from '../../../../cloudfunctions/_shared/ports'
import { fail } from '@/domain/shared/result'
import { aContractMember } from './contract-member'

type Doc = Record<string, unknown> & { _id: string }
type Tables = Map<string, Map<string, Doc>>
type Operator = 'gt' | 'gte' | 'lt' | 'lte' | 'neq' | 'in'
type Condition = { [OPS]: [Operator, unknown][]; and(...others: Condition[]): Condition }
/** A query of the stub, as node-sdk chains it. */
type StubQuery = {
  where(filter: Record<string, unknown>): StubQuery
  orderBy(field: string, direction: 'asc' | 'desc'): StubQuery
  skip(n: number): StubQuery
  limit(n: number): StubQuery
  get(): Promise<{ data: Doc[] }>
  count(): Promise<{ total: number }>
  update(fields: Record<string, unknown>): Promise<{ updated: number }>
  remove(): Promise<{ deleted: number }>
}

const OPS = Symbol('ops')
const INC = Symbol('inc')
const CONFLICT = 'DATABASE_TRANSACTION_CONFLICT'
const conflictError = () =>
  Object.assign(new Error('[DATABASE_TRANSACTION_CONFLICT] write conflict'), { code: CONFLICT })

/** The two spellings of a unique clash (PLATFORM §1). */
const DUPLICATES: [string, () => unknown][] = [
  [
    'DATABASE_DUPLICATE_WRITE',
    () => Object.assign(new Error('duplicate write'), { code: 'DATABASE_DUPLICATE_WRITE' }),
  ],
  [
    'DATABASE_REQUEST_FAILED with E11000',
    () =>
      Object.assign(new Error('E11000 duplicate key error collection: tcb.x index: _id_'), {
        code: 'DATABASE_REQUEST_FAILED',
      }),
  ],
]

/**
 * A stub of the slice of node-sdk's `db` the adapter uses, doing what PLATFORM §1 documents and
 * @cloudbase/database 1.4.3 (transaction/index.js) does:
 * - `get()` without a limit gives 100 rows; `limit(n)` is clamped to 1000 and `limit(0)` is no
 *   limit; every limit asked for is recorded;
 * - `doc(id).get()` gives `{data:[doc]}` outside a transaction and `{data: doc|null}` inside one;
 * - `add` of a taken `_id` throws DATABASE_DUPLICATE_WRITE (or the error queued in `failNextAdd`);
 * - `runTransaction(callback, times = 3)`: a DATABASE_TRANSACTION_CONFLICT, from a write or from the
 *   commit, re-runs the whole callback while `times` lasts (3 ⇒ up to 4 attempts); any other error
 *   rolls back and is rethrown; writes are seen by the transaction and by no one else until commit;
 * - `where(...).update()` / `.remove()` on a transaction handle run at once, outside it, and are
 *   never rolled back (node-sdk#5): the stub applies them and records them in `escapedWrites`.
 */
class SdkStub implements CloudbaseDb {
  tables: Tables = new Map()
  limitsAsked: number[] = []
  escapedWrites: string[] = []
  /** Single-document operations inside transactions, in order: `get cards/C1`, `update cards/C1`. */
  txOps: string[] = []
  retryCounts: (number | undefined)[] = []
  attempts = 0
  /** How many coming commits fail with a write conflict. */
  commitConflicts = 0
  /** How many coming single-document writes inside a transaction fail with a write conflict. */
  writeConflicts = 0
  /** The error the next `add` to a collection throws, as a racing writer's duplicate would. */
  failNextAdd = new Map<string, unknown>()

  command = {
    inc: (n: number) => ({ [INC]: n }),
    gt: (value: unknown) => condition([['gt', value]]),
    gte: (value: unknown) => condition([['gte', value]]),
    lt: (value: unknown) => condition([['lt', value]]),
    lte: (value: unknown) => condition([['lte', value]]),
    neq: (value: unknown) => condition([['neq', value]]),
    in: (values: readonly unknown[]) => condition([['in', [...values]]]),
  }

  collection(name: string) {
    return this.coll(name, () => this.tables, false)
  }

  async runTransaction<T>(
    callback: (tx: { collection(name: string): unknown }) => Promise<T>,
    times = 3,
  ): Promise<T> {
    this.retryCounts.push(times)
    for (let left = times; ; left--) {
      this.attempts++
      const staged = structuredClone(this.tables)
      try {
        const value = await callback({ collection: (name) => this.coll(name, () => staged, true) })
        if (this.commitConflicts > 0) {
          this.commitConflicts--
          throw conflictError()
        }
        this.tables = staged
        return value
      } catch (error) {
        if (left <= 0 || (error as { code?: string })?.code !== CONFLICT) throw error
      }
    }
  }

  put(name: string, doc: Doc) {
    this.table(this.tables, name).set(doc._id, structuredClone(doc))
  }

  stored(name: string, id: string): Doc | undefined {
    return this.tables.get(name)?.get(id)
  }

  private table(tables: Tables, name: string) {
    if (!tables.has(name)) tables.set(name, new Map())
    return tables.get(name)!
  }

  private coll(name: string, tables: () => Tables, inTx: boolean) {
    const rows = () => this.table(tables(), name)
    const write = () => {
      if (inTx && this.writeConflicts > 0) {
        this.writeConflicts--
        throw conflictError()
      }
    }
    const log = (op: string, id: string) => {
      if (inTx) this.txOps.push(`${op} ${name}/${id}`)
    }
    return {
      ...this.query(name, rows, inTx, {}, [], 0, 100),
      add: async (doc: Record<string, unknown>) => {
        write()
        const id = doc._id as string
        log('add', id)
        const failure = this.failNextAdd.get(name)
        if (failure) {
          this.failNextAdd.delete(name)
          throw failure
        }
        if (rows().has(id)) throw DUPLICATES[0]![1]()
        rows().set(id, structuredClone(doc as Doc))
        return { id }
      },
      doc: (id: string) => ({
        get: async () => {
          log('get', id)
          const found = rows().get(id)
          const copy = found ? structuredClone(found) : null
          return inTx ? { data: copy } : { data: copy ? [copy] : [] }
        },
        set: async (fields: Record<string, unknown>) => {
          write()
          log('set', id)
          rows().set(id, structuredClone({ ...fields, _id: id }))
          return { updated: 1 }
        },
        update: async (fields: Record<string, unknown>) => {
          write()
          log('update', id)
          const found = rows().get(id)
          if (!found) return { updated: 0 }
          for (const [field, value] of Object.entries(fields)) {
            const inc = (value as { [INC]?: number } | null)?.[INC]
            found[field] =
              inc === undefined ? structuredClone(value) : (found[field] as number) + inc
          }
          return { updated: 1 }
        },
        delete: async () => {
          write()
          log('delete', id)
          return { deleted: rows().delete(id) ? 1 : 0 }
        },
      }),
    }
  }

  private query(
    name: string,
    rows: () => Map<string, Doc>,
    inTx: boolean,
    filter: Record<string, unknown>,
    order: [string, 'asc' | 'desc'][],
    skip: number,
    limit: number,
  ): StubQuery {
    const next = (
      more: Partial<{ filter: typeof filter; order: typeof order; skip: number; limit: number }>,
    ) =>
      this.query(
        name,
        rows,
        inTx,
        more.filter ?? filter,
        more.order ?? order,
        more.skip ?? skip,
        more.limit ?? limit,
      )
    const matching = () =>
      [...rows().values()]
        .filter((doc) => Object.entries(filter).every(([field, want]) => matches(doc[field], want)))
        .sort((a, b) => {
          for (const [field, direction] of order) {
            const c = compare(a[field], b[field])
            if (c !== 0) return direction === 'asc' ? c : -c
          }
          return 0
        })
    const escape = (op: string) => {
      // node-sdk sends these without the transaction id: they run now, outside it (node-sdk#5).
      if (inTx) this.escapedWrites.push(`where(${JSON.stringify(filter)}).${op}() on ${name}`)
    }
    return {
      where: (more: Record<string, unknown>) => next({ filter: { ...filter, ...more } }),
      orderBy: (field: string, direction: 'asc' | 'desc') =>
        next({ order: [...order, [field, direction]] }),
      skip: (n: number) => next({ skip: n }),
      limit: (n: number) => {
        this.limitsAsked.push(n)
        return next({ limit: n === 0 ? 100 : Math.min(n, 1000) })
      },
      get: async () => ({ data: structuredClone(matching().slice(skip, skip + limit)) }),
      count: async () => ({ total: matching().length }),
      update: async (fields: Record<string, unknown>) => {
        escape('update')
        for (const doc of matching()) Object.assign(doc, fields)
        return { updated: matching().length }
      },
      remove: async () => {
        escape('remove')
        const gone = matching()
        for (const doc of gone) rows().delete(doc._id)
        return { deleted: gone.length }
      },
    }
  }
}

function condition(ops: [Operator, unknown][]): Condition {
  return { [OPS]: ops, and: (...others) => condition([...ops, ...others.flatMap((o) => o[OPS])]) }
}
function compare(a: unknown, b: unknown): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1
  return a === b ? 0 : (a as string) < (b as string) ? -1 : 1
}
function matches(actual: unknown, want: unknown): boolean {
  if (want === null || typeof want !== 'object' || !(OPS in want)) {
    return want === null ? actual == null : actual === want
  }
  return (want as Condition)[OPS].every(([op, operand]) => {
    if (op === 'in') return (operand as unknown[]).includes(actual)
    if (op === 'neq') return actual !== operand
    if (actual == null || typeof actual !== typeof operand) return false
    const c = compare(actual, operand)
    return op === 'gt' ? c > 0 : op === 'gte' ? c >= 0 : op === 'lt' ? c < 0 : c <= 0
  })
}

/** An ordered query over `n` rows `r-00000`…, straight from the stub. */
function rowsQuery(db: SdkStub, n: number) {
  for (let i = 0; i < n; i++) db.put('rows', { _id: `r-${String(i).padStart(5, '0')}`, i })
  return db.collection('rows').where({}).orderBy('_id', 'asc')
}
const ids = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, k) => `r-${String(from + k).padStart(5, '0')}`)

/** A member whose sealed fields are plain, predictable stand-ins (the stub never decrypts). */
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
    ...overrides,
  }
}
const depsOver = (db: SdkStub) =>
  ({
    store: cloudbaseStore(db),
    clock: { now: () => new Date('2026-11-23T02:00:00.000Z') },
  }) as unknown as Deps

describe('paged reads (a get() gives 100 rows unless limited, limit is clamped to 1000, page with skip)', () => {
  it('readAll returns every row of more than 1000, asking no get() for more than 1000', async () => {
    const db = new SdkStub()

    const rows = await readAll(rowsQuery(db, 2_345))

    expect(rows.map((r) => r._id)).toEqual(ids(0, 2_345))
    expect(Math.max(...db.limitsAsked)).toBeLessThanOrEqual(PAGE_ROWS)
    expect(PAGE_ROWS).toBe(1000)
  })

  it('readAll returns exactly 1000 rows when there are exactly 1000, not a clamped first page only', async () => {
    const db = new SdkStub()

    const rows = await readAll(rowsQuery(db, 1_000))

    expect(rows).toHaveLength(1_000)
    expect(db.limitsAsked).toEqual([1000, 1000])
  })

  it('readPage returns a complete page longer than 1000 rows from an offset', async () => {
    const db = new SdkStub()

    const rows = await readPage(rowsQuery(db, 2_345), 150, 2_100)

    expect(rows.map((r) => r._id)).toEqual(ids(150, 2_250))
    expect(db.limitsAsked.every((n) => n >= 1 && n <= 1000)).toBe(true)
  })

  it('readPage sends no get() for an empty page, since limit(0) means no limit (100 rows)', async () => {
    const db = new SdkStub()

    const rows = await readPage(rowsQuery(db, 300), 0, 0)

    expect(rows).toEqual([])
    expect(db.limitsAsked).toEqual([])
  })

  it('readAfter returns more than 1000 rows after a cursor by keyset pages of at most 1000', async () => {
    const db = new SdkStub()
    rowsQuery(db, 2_345)
    const page = async (after: string, want: number) =>
      (
        await db
          .collection('rows')
          .where({ _id: db.command.gt(after) })
          .orderBy('_id', 'asc')
          .limit(want)
          .get()
      ).data

    const rows = await readAfter('r-00099', 5_000, page)

    expect(rows.map((r) => r._id)).toEqual(ids(100, 2_345))
    expect(Math.max(...db.limitsAsked)).toBeLessThanOrEqual(1000)
  })

  it.each([
    [
      'members.listByStatus',
      (db: SdkStub) => {
        for (let i = 0; i < 1_500; i++) {
          const m = aMember(`m-${String(i).padStart(5, '0')}`)
          const { id, ...rest } = m
          db.put('members', { _id: id, ...rest })
        }
      },
      async (repos: Repositories) =>
        (await repos.members.listByStatus('pending', 100, 1_300)).items,
      1_300,
    ],
    [
      'points.history',
      (db: SdkStub) => {
        for (let i = 0; i < 1_500; i++) {
          const at = `2026-11-20T02:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:00.000Z`
          db.put('points_ledger', { _id: `e-${String(i).padStart(5, '0')}`, memberId: 'm-1', at })
        }
      },
      async (repos: Repositories) => (await repos.points.history('m-1', 0, 1_200)).items,
      1_200,
    ],
    [
      'clubs.listByState',
      (db: SdkStub) => {
        for (let i = 0; i < 1_500; i++) {
          const since = '2026-11-20T02:00:00.000Z'
          db.put('club_memberships', {
            _id: `m-${String(i).padStart(5, '0')}`,
            state: 'applied',
            since,
          })
        }
      },
      async (repos: Repositories) => (await repos.clubs.listByState('applied', 0, 1_100)).items,
      1_100,
    ],
    [
      'audit.forTarget',
      (db: SdkStub) => {
        for (let i = 0; i < 1_234; i++) {
          const at = `2026-11-20T02:00:${String(i % 60).padStart(2, '0')}.000Z`
          db.put('audit_log', {
            _id: `a-${String(i).padStart(5, '0')}`,
            targetType: 'member',
            targetId: 'm-1',
            at,
          })
        }
      },
      async (repos: Repositories) => repos.audit.forTarget('member', 'm-1'),
      1_234,
    ],
  ])(
    '%s gives every row asked for when that is more than 1000',
    async (_name, seed, list, want) => {
      const db = new SdkStub()
      seed(db)

      const items = await list(cloudbaseStore(db).read)

      expect(items).toHaveLength(want)
      expect(Math.max(...db.limitsAsked)).toBeLessThanOrEqual(1000)
    },
  )
})

describe('cloudbaseStore.transaction (runTransaction re-runs the whole callback on DATABASE_TRANSACTION_CONFLICT; times = 3 ⇒ up to 4 attempts; any other error rolls back)', () => {
  it('passes the retry count 3 to runTransaction', async () => {
    const db = new SdkStub()

    await cloudbaseStore(db).transaction(async () => 'done')

    expect(TRANSACTION_RETRIES).toBe(3)
    expect(db.retryCounts).toEqual([3])
  })

  it('re-runs the whole callback after conflicting commits and keeps only the last run’s writes', async () => {
    const db = new SdkStub()
    db.commitConflicts = 2
    let runs = 0

    const value = await cloudbaseStore(db).transaction(async (tx) => {
      runs++
      return tx.counters.next('cards')
    })

    expect(runs).toBe(3)
    expect(value).toBe(1)
    expect(db.stored('counters', 'cards')).toEqual({ _id: 'cards', value: 1 })
  })

  it('re-runs the callback when one of its writes conflicts, dropping the writes made before it', async () => {
    const db = new SdkStub()
    db.put('counters', { _id: 'cards', value: 7 })
    db.writeConflicts = 1
    let runs = 0

    const value = await cloudbaseStore(db).transaction(async (tx) => {
      runs++
      const n = await tx.counters.next('cards')
      await tx.cards.insert(aCard(`C${n}`))
      return n
    })

    expect(runs).toBe(2)
    expect(value).toBe(8)
    expect(db.stored('counters', 'cards')).toEqual({ _id: 'cards', value: 8 })
    expect(db.stored('cards', 'C8')).toBeDefined()
  })

  it('gives up after 4 attempts with the conflict, leaving nothing written', async () => {
    const db = new SdkStub()
    db.commitConflicts = 10

    const run = cloudbaseStore(db).transaction((tx) => tx.counters.next('cards'))

    await expect(run).rejects.toMatchObject({ code: CONFLICT })
    expect(db.attempts).toBe(4)
    expect(db.stored('counters', 'cards')).toBeUndefined()
  })

  it('rolls back on any other error, after one attempt, and the error reaches the caller', async () => {
    const db = new SdkStub()
    const boom = new Error('network down')

    const run = cloudbaseStore(db).transaction(async (tx) => {
      await tx.counters.next('cards')
      await tx.cards.insert(aCard('C1'))
      throw boom
    })

    await expect(run).rejects.toBe(boom)
    expect(db.attempts).toBe(1)
    expect(db.tables.get('counters')?.size ?? 0).toBe(0)
    expect(db.tables.get('cards')?.size ?? 0).toBe(0)
  })

  it("returns a use case's Rollback to the caller as its failure, with none of its writes", async () => {
    const db = new SdkStub()
    const deps = depsOver(db)
    const key = { requestId: 'req-1', openid: 'o-1', fn: 'card', action: 'rekey' }
    const refused = fail('CARD.NOT_FOUND', '会员卡不存在')

    const result = await idempotent(deps, key, async (tx) => {
      await tx.cards.insert(aCard('C1'))
      return refused
    })

    expect(result).toEqual(refused)
    expect(db.stored('cards', 'C1')).toBeUndefined()
    expect(db.stored('requests', 'req-1')).toBeUndefined()
  })

  it('carries out an idempotent request once despite a conflict, and a retry returns its result', async () => {
    const db = new SdkStub()
    const deps = depsOver(db)
    const key = { requestId: 'req-2', openid: 'o-1', fn: 'card', action: 'issue' }
    const work = async (tx: Repositories) => {
      const n = await tx.counters.next('cards')
      await tx.cards.insert(aCard(`C${n}`))
      return { ok: true as const, data: { cardNo: `C${n}` } }
    }
    db.commitConflicts = 1

    const first = await idempotent(deps, key, work)
    const retry = await idempotent(deps, key, work)

    expect(first).toEqual({ ok: true, data: { cardNo: 'C1' } })
    expect(retry).toEqual(first)
    expect(db.stored('counters', 'cards')).toEqual({ _id: 'cards', value: 1 })
    expect([...(db.tables.get('cards')?.keys() ?? [])]).toEqual(['C1'])
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
    const files = readdirSync(ADAPTER_DIR)
      .filter((f) => f.endsWith('.ts'))
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
    const db = new SdkStub()
    db.put('cards', { ...aCard('C1', { version: 2 }), _id: 'C1' })
    const store = cloudbaseStore(db)
    const secret = { enc: 'enc', hash: 'h' }

    const stale = await store.transaction((tx) => tx.cards.rekey('C1', 1, secret))
    const current = await store.transaction((tx) => tx.cards.rekey('C1', 2, secret))

    expect(stale).toEqual({ ok: false, conflict: 'version' })
    expect(current).toEqual({ ok: true })
    expect(db.stored('cards', 'C1')).toMatchObject({ version: 3, secret })
    expect(db.txOps).toEqual(['get cards/C1', 'get cards/C1', 'update cards/C1'])
    expect(db.escapedWrites).toEqual([])
  })

  it('accepts a card code step once, and never an older one, by doc get then doc update', async () => {
    const db = new SdkStub()
    db.put('cards', { ...aCard('C1', { lastAcceptedStep: 10 }), _id: 'C1' })
    const store = cloudbaseStore(db)
    const scan = { by: 'staff-1', at: '2026-11-23T02:00:00.000Z' }

    const older = await store.transaction((tx) => tx.cards.acceptStep('C1', 10, scan))
    const newer = await store.transaction((tx) => tx.cards.acceptStep('C1', 11, scan))

    expect([older, newer]).toEqual([false, true])
    expect(db.stored('cards', 'C1')).toMatchObject({ lastAcceptedStep: 11, lastScanBy: 'staff-1' })
    expect(db.escapedWrites).toEqual([])
  })

  it('updates a member only from the version it read, on the document itself', async () => {
    const db = new SdkStub()
    const store = cloudbaseStore(db)
    await store.transaction((tx) => tx.members.insert(aMember('m-1')))

    const stale = await store.transaction((tx) =>
      tx.members.update(aMember('m-1', { version: 3, shopName: '旧' })),
    )
    const next = await store.transaction((tx) =>
      tx.members.update(aMember('m-1', { version: 2, shopName: '新店' })),
    )

    expect(stale).toEqual({ ok: false, conflict: 'version' })
    expect(next).toEqual({ ok: true })
    expect(db.stored('members', 'm-1')).toMatchObject({ version: 2, shopName: '新店' })
    expect(db.escapedWrites).toEqual([])
  })

  it('saves a versioned document by doc get, version check, then doc add or set', async () => {
    const db = new SdkStub()
    const save = (version: number) =>
      db.runTransaction((tx) =>
        saveVersioned(tx, 'things', 't-1', { version, name: `v${version}` }),
      )

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
    expect(db.stored('things', 't-1')).toEqual({ _id: 't-1', version: 2, name: 'v2' })
    expect(db.txOps.filter((op) => !op.startsWith('get'))).toEqual([
      'add things/t-1',
      'set things/t-1',
    ])
    expect(db.escapedWrites).toEqual([])
  })

  it('counts with doc get then doc update with inc, never a filtered update', async () => {
    const db = new SdkStub()
    const store = cloudbaseStore(db)

    const values = [
      await store.transaction((tx) => tx.counters.next('n')),
      await store.transaction((tx) => tx.counters.next('n')),
    ]

    expect(values).toEqual([1, 2])
    expect(db.txOps).toEqual([
      'get counters/n',
      'add counters/n',
      'get counters/n',
      'update counters/n',
    ])
    expect(db.escapedWrites).toEqual([])
  })
})

describe('doc(id).get() gives {data:[doc]} outside a transaction and {data: doc|null} inside one', () => {
  it('finds a stored member by id outside a transaction, and null for a missing one', async () => {
    const db = new SdkStub()
    const store = cloudbaseStore(db)
    await store.transaction((tx) => tx.members.insert(aMember('m-1')))

    const found = await store.read.members.byId('m-1')
    const missing = await store.read.members.byId('m-2')

    expect(found).toMatchObject({ id: 'm-1', openid: 'o-m-1' })
    expect(missing).toBeNull()
  })

  it('finds a stored member by id inside a transaction, and null for a missing one', async () => {
    const db = new SdkStub()
    const store = cloudbaseStore(db)
    await store.transaction((tx) => tx.members.insert(aMember('m-1')))

    const [found, missing] = await store.transaction(async (tx) => [
      await tx.members.byId('m-1'),
      await tx.members.byId('m-2'),
    ])

    expect(found).toMatchObject({ id: 'm-1', openid: 'o-m-1' })
    expect(missing).toBeNull()
  })

  it('sees its own uncommitted write inside the transaction, and no one else sees it before commit', async () => {
    const db = new SdkStub()
    const store = cloudbaseStore(db)
    let outsideDuring: unknown = 'unread'

    const inside = await store.transaction(async (tx) => {
      await tx.members.insert(aMember('m-1'))
      outsideDuring = await store.read.members.byId('m-1')
      return tx.members.byId('m-1')
    })

    expect(inside).toMatchObject({ id: 'm-1' })
    expect(outsideDuring).toBeNull()
  })
})

describe.each(DUPLICATES)('a duplicate key reported as %s', (_spelling, duplicate) => {
  it('makes a racing staff insert a conflict on openid, not a crash', async () => {
    const db = new SdkStub()
    db.failNextAdd.set('staff', duplicate())
    const staff = { id: 's-1', openid: 'o-s', name: '店员', role: 'clerk' as const, createdAt: '' }

    const outcome = await cloudbaseStore(db).transaction((tx) => tx.staff.insert(staff))

    expect(outcome).toEqual({ ok: false, conflict: 'openid' })
  })

  it('makes a racing card insert a conflict on the card number', async () => {
    const db = new SdkStub()
    db.failNextAdd.set('cards', duplicate())

    const outcome = await cloudbaseStore(db).transaction((tx) => tx.cards.insert(aCard('C1')))

    expect(outcome).toEqual({ ok: false, conflict: 'cardNo' })
  })

  it('makes a racing first version of a versioned document a version conflict', async () => {
    const db = new SdkStub()
    db.failNextAdd.set('things', duplicate())

    const outcome = await db.runTransaction((tx) =>
      saveVersioned(tx, 'things', 't-1', { version: 1 }),
    )

    expect(outcome).toEqual({ ok: false, conflict: 'version' })
  })

  it('makes a member whose openid claim races a conflict on openid, adding no member', async () => {
    const db = new SdkStub()
    db.failNextAdd.set('unique_keys', duplicate())

    const outcome = await cloudbaseStore(db).transaction((tx) => tx.members.insert(aMember('m-1')))

    expect(outcome).toEqual({ ok: false, conflict: 'openid' })
    expect(db.stored('members', 'm-1')).toBeUndefined()
    expect(db.tables.get('unique_keys')?.size ?? 0).toBe(0)
  })
})

describe('an add that fails for another reason', () => {
  it('reaches the caller as the error, not as a conflict', async () => {
    const db = new SdkStub()
    const denied = Object.assign(new Error('denied'), { code: 'DATABASE_PERMISSION_DENIED' })
    db.failNextAdd.set('cards', denied)

    const run = cloudbaseStore(db).transaction((tx) => tx.cards.insert(aCard('C1')))

    await expect(run).rejects.toBe(denied)
  })
})
