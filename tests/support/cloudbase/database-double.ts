import { EJSON } from 'bson'
import { aggregate, find, Query } from 'mingo'
import { update as applyUpdate } from 'mingo/updater'

/**
 * A double of the CloudBase document database, at the level of the wire: it answers the actions
 * `@cloudbase/database` sends through `Db.reqClass.send(action, params)` (`database.getDocument`,
 * `database.modifyDocument`, `database.startTransaction`, …) with the bodies the service answers,
 * EJSON strings in and out, so the real SDK runs on top of it (see sdk-seam.ts). Queries, updates
 * and aggregation stages are MongoDB's, run by mingo. What it models, each pinned by a spec in
 * tests/cloudfunctions/_shared/adapters/cloudbase-database-double.test.ts citing its source:
 * - a `get` returns at most 1000 documents, 100 when no limit is given;
 * - collections must exist (CloudBase does not create one on first write);
 * - `_id` and the declared unique indexes refuse a duplicate (DATABASE_DUPLICATE_WRITE, E11000);
 * - transactions: snapshot reads (the snapshot is taken at the first operation), own writes seen,
 *   a write lock per document: another transaction's write to it, or a write to a document changed
 *   since the snapshot, fails DATABASE_TRANSACTION_CONFLICT and aborts the transaction; a write
 *   outside any transaction waits for the lock; commit or abort within 30 s, or the transaction is
 *   gone (DATABASE_TRANSACTION_FAIL); a duplicate inside a transaction aborts it too (MongoDB);
 * - count, aggregate and filtered update/remove never take part in a transaction (the SDK does
 *   not send the transaction id with them; the double is given none).
 * Time is virtual: every request advances the clock by `latencyMs`, so limits on time can be shown
 * without waiting.
 */

type Doc = Record<string, unknown>
type Id = string | number
/** A committed version of a document: `doc` null once it was removed. */
type Version = { seq: number; doc: Doc | null }
type Params = Record<string, unknown>
/** The body the service answers with: data, or an error code and message. */
export type WireResponse = Record<string, unknown> & { code?: string; message?: string }

type Transaction = {
  id: string
  startedAt: number
  /** The commit sequence the transaction reads at; taken at its first operation. */
  snapshot: number | null
  writes: Map<string, Map<Id, Doc | null>>
  state: 'active' | 'committed' | 'aborted'
}

/** One request as the double received it: what round trips an action costs. */
export type WireRequest = {
  action: string
  collection: string | null
  transactionId: string | null
  /** The limit a read asked for, as sent (the SDK clamps to 1000 and sends 100 when none). */
  limit: number | null
  at: number
  /**
   * Sent while another request was still on the wire (sent, not yet answered): it costs no round
   * trip of its own to whoever sent both. Meaningful with `wireDelayMs` above 0.
   */
  alongside: boolean
}

export type DatabaseDoubleOptions = {
  /** Unique indexes by collection, each a list of field paths (`_id` is always unique). */
  uniqueIndexes?: Record<string, string[][]>
  /** Virtual time each request takes (round trip plus work); 0 by default. */
  latencyMs?: number
  /**
   * Real time each request takes, half on the way there and half back (0 by default): requests
   * of concurrent callers then overlap as on the network, which is what makes transactions on one
   * document meet each other.
   */
  wireDelayMs?: number
  /** How long a transaction may live before it is aborted: 30 s on CloudBase. */
  transactionLifetimeMs?: number
  /** The virtual clock's start (ms since the epoch). */
  startAt?: number
  /** Called whenever the virtual clock moves (e.g. to move a faked system clock with it). */
  onTick?: (now: number) => void
}

export const READ_LIMIT = 1000
export const DEFAULT_READ_LIMIT = 100
export const TRANSACTION_LIFETIME_MS = 30_000

const MESSAGES = {
  conflict:
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
  gone: '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.',
  noCollection:
    '[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.',
}

/** A failure the service reports in the body (`{code, message}`), which the SDK then throws. */
class WireError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

