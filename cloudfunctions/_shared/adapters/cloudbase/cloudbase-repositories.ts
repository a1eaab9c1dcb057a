import type { StarGrant } from '../../../../src/domain/star/star'
import type { MemberStatus } from '../../../../src/domain/member/member'
import type {
  AuditRecord,
  CardRecord,
  MemberRecord,
  Repositories,
  RequestRecord,
  StaffRecord,
  UniqueField,
  WriteOutcome,
} from '../../ports'
import { cloudbaseClubRepositories } from './cloudbase-club-repositories'
import { cloudbaseDisciplineRepositories } from './cloudbase-discipline-repositories'
import { cloudbaseComplaintRepositories } from './cloudbase-complaint-repositories'
import { cloudbaseEventRepositories } from './cloudbase-event-repositories'
import { cloudbaseJobRepositories } from './cloudbase-job-repositories'
import { cloudbaseNotificationRepositories } from './cloudbase-notification-repositories'
import { cloudbasePointsRepositories } from './cloudbase-points-repositories'
import { cloudbasePrivacyRepositories } from './cloudbase-privacy-repositories'
import { cloudbaseAuditSearch, cloudbaseReportRepositories } from './cloudbase-report-repositories'

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
}

/** Collections (集合) of the production database; each needs the indexes listed in docs/deploy.md. */
export const COLLECTIONS = {
  members: 'members',
  staff: 'staff',
  cards: 'cards',
  stars: 'member_stars',
  audit: 'audit_log',
  requests: 'requests',
  counters: 'counters',
  uniqueKeys: 'unique_keys',
  /** `_id` = member id; balance, open lots, version. */
  pointsAccounts: 'points_accounts',
  /** `_id` = entry id; append-only. */
  pointsLedger: 'points_ledger',
  /** `_id` = item id. */
  rewardItems: 'reward_items',
  /** `_id` = voucher code. */
  vouchers: 'vouchers',
  /** `_id` = message id, so a message meant to go once is queued once. */
  outbox: 'outbox',
  /** `_id` = run id; one resumable checkpoint per job and day. */
  jobRuns: 'job_runs',
  /** `_id` = String(effectiveYear); one threshold setting per effective year. */
  starRules: 'star_rules',
  /** `_id` = String(year); the star import applied for that year, versioned. */
  starImports: 'star_imports',
  /** `_id` = member id; one club membership per member, versioned. */
  clubs: 'club_memberships',
  /** `_id` = suggestion id. */
  suggestions: 'suggestions',
  /** `_id` = event id; the event with its counters (confirmed, sign-ups, check-ins), versioned. */
  events: 'events',
  /** `_id` = `${eventId}_${memberId}`: one sign-up per member and event, versioned. */
  eventSignups: 'event_signups',
  /** `_id` = sanction id; a sanction with its appeal, versioned (SPEC §8). */
  sanctions: 'sanctions',
  /** `_id` = complaint id; a member's complaint or suggestion and its answer, versioned. */
  complaints: 'complaints',
  /** `_id` = `${memberId}_${templateKey}`: unused subscribe-message sends (SPEC §10). */
  subscriptions: 'notification_subscriptions',
  /** `_id` = broadcast id; a message for every holder of a template, fanned out by the sender. */
  broadcasts: 'notification_broadcasts',
  /** `_id` = withdrawal id; a member's request to withdraw (注销), versioned (SPEC §9). */
  withdrawals: 'withdrawals',
} as const

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
 * Inserts `fields` under `id` as version 1, or replaces the document stored at `version - 1`.
 * The version is compared in JS after reading the document and the write is a `set` (or an `add`
 * for version 1): inside a transaction only single-document operations and `where().get()` take
 * part (PLATFORM §1), so a filtered `where({version}).update()` would escape the transaction. The
 * write of a version 1 is preceded by a read too, so a clash is normally a value and not a failed
 * `add` inside the transaction; the `add` still reports a racing duplicate as a version conflict.
 * The caller checks that it may write.
 */
