import {
  emptyAccount,
  type LedgerEntry,
  type PointsAccount,
} from '../../../../src/domain/points/points'
import type { CounterStore, CreditRules, OutboxMessage } from '../../ports'
import {
  isDuplicateWrite,
  readByIds,
  singleDoc,
  withoutId,
  type CollectionSource,
  type DbCommand,
} from './cloudbase-access'
import { cloudbaseJobRepositories } from './cloudbase-job-repositories'
import { retryWait, sleep, TRANSACTION_ATTEMPTS } from './cloudbase-retry'
import { COLLECTIONS } from './cloudbase-schema'

type Doc = Record<string, unknown>

/**
 * The credits an account remembers (newest last), so that a credit finished a second time — by
 * the retry of a call that stopped, or by `settleCredits` — is not put on twice. Only a credit
 * still marked pending on its entry is ever looked up, and the mark is cleared within a minute or
 * two, so 50 is far more than one member's purchases in that time.
 */
export const CREDIT_MARKS = 50

/** An account's remembered credit: the entry and the balance the credit left. */
type CreditMark = { entryId: string; balance: number }

/** The fields of an account document that are the adapter's own, never part of the record. */
export const ACCOUNT_OWN_FIELDS = ['credited'] as const

/** A stored account as the domain's record: its own fields left out. */
export function toAccount(doc: Doc): PointsAccount {
  const { credited: _marks, ...account } = withoutId<PointsAccount & { credited?: unknown }>(
    doc,
    'memberId',
  )
  return account
}

/** A stored ledger entry as the domain's record: the pending mark of its credit left out. */
export function toEntry(doc: Doc): LedgerEntry {
  const { pendingCredit: _pending, ...entry } = withoutId<
    LedgerEntry & { pendingCredit?: unknown }
  >(doc, 'id')
  return entry
}

const marksOf = (doc: Doc | null) => (doc?.credited as CreditMark[] | undefined) ?? []

/**
 * A purchase's credit on CloudBase in three writes and no transaction (a transaction would cost
 * its start, its commit and a read of the account besides):
 *
 * 1. The entry is inserted under the purchase's id (from the request id), marked
 *    `pendingCredit`. `_id` is unique: of two calls of one request exactly one inserts it.
 * 2. The lot goes on the account by one conditional update — `where({_id, version})`, the
 *    version the action read — which also remembers the credit (`credited`, the last
 *    `CREDIT_MARKS`). A purchase, a redemption or the expiry that changed the account meanwhile
 *    makes it match nothing: the account is read again and the credit put on that.
 * 3. The notice is inserted under its own id (`points-earned:<entry>`); a second insert is a
 *    duplicate, and ignored.
 *
 * A call that stops after 1 leaves the entry marked pending. Its retry finds the entry, looks
 * for the credit among the account's marks and finishes what is missing; without a retry, the
 * `purchaseCredits` timer does the same (`settleCredits`) and clears the marks. A mark found
 * cleared means the credit is on the account.
 *
 * An account closed (a cancellation, a withdrawal) before the credit reached it takes none: the
 * closure made a new version, so the update of 2 matches nothing, and the account read again is
 * closed. The entry, still pending, is then taken off the ledger — its points were never on the
 * account — and the purchase is refused, by the call or, for a call that stopped, by the timer.
 */