const conflict = () => new WireError('DATABASE_TRANSACTION_CONFLICT', MESSAGES.conflict)
const duplicate = (collection: string, index: string, key: unknown) =>
  new WireError(
    'DATABASE_DUPLICATE_WRITE',
    `[FailedOperation.DuplicateWrite] E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${JSON.stringify(key)}`,
  )
const invalid = (message: string) => new WireError('INVALID_PARAM', message)

/** EJSON as the SDK writes it (canonical); values come back as plain JS (numbers, Dates). */
const parse = (text: unknown): unknown => toPlain(EJSON.parse(String(text), { relaxed: true }))
const stringify = (value: unknown) => EJSON.stringify(value as Doc, { relaxed: false })

/** BSON regular expressions become JS ones, which mingo matches with. */
function toPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlain)
  if (value === null || typeof value !== 'object' || value instanceof Date) return value
  const bsonType = (value as { _bsontype?: string })._bsontype
  if (bsonType === 'BSONRegExp') {
    const { pattern, options } = value as unknown as { pattern: string; options: string }
    return new RegExp(pattern, options.replace(/[^gimsuy]/g, ''))
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]))
}

const clone = <T>(value: T): T => structuredClone(value)
const lockKey = (name: string, id: Id) => `${name}/${String(id)}`
const valueAt = (doc: Doc, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (v, key) => (v !== null && typeof v === 'object' ? (v as Doc)[key] : undefined),
      doc,
    )

export class CloudbaseDatabaseDouble {
  private readonly collections = new Map<string, Map<Id, Version[]>>()
  private readonly transactions = new Map<string, Transaction>()
  /** `collection/id` → the transaction holding the document's write lock. */
  private readonly locks = new Map<string, string>()
  private readonly lockWaiters = new Map<string, (() => void)[]>()
  private seq = 0
  private nextTx = 0
  private nextDoc = 0
  private virtualNow: number
  readonly requests: WireRequest[] = []
  /** Requests sent and not yet answered. */
  private onTheWire = 0
  /** Every transaction that ended: how long it lived (virtual ms) and how it ended. */
  readonly endedTransactions: { lifetimeMs: number; state: 'committed' | 'aborted' }[] = []
  readonly options: Required<Omit<DatabaseDoubleOptions, 'startAt'>>

  constructor(options: DatabaseDoubleOptions = {}) {
    this.options = {
      uniqueIndexes: options.uniqueIndexes ?? {},
      latencyMs: options.latencyMs ?? 0,
      wireDelayMs: options.wireDelayMs ?? 0,
      transactionLifetimeMs: options.transactionLifetimeMs ?? TRANSACTION_LIFETIME_MS,
      onTick: options.onTick ?? (() => undefined),
    }
    this.virtualNow = options.startAt ?? Date.UTC(2026, 0, 1)
  }

  /** The virtual clock (ms). */
  now(): number {
    return this.virtualNow
  }

  /** Moves the virtual clock on, as if that much time passed between requests. */
  advance(ms: number) {
    this.virtualNow += ms
    this.options.onTick(this.virtualNow)
  }

  /** Creates a collection, as the console or `tcb`/manager-node does; false if it exists. */
  createCollection(name: string): boolean {
    if (this.collections.has(name)) return false
    this.collections.set(name, new Map())
    return true
  }

  collectionNames(): string[] {
    return [...this.collections.keys()]
  }

  /** The committed documents of a collection, as stored (for assertions). */
  documents(name: string): Doc[] {
    return [...(this.collections.get(name)?.values() ?? [])]
      .map((versions) => versions[versions.length - 1]!.doc)
      .filter((doc): doc is Doc => doc !== null)
      .map(clone)
  }

  /** Transactions begun and not yet committed, aborted or expired. */
  openTransactions(): number {
    return [...this.transactions.values()].filter((tx) => tx.state === 'active').length
  }