export async function saveVersioned(
  source: CollectionSource,
  name: string,
  id: string,
  fields: Doc & { version: number },
): Promise<WriteOutcome> {
  const coll = source.collection(name)
  const current = singleDoc(await coll.doc(id).get())
  if (fields.version === 1) {
    if (current) return { ok: false, conflict: 'version' }
    await addOrRetry(coll, { _id: id, ...fields })
    return { ok: true }
  }
  if (!current || current.version !== fields.version - 1) {
    return { ok: false, conflict: 'version' }
  }
  await coll.doc(id).set(fields)
  return { ok: true }
}

/**
 * Adds a document whose `_id` a read in this transaction found free. A clash now means another
 * transaction took it meanwhile, which ended this one on the server: run it again (`raceLost`).
 */
async function addOrRetry(coll: { add(doc: Doc): Promise<unknown> }, doc: Doc) {
  try {
    await coll.add(doc)
  } catch (error) {
    if (isDuplicateWrite(error)) throw raceLost()
    throw error
  }
}

/** The unique values of a member, each backed by a claim document in `unique_keys`. */
function memberClaims(m: MemberRecord): [UniqueField, string | null][] {
  return [
    ['openid', m.openid],
    ['mobile', m.mobile.hash],
    ['licenceNo', m.licence.hash],
    ['referralCode', m.referralCode],
    ['cardNo', m.cardNo],
  ]
}

/**
 * Repositories over the CloudBase database. Inside a transaction only single-document operations
 * and `where().get()` take part in it (PLATFORM §1), so uniqueness is kept by claim documents whose
 * `_id` is the unique value, added in the same transaction, and versions are checked by reading the
 * document first. Outside a transaction (`writable: false`) the repositories only read.
 */
