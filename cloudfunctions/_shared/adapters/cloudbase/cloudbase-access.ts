/**
 * What every repository file of the CloudBase adapter reads and writes with: the slice of
 * node-sdk's database API it uses, one document by id, reads past the 1000-row cap, and adds that
 * stay legal inside a transaction.
 */

/** The slice of the node-sdk database API we use; `db` and a transaction both provide it. */
export type CollectionSource = { collection(name: string): any } // eslint-disable-line @typescript-eslint/no-explicit-any
/** A query operator; `and` joins another on the same field: `_.gte(from).and(_.lt(to))`. */
export type DbQueryCommand = { and(...others: unknown[]): unknown }
/** The `db.command` operators we use: `inc` in updates, the comparisons in queries. */
export type DbCommand = {
  inc(n: number): unknown
  gt(value: unknown): DbQueryCommand
  gte(value: unknown): DbQueryCommand
  lt(value: unknown): DbQueryCommand
  lte(value: unknown): DbQueryCommand
  neq(value: unknown): DbQueryCommand
  in(values: readonly unknown[]): DbQueryCommand
  nin(values: readonly unknown[]): DbQueryCommand
  /** An update appending to an array field. */
  push(...values: unknown[]): unknown
  /** An update replacing a field's whole value (an object is not merged field by field). */
  set(value: unknown): unknown
  /** An update removing the field. */
  remove(): unknown
}

/** CloudBase reports a unique clash as DATABASE_DUPLICATE_WRITE (or E11000 through some SDKs). */
export function isDuplicateWrite(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null
  return e?.code === 'DATABASE_DUPLICATE_WRITE' || /E11000/.test(e?.message ?? '')
}

/** CloudBase's answer to a write that clashed with another transaction's; the transaction is gone. */
export const WRITE_CONFLICT = 'DATABASE_TRANSACTION_CONFLICT'

export function isWriteConflict(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === WRITE_CONFLICT
}

/**
 * An add that clashed on its `_id` after a read found it free: another transaction won the race.
 * A failed write aborts the transaction on the server (MongoDB), so it cannot carry on with the
 * clash as a value; the store runs it again, and the new run reads the winner.
 */
export function raceLost(): Error {
  return Object.assign(new Error('an add lost a race with another transaction'), {
    code: WRITE_CONFLICT,
  })
}

/** `doc(id).get()` yields `{data:[doc]}` outside a transaction and `{data: doc|null}` inside one. */
export function singleDoc(result: { data?: unknown }): Record<string, unknown> | null {
  const data = result?.data
  if (Array.isArray(data)) return (data[0] as Record<string, unknown>) ?? null
  return (data as Record<string, unknown> | null) ?? null
}

/** A stored document as a record: its `_id` back under the record's own id field. */
export function withoutId<T>(doc: Record<string, unknown>, idField: string): T {
  const { _id, ...rest } = doc
  return { ...rest, [idField]: _id } as T
}

type Doc = Record<string, unknown>
type OrderedQuery = {
  skip(n: number): { limit(n: number): { get(): Promise<{ data: unknown }> } }
}

/** The most rows one `get()` returns (PLATFORM §1); longer reads go page by page. */
export const PAGE_ROWS = 1000

/**
 * Every row of an ordered query, fetched `PAGE_ROWS` at a time. `where().get()` takes part in a
 * transaction, so inside one this also sees the transaction's own writes.
 */
export async function readAll(query: OrderedQuery): Promise<Doc[]> {
  const rows: Doc[] = []
  for (;;) {
    const page = (await query.skip(rows.length).limit(PAGE_ROWS).get()).data as Doc[]
    rows.push(...page)
    if (page.length < PAGE_ROWS) return rows
  }
}

/**
 * `limit` rows of an ordered query from `offset`, fetched `PAGE_ROWS` at a time, so a page longer
 * than one get() is still complete. No get() runs for an empty page: node-sdk sends `limit(0)` as
 * no limit at all, which returns 100 rows.
 */
export async function readPage(query: OrderedQuery, offset: number, limit: number): Promise<Doc[]> {
  const rows: Doc[] = []
  while (rows.length < limit) {
    const want = Math.min(PAGE_ROWS, limit - rows.length)
    const page = (
      await query
        .skip(offset + rows.length)
        .limit(want)
        .get()
    ).data as Doc[]
    rows.push(...page)
    if (page.length < want) break
  }
  return rows
}

/**
 * Up to `limit` rows after `cursor` in key order, fetched by keyset pages of at most `PAGE_ROWS`:
 * `page(after, want)` reads the rows whose key is after `after`, in key order, `want` at most.
 */
export async function readAfter(
  cursor: string,
  limit: number,
  page: (after: string, want: number) => Promise<Doc[]>,
  key: (row: Doc) => string = (row) => row._id as string,
): Promise<Doc[]> {
  const rows: Doc[] = []
  let after = cursor
  while (rows.length < limit) {
    const want = Math.min(PAGE_ROWS, limit - rows.length)
    const next = await page(after, want)
    rows.push(...next)
    if (next.length < want) break
    after = key(rows[rows.length - 1]!)
  }
  return rows
}

/**
 * Adds a document whose `_id` a read in this transaction found free. A clash now means another
 * transaction took it meanwhile, which ended this one on the server: run it again (`raceLost`).
 */
export async function addOrRetry(coll: { add(doc: Doc): Promise<unknown> }, doc: Doc) {
  try {
    await coll.add(doc)
  } catch (error) {
    if (isDuplicateWrite(error)) throw raceLost()
    throw error
  }
}

/**
 * What every repository file needs from its source: a collection by name, one document by id (in
 * either of the shapes `doc.get` answers with), and the guard that keeps writes inside
 * transactions (`writable: false` for `store.read`).
 */
export function collectionAccess(source: CollectionSource, writable: boolean) {
  const coll = (name: string) => source.collection(name)
  const getDoc = async (name: string, id: string) => singleDoc(await coll(name).doc(id).get())
  return {
    coll,
    getDoc,
    /** The first document matching `where`, or null. */
    first: async (name: string, where: Doc) => {
      const res = await coll(name).where(where).limit(1).get()
      return (res.data?.[0] as Doc | undefined) ?? null
    },
    /**
     * Adds `doc` unless its `_id` is taken (false then). The id is read first: a failed add would
     * end the transaction, so a clash must be found as a value.
     */
    insertNew: async (name: string, doc: Doc & { _id: string }) => {
      if (await getDoc(name, doc._id)) return false
      await addOrRetry(coll(name), doc)
      return true
    },
    mustWrite: () => {
      if (!writable) throw new Error('writes go through store.transaction')
    },
  }
}

/**
 * The documents of `ids` that exist, in one query (at most PAGE_ROWS ids): a batch read instead of
 * one `doc(id).get()` each. `where().get()` takes part in a transaction, so inside one this is a
 * snapshot read like theirs.
 */
export async function readByIds(
  source: CollectionSource,
  command: DbCommand,
  name: string,
  ids: readonly string[],
): Promise<Doc[]> {
  if (ids.length === 0) return []
  if (ids.length > PAGE_ROWS) throw new Error(`readByIds: ${ids.length} ids, at most ${PAGE_ROWS}`)
  const res = await source
    .collection(name)
    .where({ _id: command.in(ids) })
    .limit(PAGE_ROWS)
    .get()
  return res.data as Doc[]
}