  /** Answers one request as the service would: a body with data, or with `code` and `message`. */
  async handle(action: string, params: Params = {}): Promise<WireResponse> {
    const alongside = this.onTheWire > 0
    this.onTheWire++
    try {
      const halfWay = this.options.wireDelayMs / 2
      if (halfWay > 0) await new Promise((resolve) => setTimeout(resolve, halfWay))
      const answer = await this.answer(action, params, alongside)
      if (halfWay > 0) await new Promise((resolve) => setTimeout(resolve, halfWay))
      return answer
    } finally {
      this.onTheWire--
    }
  }

  private async answer(action: string, params: Params, alongside: boolean): Promise<WireResponse> {
    this.advance(this.options.latencyMs)
    this.requests.push({
      action,
      collection: (params.collectionName as string | undefined) ?? null,
      transactionId: (params.transactionId as string | undefined) ?? null,
      limit: typeof params.limit === 'number' ? params.limit : null,
      at: this.virtualNow,
      alongside,
    })
    const requestId = `double-${this.requests.length}`
    try {
      const body = await this.dispatch(action, params)
      return { ...body, requestId }
    } catch (error) {
      if (error instanceof WireError) return { code: error.code, message: error.message, requestId }
      throw error
    }
  }

  private async dispatch(action: string, params: Params): Promise<WireResponse> {
    switch (action) {
      case 'database.startTransaction':
        return this.startTransaction()
      case 'database.commitTransaction':
        return this.commit(params.transactionId as string)
      case 'database.abortTransaction':
        return this.abort(params.transactionId as string)
      case 'database.addCollection':
        if (!this.createCollection(params.collectionName as string)) {
          throw new WireError('DATABASE_COLLECTION_ALREADY_EXIST', 'collection already exists')
        }
        return {}
      case 'database.getDocument':
        return this.getDocument(params)
      case 'database.calculateDocument':
        return { data: { total: this.query(params, null).length } }
      case 'database.insertDocument':
        return this.insertDocuments(params)
      case 'database.modifyDocument':
        return this.modifyDocument(params)
      case 'database.removeDocument':
        return this.removeDocuments(params)
      case 'database.aggregateDocuments':
        return this.aggregateDocuments(params)
      default:
        // A call the double does not know is a gap in the double, never a silent success.
        throw new Error(`CloudBase database double: unsupported action ${action}`)
    }
  }

  // — transactions —

  private startTransaction(): WireResponse {
    const id = `tx-${++this.nextTx}`
    this.transactions.set(id, {
      id,
      startedAt: this.virtualNow,
      snapshot: null,
      writes: new Map(),
      state: 'active',
    })
    return { transactionId: id }
  }

  /** The live transaction of a request, its snapshot taken at its first operation. */
  private transaction(id: unknown): Transaction | null {
    if (id === undefined || id === null) return null
    const tx = this.transactions.get(String(id))
    if (tx) this.expireIfOld(tx)
    if (!tx || tx.state !== 'active')
      throw new WireError('DATABASE_TRANSACTION_FAIL', MESSAGES.gone)
    tx.snapshot ??= this.seq
    return tx
  }

  private expireIfOld(tx: Transaction) {
    if (
      tx.state === 'active' &&
      this.virtualNow - tx.startedAt > this.options.transactionLifetimeMs
    ) {
      this.end(tx, 'aborted')
    }
  }

  private commit(id: string): WireResponse {
    const tx = this.transaction(id)!
    const seq = ++this.seq
    for (const [name, writes] of tx.writes) {
      for (const [docId, doc] of writes) this.putVersion(name, docId, { seq, doc })
    }
    this.end(tx, 'committed')
    return {}
  }

  private abort(id: string): WireResponse {
    this.end(this.transaction(id)!, 'aborted')
    return {}
  }

  private end(tx: Transaction, state: 'committed' | 'aborted') {
    tx.state = state
    this.endedTransactions.push({ lifetimeMs: this.virtualNow - tx.startedAt, state })
    for (const [key, holder] of this.locks) {
      if (holder !== tx.id) continue
      this.locks.delete(key)
      for (const wake of this.lockWaiters.get(key) ?? []) wake()
      this.lockWaiters.delete(key)
    }
  }