export function cloudbasePurchaseCredits(
  source: CollectionSource,
  command: DbCommand,
): Pick<CounterStore, 'creditPurchase' | 'settleCredits'> {
  const ledger = () => source.collection(COLLECTIONS.pointsLedger)
  const accounts = () => source.collection(COLLECTIONS.pointsAccounts)
  const { outbox } = cloudbaseJobRepositories(source, command, true)
  const readAccount = async (memberId: string) =>
    singleDoc(await accounts().doc(memberId).get()) as Doc | null

  /**
   * Puts the entry's points on the account once; the account document it leaves. `closed` when
   * the account was closed before the credit reached it: the entry, pending, is taken off the
   * ledger again (its points were never on the account), so nothing of the purchase is left.
   */
  async function creditOnce(
    entry: LedgerEntry,
    start: { doc: Doc | null; known: boolean },
    rules: CreditRules,
  ): Promise<{ balance: number; doc: Doc } | 'closed'> {
    let { doc, known } = start
    for (let attempt = 1; ; attempt++) {
      const mark = known ? marksOf(doc).find((m) => m.entryId === entry.id) : undefined
      if (mark) return { balance: mark.balance, doc: doc! }
      const before = doc ? toAccount(doc) : emptyAccount(entry.memberId)
      const credited = rules.credit(before, entry)
      if (!credited.ok) {
        await ledger().where({ _id: entry.id, pendingCredit: true }).remove()
        return 'closed'
      }
      const { memberId, ...fields } = credited.data
      const credit: CreditMark = { entryId: entry.id, balance: fields.balance }
      if (!doc) {
        const created = { _id: memberId, ...fields, credited: [credit] }
        try {
          await accounts().add(created)
          return { balance: fields.balance, doc: created }
        } catch (error) {
          if (!isDuplicateWrite(error)) throw error
        }
      } else {
        const res = await accounts()
          .where({ _id: memberId, version: before.version })
          .update({ ...fields, credited: command.push({ each: [credit], slice: -CREDIT_MARKS }) })
        if (res.updated === 1) {
          const credited = [...marksOf(doc), credit].slice(-CREDIT_MARKS)
          return { balance: fields.balance, doc: { ...doc, ...fields, credited } }
        }
      }
      // Someone else's change went first: after a jittered wait (so that callers of one account
      // drift apart, as transactions do), on the account as it is now.
      if (attempt >= TRANSACTION_ATTEMPTS) {
        throw new Error(`points account ${entry.memberId}: credit of ${entry.id} kept conflicting`)
      }
      await sleep(retryWait(attempt))
      doc = await readAccount(entry.memberId)
      known = true
    }
  }

  /** Adds the member's notice, unless it is in already (a duplicate id). */
  async function tell(notice: OutboxMessage | null) {
    if (!notice) return
    try {
      await outbox.addNew(notice)
    } catch (error) {
      if (!isDuplicateWrite(error)) throw error
    }
  }

  return {
    async creditPurchase({ entry, account }, rules) {
      const { id, ...fields } = entry
      const owed = entry.points > 0
      try {
        await ledger().add({ _id: id, ...fields, ...(owed ? { pendingCredit: true } : {}) })
      } catch (error) {
        if (!isDuplicateWrite(error)) throw error
        const prior = singleDoc(await ledger().doc(id).get())
        if (!prior || prior.actorId !== entry.actorId || prior.requestId !== entry.requestId) {
          return 'reused'
        }
        const first = toEntry(prior)
        const doc = await readAccount(first.memberId)
        if (prior.pendingCredit !== true) {
          // Credited and settled (or nothing to credit): the balance it left, if still known.
          const mark = marksOf(doc).find((m) => m.entryId === id)
          return { entry: first, balance: mark?.balance ?? (doc ? toAccount(doc).balance : 0) }
        }
        const credited = await creditOnce(first, { doc, known: true }, rules)
        if (credited === 'closed') return credited
        await tell(rules.notice(first, credited.balance))
        return { entry: first, balance: credited.balance }
      }
      if (!owed) return { entry, balance: account?.balance ?? 0 }
      // Inserted just now: the account as the action read it cannot hold this credit yet.
      const start = { doc: account ? accountDoc(account) : null, known: false }
      const credited = await creditOnce(entry, start, rules)
      if (credited === 'closed') return credited
      await tell(rules.notice(entry, credited.balance))
      return { entry, balance: credited.balance }
    },

    async settleCredits(query, rules) {
      const res = await ledger()
        .where(
          'memberId' in query
            ? { pendingCredit: true, memberId: query.memberId }
            : { pendingCredit: true, at: command.lt(query.before) },
        )
        .orderBy('at', 'asc')
        .limit(query.limit)
        .get()
      const pending = (res.data as Doc[]).map(toEntry)
      if (pending.length === 0) return 0
      const docs = new Map<string, Doc>()
      const memberIds = [...new Set(pending.map((e) => e.memberId))]
      for (const doc of await readByIds(source, command, COLLECTIONS.pointsAccounts, memberIds)) {
        docs.set(String(doc._id), doc)
      }
      const notices: OutboxMessage[] = []
      for (const entry of pending) {
        const start = { doc: docs.get(entry.memberId) ?? null, known: true }
        const credited = await creditOnce(entry, start, rules)
        // Closed meanwhile: the entry is gone again, nothing to tell.
        if (credited === 'closed') continue
        docs.set(entry.memberId, credited.doc)
        const notice = rules.notice(entry, credited.balance)
        if (notice) notices.push(notice)
      }
      // Nearly every call finished on its own: its notice is in. One read finds those missing.
      const told = new Set(await outbox.taken(notices.map((n) => n.id)))
      for (const notice of notices) if (!told.has(notice.id)) await tell(notice)
      await ledger()
        .where({ _id: command.in(pending.map((e) => e.id)) })
        .update({ pendingCredit: command.remove() })
      return pending.length
    },
  }
}

/** An account record as its stored document (for the conditional update's starting point). */
const accountDoc = ({ memberId, ...fields }: PointsAccount): Doc => ({ _id: memberId, ...fields })
