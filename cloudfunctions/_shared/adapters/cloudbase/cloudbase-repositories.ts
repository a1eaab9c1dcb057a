import { nextRateCount, type RateCount } from '../../rate-count'
import type { StarGrant } from '../../../../src/domain/star/star'
import type { MemberStatus } from '../../../../src/domain/member/member'
import type { QueuedSignup } from '../../../../src/domain/event/signup-queue'
import type {
  AuditRecord,
  CardRecord,
  MemberRecord,
  Repositories,
  RequestRecord,
  UniqueField,
  WriteOutcome,
} from '../../ports'
import { cloudbaseClubRepositories } from './cloudbase-club-repositories'
import { cloudbaseDisciplineRepositories } from './cloudbase-discipline-repositories'
import { cloudbaseComplaintRepositories } from './cloudbase-complaint-repositories'
import { cloudbasePhotoUploadRepositories } from './cloudbase-photo-upload-repositories'
import { cloudbaseEventRepositories } from './cloudbase-event-repositories'
import { cloudbaseJobRepositories } from './cloudbase-job-repositories'
import { cloudbaseNotificationRepositories } from './cloudbase-notification-repositories'
import { cloudbasePointsRepositories } from './cloudbase-points-repositories'
import { cloudbasePrivacyRepositories } from './cloudbase-privacy-repositories'
import { cloudbaseStaffRepositories } from './cloudbase-staff-repositories'
import { cloudbaseAuditSearch, cloudbaseReportRepositories } from './cloudbase-report-repositories'

import {
  collectionAccess,
  addOrRetry,
  readAfter,
  readAll,
  readByIds,
  readPage,
  withoutId,
  type CollectionSource,
  type DbCommand,
} from './cloudbase-access'
import { COLLECTIONS } from './cloudbase-schema'

type Doc = Record<string, unknown>

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
/** A stored card as a record; cards written before secrets (and scans) existed lack those fields. */
export function toCard(d: Record<string, unknown>): CardRecord {
  const card = withoutId<CardRecord>(d, 'cardNo')
  return {
    ...card,
    secret: card.secret ?? null,
    lastAcceptedStep: card.lastAcceptedStep ?? 0,
    lastScanBy: card.lastScanBy ?? null,
    lastScanAt: card.lastScanAt ?? null,
    lastScanRequestId: card.lastScanRequestId ?? null,
  }
}

export function cloudbaseRepositories(
  source: CollectionSource,
  command: DbCommand,
  writable: boolean,
): Repositories {
  const { coll, first, getDoc, insertNew, mustWrite } = collectionAccess(source, writable)
  const byIds = (name: string, ids: string[]) => readByIds(source, command, name, ids)
  /** An event's queued sign-ups in arrival order (the instant, then the request id). */
  const queueOf = (eventId: string) =>
    coll(COLLECTIONS.requests)
      .where({ 'queued.eventId': eventId })
      .orderBy('queued.arrivedAt', 'asc')
      .orderBy('_id', 'asc')
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
    ...cloudbasePhotoUploadRepositories(source, command, writable),
    ...cloudbasePrivacyRepositories(source, command, writable),
    ...cloudbaseStaffRepositories(source, command, writable),
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
    cards: {
      byCardNo: async (cardNo) => {
        const d = await getDoc(COLLECTIONS.cards, cardNo)
        return d ? toCard(d) : null
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
          .update({
            lastAcceptedStep: step,
            lastScanBy: scan.by,
            lastScanAt: scan.at,
            lastScanRequestId: scan.requestId ?? null,
          })
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
      // A grant's `_id` is `memberId_year`: one query by ids (inside a transaction, a snapshot read).
      forMembersInYear: async (memberIds, year) =>
        (
          await byIds(
            COLLECTIONS.stars,
            memberIds.map((id) => `${id}_${year}`),
          )
        ).map(toGrant),
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
      // where().get() takes part in a transaction: the batch a queue's settlement takes.
      queued: async (eventId, limit) => {
        const res = await queueOf(eventId).limit(limit).get()
        return (res.data as Doc[]).map((d) => d.queued as QueuedSignup)
      },
      queuedIds: async (eventId, limit) => {
        const res = await queueOf(eventId).limit(limit).field({ _id: true }).get()
        return (res.data as Doc[]).map((d) => String(d._id))
      },
      settle: async (requestId, result) => {
        mustWrite()
        // A whole-value `set` of `result` (not a merge into the stored null), and out of the queue.
        await coll(COLLECTIONS.requests)
          .doc(requestId)
          .update({ result: command.set(result), queued: null })
      },
      queuedEvents: async (before, limit) => {
        const res = await coll(COLLECTIONS.requests)
          .where({ 'queued.arrivedAt': command.lt(before) })
          .orderBy('queued.arrivedAt', 'asc')
          .limit(limit)
          .field({ queued: true })
          .get()
        return [...new Set((res.data as Doc[]).map((d) => (d.queued as QueuedSignup).eventId))]
      },
      remove: async (requestId) => {
        mustWrite()
        await coll(COLLECTIONS.requests).doc(requestId).remove()
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
    rateCounts: {
      add: async (key, window, points, call) => {
        mustWrite()
        const current = await getDoc(COLLECTIONS.rateCounts, key)
        const { stored, judged } = nextRateCount(current as RateCount | null, window, points, call)
        const fields = { window: stored.window, count: stored.count, recent: stored.recent }
        if (current) await coll(COLLECTIONS.rateCounts).doc(key).set(fields)
        else await coll(COLLECTIONS.rateCounts).add({ _id: key, ...fields })
        return judged
      },
    },
  }
}