  /** A failed write aborts the transaction: MongoDB does, and CloudBase's SDK retries from scratch. */
  private failIn(tx: Transaction, error: WireError): never {
    this.end(tx, 'aborted')
    throw error
  }

  // — storage —

  private collection(name: unknown): Map<Id, Version[]> {
    const found = this.collections.get(String(name))
    if (!found) throw new WireError('DATABASE_COLLECTION_NOT_EXIST', MESSAGES.noCollection)
    return found
  }

  private putVersion(name: string, id: Id, version: Version) {
    const versions = this.collection(name).get(id)
    // Old versions matter only to open transactions' snapshots.
    if (!versions || this.openTransactions() === 0) this.collection(name).set(id, [version])
    else versions.push(version)
  }

  private committed(name: string, id: Id, atSeq = Infinity): Doc | null {
    const versions = this.collection(name).get(id)
    if (!versions) return null
    for (let i = versions.length - 1; i >= 0; i--) {
      if (versions[i]!.seq <= atSeq) return versions[i]!.doc
    }
    return null
  }

  private lastChanged(name: string, id: Id): number {
    const versions = this.collection(name).get(id)
    return versions ? versions[versions.length - 1]!.seq : -1
  }

  /** A document as a reader sees it: the transaction's own write, its snapshot, or the latest. */
  private visible(name: string, id: Id, tx: Transaction | null): Doc | null {
    const own = tx?.writes.get(name)
    if (own?.has(id)) return own.get(id)!
    return this.committed(name, id, tx ? tx.snapshot! : Infinity)
  }

  private visibleAll(name: string, tx: Transaction | null): Doc[] {
    const ids = new Set<Id>(this.collection(name).keys())
    for (const id of tx?.writes.get(name)?.keys() ?? []) ids.add(id)
    const docs: Doc[] = []
    for (const id of ids) {
      const doc = this.visible(name, id, tx)
      if (doc) docs.push(doc)
    }
    return docs
  }

  /**
   * Writes `doc` (null: removes) under `id`. Outside a transaction it is committed at once, after
   * waiting for any transaction's lock on the document. Inside one it is staged under the
   * document's lock: a lock held by another transaction, or a document changed since the
   * snapshot, is a write conflict.
   */
  /** A committed write outside any transaction, once no transaction holds the document. */
  private writeUnlocked(name: string, id: Id, doc: Doc | null) {
    this.checkUnique(name, id, doc, null)
    this.putVersion(name, id, { seq: ++this.seq, doc: doc && clone(doc) })
  }

  /** The committed document `id` if it matches the request's filter (outside a transaction). */
  private matching(name: string, id: Id, params: Params) {
    const doc = this.visible(name, id, null)
    return doc && new Query(this.criteria(params)).test(doc) ? doc : null
  }

  private async write(name: string, id: Id, doc: Doc | null, tx: Transaction | null) {
    const key = lockKey(name, id)
    if (!tx) {
      await this.lockReleased(key)
      this.writeUnlocked(name, id, doc)
      return
    }
    const holder = this.locks.get(key)
    if (holder && holder !== tx.id) {
      const other = this.transactions.get(holder)!
      this.expireIfOld(other)
      if (other.state === 'active') this.failIn(tx, conflict())
    }
    if (this.lastChanged(name, id) > tx.snapshot!) this.failIn(tx, conflict())
    this.checkUnique(name, id, doc, tx)
    this.locks.set(key, tx.id)
    if (!tx.writes.has(name)) tx.writes.set(name, new Map())
    tx.writes.get(name)!.set(id, doc && clone(doc))
  }

  private async lockReleased(key: string) {
    for (;;) {
      const holder = this.locks.get(key)
      if (!holder) return
      const tx = this.transactions.get(holder)!
      this.expireIfOld(tx)
      if (tx.state !== 'active') return
      await new Promise<void>((wake) =>
        this.lockWaiters.set(key, [...(this.lockWaiters.get(key) ?? []), wake]),
      )
    }
  }