export function cloudbaseRepositories(
  source: CollectionSource,
  command: DbCommand,
  writable: boolean,
): Repositories {
  const { coll, getDoc, insertNew, mustWrite } = collectionAccess(source, writable)
  const first = async (name: string, where: Record<string, unknown>) => {
    const res = await coll(name).where(where).limit(1).get()
    return (res.data?.[0] as Record<string, unknown> | undefined) ?? null
  }
  /** A status filter: equal to one status, or `in` a list of them. */
  const statusIs = (status: MemberStatus | readonly MemberStatus[]) =>
    typeof status === 'string' ? status : command.in([...status])
  const toMember = (d: Record<string, unknown> | null) =>
    d ? withoutId<MemberRecord>(d, 'id') : null
  // A grant's `_id` is `memberId_year`, built from fields it also stores.
  const toGrant = ({ _id, ...grant }: Record<string, unknown>) => grant as StarGrant

  const claimKey = (field: UniqueField, value: string) => `${field}:${value}`
  const release = (key: string) => coll(COLLECTIONS.uniqueKeys).doc(key).delete()

  /** Claims `field:value` for `owner`: 'added' now, already 'held' by it, or 'taken' by another. */
  async function claim(field: UniqueField, value: string, owner: string) {
    const key = claimKey(field, value)
    const held = await getDoc(COLLECTIONS.uniqueKeys, key)
    if (held) return held.owner === owner ? 'held' : 'taken'
    await addOrRetry(coll(COLLECTIONS.uniqueKeys), { _id: key, owner })
    return 'added'
  }

  /**
   * Claims the unique values `next` gains over `prev`, then releases those it dropped. A clash
   * releases the claims this call added: the outcome is a value, so the transaction may still
   * commit, and a refused write must not keep its other values from the next applicant.
   */
  async function claimAll(next: MemberRecord, prev: MemberRecord | null): Promise<WriteOutcome> {
    const before = new Map(prev ? memberClaims(prev) : [])
    const added: string[] = []
    const dropped: string[] = []
    for (const [field, value] of memberClaims(next)) {
      const old = before.get(field) ?? null
      if (value === old) continue
      if (old !== null) dropped.push(claimKey(field, old))
      if (value === null) continue
      const outcome = await claim(field, value, next.id)
      if (outcome === 'taken') {
        for (const key of added) await release(key)
        return { ok: false, conflict: field }
      }
      if (outcome === 'added') added.push(claimKey(field, value))
    }
    for (const key of dropped) await release(key)
    return { ok: true }
  }

  const memberDoc = ({ id, ...rest }: MemberRecord) => ({ _id: id, ...rest })

  return {
    ...cloudbasePointsRepositories(source, command, writable),
    ...cloudbaseJobRepositories(source, command, writable),
    ...cloudbaseNotificationRepositories(source, command, writable),
    ...cloudbaseClubRepositories(source, command, writable),
    ...cloudbaseDisciplineRepositories(source, command, writable),
    ...cloudbaseEventRepositories(source, command, writable),
    ...cloudbaseComplaintRepositories(source, command, writable),
    ...cloudbasePrivacyRepositories(source, command, writable),
    ...cloudbaseReportRepositories(source, command),
    members: {
      byId: async (id) => toMember(await getDoc(COLLECTIONS.members, id)),
      byOpenid: async (openid) => toMember(await first(COLLECTIONS.members, { openid })),
      byReferralCode: async (referralCode) =>
        toMember(await first(COLLECTIONS.members, { referralCode })),
      byCardNo: async (cardNo) => toMember(await first(COLLECTIONS.members, { cardNo })),
      insert: async (member) => {
        mustWrite()
        const claimed = await claimAll(member, null)
        if (!claimed.ok) return claimed
        await coll(COLLECTIONS.members).add(memberDoc(member))
        return { ok: true }
      },
      update: async (member) => {
        mustWrite()
        const current = toMember(await getDoc(COLLECTIONS.members, member.id))
        if (!current || current.version !== member.version - 1)
          return { ok: false, conflict: 'version' }
        const claimed = await claimAll(member, current)
        if (!claimed.ok) return claimed
        const { _id, ...fields } = memberDoc(member)
        await coll(COLLECTIONS.members).doc(_id).set(fields)
        return { ok: true }
      },
      listByStatus: async (status, offset, limit) => {
        const query = coll(COLLECTIONS.members).where({ status })
        // readPage: one get() returns at most PAGE_ROWS rows, so a longer page takes several.
        const [rows, count] = await Promise.all([
          readPage(query.orderBy('submittedAt', 'asc').orderBy('_id', 'asc'), offset, limit),
          query.count(),
        ])
        return {
          items: rows.map((d) => withoutId<MemberRecord>(d, 'id')),
          total: count.total as number,
        }
      },
      // Keyset pages on `_id` (index: status, _id): one get() returns at most PAGE_ROWS rows.
      idsAfter: async (status, cursor, limit) =>
        (
          await readAfter(cursor, limit, async (after, want) => {
            const res = await coll(COLLECTIONS.members)
              .where({ status: statusIs(status), _id: command.gt(after) })
              .orderBy('_id', 'asc')
              .limit(want)
              .get()
            return res.data as Doc[]
          })
        ).map((d) => withoutId<MemberRecord>(d, 'id')),
      // count() never takes part in a transaction: inside one it is the committed count.
      countByStatus: async (status) =>
        (
          await coll(COLLECTIONS.members)
            .where({ status: statusIs(status) })
            .count()
        ).total as number,
      // The sealed licence is stored as `licence: {enc, hash}`; the query matches the nested hash.
      byLicenceHash: async (hash) =>
        toMember(await first(COLLECTIONS.members, { 'licence.hash': hash })),
    },
    staff: {
      byOpenid: async (openid) => {
        const d = await first(COLLECTIONS.staff, { openid })
        return d ? withoutId<StaffRecord>(d, 'id') : null
      },
      byId: async (id) => {
        const d = await getDoc(COLLECTIONS.staff, id)
        return d ? withoutId<StaffRecord>(d, 'id') : null
      },
      // `openid` is unique (index) and so is `_id`: both read first, as a clash would end the
      // transaction.
      insert: async ({ id, ...rest }) => {
        mustWrite()
        if (await first(COLLECTIONS.staff, { openid: rest.openid })) {
          return { ok: false, conflict: 'openid' }
        }
        const added = await insertNew(COLLECTIONS.staff, { _id: id, ...rest })
        return added ? { ok: true } : { ok: false, conflict: 'version' }
      },
    },
    cards: {
      byCardNo: async (cardNo) => {
        const d = await getDoc(COLLECTIONS.cards, cardNo)
        if (!d) return null
        const card = withoutId<CardRecord>(d, 'cardNo')
        // Cards written before secrets existed lack both fields.
        return {
          ...card,
          secret: card.secret ?? null,
          lastAcceptedStep: card.lastAcceptedStep ?? 0,
        }
      },
      insert: async ({ cardNo, ...rest }) => {
        mustWrite()
        const added = await insertNew(COLLECTIONS.cards, { _id: cardNo, ...rest })
        return added ? { ok: true } : { ok: false, conflict: 'cardNo' }
      },
      // Read-then-write on one document inside the transaction: CloudBase applies filtered updates
      // outside transactions (PLATFORM §1), so the condition is checked on the document read.
      setSecretIfMissing: async (cardNo, secret) => {
        mustWrite()
        const card = await getDoc(COLLECTIONS.cards, cardNo)
        if (!card || card.secret) return false
        await coll(COLLECTIONS.cards).doc(cardNo).update({ secret })
        return true
      },
      rekey: async (cardNo, fromVersion, secret) => {
        mustWrite()
        const card = await getDoc(COLLECTIONS.cards, cardNo)
        if (!card || card.version !== fromVersion) return { ok: false, conflict: 'version' }
        await coll(COLLECTIONS.cards)
          .doc(cardNo)
          .update({ version: fromVersion + 1, secret })
        return { ok: true }
      },
      acceptStep: async (cardNo, step, scan) => {
        mustWrite()
        const card = await getDoc(COLLECTIONS.cards, cardNo)
        if (!card || Number(card.lastAcceptedStep ?? 0) >= step) return false
        await coll(COLLECTIONS.cards)
          .doc(cardNo)
          .update({ lastAcceptedStep: step, lastScanBy: scan.by, lastScanAt: scan.at })
        return true
      },
      setStatus: async (cardNo, status) => {
        mustWrite()
        if (!(await getDoc(COLLECTIONS.cards, cardNo))) return false
        await coll(COLLECTIONS.cards).doc(cardNo).update({ status })
        return true
      },
    },
    stars: {
      forMember: async (memberId) => {
        const res = await coll(COLLECTIONS.stars).where({ memberId }).limit(1000).get()
        return (res.data as Record<string, unknown>[]).map(toGrant).sort((a, b) => a.year - b.year)
      },
      get: async (memberId, year) => {
        const d = await getDoc(COLLECTIONS.stars, `${memberId}_${year}`)
        return d ? toGrant(d) : null
      },
      put: async (grant) => {
        mustWrite()
        await coll(COLLECTIONS.stars).doc(`${grant.memberId}_${grant.year}`).set(grant)
      },
    },
    audit: {
      append: async ({ id, ...rest }) => {
        mustWrite()
        await coll(COLLECTIONS.audit).add({ _id: id, ...rest })
      },
      // Every record, as the SQLite store gives them: one get() stops at PAGE_ROWS.
      forTarget: async (targetType, targetId) =>
        (
          await readAll(
            coll(COLLECTIONS.audit)
              .where({ targetType, targetId })
              .orderBy('at', 'asc')
              .orderBy('_id', 'asc'),
          )
        ).map((d) => withoutId<AuditRecord>(d, 'id')),
      search: cloudbaseAuditSearch(source, command),
    },
    requests: {
      get: async (requestId) => {
        const d = await getDoc(COLLECTIONS.requests, requestId)
        return d ? withoutId<RequestRecord>(d, 'requestId') : null
      },
      put: async ({ requestId, ...rest }) => {
        mustWrite()
        await coll(COLLECTIONS.requests).add({ _id: requestId, ...rest })
      },
    },
    counters: {
      next: async (name) => {
        mustWrite()
        const current = await getDoc(COLLECTIONS.counters, name)
        if (!current) {
          await coll(COLLECTIONS.counters).add({ _id: name, value: 1 })
          return 1
        }
        await coll(COLLECTIONS.counters)
          .doc(name)
          .update({ value: command.inc(1) })
        return (current.value as number) + 1
      },
    },
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