  /**
   * A declared unique index refuses a second document with the same key (a missing field counts
   * as null). Inside a transaction a clash with what it sees is a duplicate; a clash with a
   * document committed since its snapshot or staged by another transaction is a conflict.
   */
  private checkUnique(name: string, id: Id, doc: Doc | null, tx: Transaction | null) {
    if (!doc) return
    for (const fields of this.options.uniqueIndexes[name] ?? []) {
      const keyOf = (d: Doc) => JSON.stringify(fields.map((f) => valueAt(d, f) ?? null))
      const key = keyOf(doc)
      const clash = (d: Doc | null) => d !== null && d._id !== id && keyOf(d) === key
      const index = fields.join('_')
      if (this.visibleAll(name, tx).some(clash)) {
        const error = duplicate(name, index, JSON.parse(key))
        if (tx) this.failIn(tx, error)
        throw error
      }
      if (!tx) continue
      const latest = [...this.collection(name).keys()].map((k) => this.committed(name, k))
      const staged = [...this.transactions.values()]
        .filter((other) => other.state === 'active' && other.id !== tx.id)
        .flatMap((other) => [...(other.writes.get(name)?.values() ?? [])])
      if (latest.some(clash) || staged.some(clash)) this.failIn(tx, conflict())
    }
  }

  // — actions —

  /** The id a filter asks for when it is `{_id: value}` alone: one document, no scan. */
  private idOnly(params: Params): Id | null {
    const criteria = this.criteria(params)
    const keys = Object.keys(criteria)
    const id = criteria._id
    return keys.length === 1 && (typeof id === 'string' || typeof id === 'number') ? id : null
  }

  /** The documents a reader sees that may match the request's filter. */
  private candidates(params: Params, tx: Transaction | null): Doc[] {
    const name = this.name(params)
    const id = this.idOnly(params)
    if (id === null) return this.visibleAll(name, tx)
    const doc = this.visible(name, id, tx)
    return doc ? [doc] : []
  }

  private getDocument(params: Params): WireResponse {
    const tx = this.transaction(params.transactionId)
    const limit = Math.min(Number(params.limit) || DEFAULT_READ_LIMIT, READ_LIMIT)
    const offset = Number(params.offset) || 0
    const projection = params.projection ? (parse(params.projection) as Doc) : undefined
    let cursor = find(this.candidates(params, tx), this.criteria(params), projection)
    if (params.order) cursor = cursor.sort(parse(params.order) as Record<string, 1 | -1>)
    const list = cursor
      .skip(offset)
      .limit(params.queryType === 'DOC' ? 1 : limit)
      .all()
    return { data: { list: list.map(stringify), offset, limit } }
  }

  private name(params: Params): string {
    const name = params.collectionName
    if (typeof name !== 'string' || !name) throw invalid('collectionName is required')
    this.collection(name)
    return name
  }

  private criteria(params: Params): Doc {
    return params.query ? (parse(params.query) as Doc) : {}
  }

  /** The documents a filtered request touches, as its reader sees them. */
  private query(params: Params, tx: Transaction | null): Doc[] {
    return find(this.candidates(params, tx), this.criteria(params)).all() as Doc[]
  }

  /**
   * A document a filtered write chose, as it is when the write reaches it: outside a transaction
   * the write first waits for any transaction's lock, and then applies only if it still matches.
   */
  private async current(name: string, id: Id, params: Params, tx: Transaction | null) {
    if (!tx) await this.lockReleased(lockKey(name, id))
    const doc = this.visible(name, id, tx)
    return doc && new Query(this.criteria(params)).test(doc) ? doc : null
  }

  private async insertDocuments(params: Params): Promise<WireResponse> {
    const tx = this.transaction(params.transactionId)
    const name = this.name(params)
    const insertedIds: Id[] = []
    for (const text of params.data as string[]) {
      const doc = parse(text) as Doc
      doc._id ??= `double${String(++this.nextDoc).padStart(26, '0')}`
      const id = doc._id as Id
      // Outside a transaction the lock is awaited first, so the check and the write happen in
      // one step: of two simultaneous inserts of one `_id`, the second is the duplicate.
      if (!tx) await this.lockReleased(lockKey(name, id))
      if (this.visible(name, id, tx)) {
        const error = duplicate(name, '_id_', { _id: id })
        if (tx) this.failIn(tx, error)
        throw error
      }
      if (tx) await this.write(name, id, doc, tx)
      else this.writeUnlocked(name, id, doc)
      insertedIds.push(id)
    }
    return { data: { insertedIds } }
  }

  private async modifyDocument(params: Params): Promise<WireResponse> {
    const tx = this.transaction(params.transactionId)
    const name = this.name(params)
    const data = parse(params.data) as Doc
    const targets = this.query(params, tx)
    const chosen = params.multi ? targets : targets.slice(0, 1)
    if (params.merge === false) {
      // `doc.set`: the document replaced, or inserted when missing (upsert).
      if (Object.keys(data).some((k) => k.startsWith('$'))) {
        throw invalid('a replacement document cannot hold update operators')
      }
      const id = (this.criteria(params) as { _id: Id })._id
      if (!tx) await this.lockReleased(lockKey(name, id))
      const current = this.visible(name, id, tx)
      const next = { _id: id, ...data }
      const changed = JSON.stringify(current) !== JSON.stringify(next)
      if (changed) await this.write(name, id, next, tx)
      return current
        ? { data: { updated: changed ? 1 : 0 } }
        : { data: { updated: 0, upsert_id: id } }
    }
    let updated = 0
    for (const id of chosen.map((target) => target._id as Id)) {
      // Outside a transaction the filter, the update and the write happen with no await between
      // them once no transaction holds the document: a single-document update is atomic
      // (PLATFORM §1), so two racing conditional updates never both see the old value.
      if (!tx) await this.lockReleased(lockKey(name, id))
      const target = tx ? await this.current(name, id, params, tx) : this.matching(name, id, params)
      if (!target) continue
      const next = clone(target)
      let paths: string[]
      try {
        paths = applyUpdate(next, data as never, undefined, undefined, { cloneMode: 'deep' })
      } catch (error) {
        throw new WireError('DATABASE_REQUEST_FAILED', (error as Error).message)
      }
      // MongoDB counts documents modified: an update that changes nothing counts 0.
      if (paths.length === 0) continue
      if (tx) await this.write(name, id, next, tx)
      else this.writeUnlocked(name, id, next)
      updated++
    }
    return { data: { updated } }
  }

  private async removeDocuments(params: Params): Promise<WireResponse> {
    const tx = this.transaction(params.transactionId)
    const name = this.name(params)
    const targets = this.query(params, tx)
    const chosen = params.multi ? targets : targets.slice(0, 1)
    let deleted = 0
    for (const id of chosen.map((target) => target._id as Id)) {
      if (!(await this.current(name, id, params, tx))) continue
      await this.write(name, id, null, tx)
      deleted++
    }
    return { data: { deleted } }
  }

  private aggregateDocuments(params: Params): WireResponse {
    const name = this.name(params)
    const stages = (params.stages ?? []) as { stageKey: string; stageValue: string }[]
    const pipeline = stages.map(({ stageKey, stageValue }) => {
      if (!stageKey.startsWith('$')) throw invalid(`unknown pipeline stage ${stageKey}`)
      return { [stageKey]: parse(stageValue) }
    })
    let list: Doc[]
    try {
      // `$lookup` joins another collection of the same database, as committed (no transaction).
      list = aggregate(this.visibleAll(name, null), pipeline, {
        collectionResolver: (from: string) => this.visibleAll(from, null),
      }) as Doc[]
    } catch (error) {
      throw new WireError('DATABASE_REQUEST_FAILED', (error as Error).message)
    }
    return { data: { list: list.map(stringify) } }
  }
}
