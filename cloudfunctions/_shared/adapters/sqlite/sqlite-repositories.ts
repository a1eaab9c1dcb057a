import Database from 'better-sqlite3'
import { nextRateCount } from '../../rate-count'
import type { StarGrant, StarValue } from '../../../../src/domain/star/star'
import type { QueuedSignup } from '../../../../src/domain/event/signup-queue'
import type {
  CardRecord,
  MemberRecord,
  Repositories,
  RequestRecord,
  UniqueField,
  WriteOutcome,
} from '../../ports'
import { sqliteClubRepositories } from './sqlite-club-repositories'
import { sqliteDisciplineRepositories } from './sqlite-discipline-repositories'
import { sqliteComplaintRepositories } from './sqlite-complaint-repositories'
import { sqlitePhotoUploadRepositories } from './sqlite-photo-upload-repositories'
import { sqliteEventRepositories } from './sqlite-event-repositories'
import { sqliteJobRepositories } from './sqlite-job-repositories'
import { sqliteNotificationRepositories } from './sqlite-notification-repositories'
import { sqlitePointsRepositories } from './sqlite-points-repositories'
import { sqlitePrivacyRepositories } from './sqlite-privacy-repositories'
import { sqliteStaffRepositories } from './sqlite-staff-repositories'
import { sqliteAuditSearch, sqliteReportRepositories } from './sqlite-report-repositories'
import { rowToAudit } from './sqlite-audit-rows'

/** One value or several, as a list (for `IN (…)`). */
const listOf = <T>(value: T | readonly T[]): readonly T[] =>
  Array.isArray(value) ? (value as readonly T[]) : [value as T]
const marks = (values: readonly unknown[]) => values.map(() => '?').join(', ')

type Row = Record<string, unknown>

const MEMBER_COLUMNS = [
  'id',
  'openid',
  'unionid',
  'status',
  'real_name',
  'mobile_enc',
  'mobile_hash',
  'shop_name',
  'shop_address',
  'licence_enc',
  'licence_hash',
  'birthday',
  'consent_version',
  'consent_at',
  'referral_code',
  'referred_by',
  'channel',
  'card_no',
  'reject_reason',
  'submitted_at',
  'reviewed_at',
  'reviewed_by',
  'created_at',
  'updated_at',
  'version',
] as const

/** Which unique column a constraint message names, in our words. */
const UNIQUE_COLUMNS: Record<string, UniqueField> = {
  'members.openid': 'openid',
  'members.mobile_hash': 'mobile',
  'members.licence_hash': 'licenceNo',
  'members.card_no': 'cardNo',
  'members.referral_code': 'referralCode',
  'cards.card_no': 'cardNo',
}

function memberToRow(m: MemberRecord): Row {
  return {
    id: m.id,
    openid: m.openid,
    unionid: m.unionid,
    status: m.status,
    real_name: m.realName,
    mobile_enc: m.mobile.enc,
    mobile_hash: m.mobile.hash,
    shop_name: m.shopName,
    shop_address: m.shopAddress,
    licence_enc: m.licence.enc,
    licence_hash: m.licence.hash,
    birthday: m.birthday,
    consent_version: m.consentVersion,
    consent_at: m.consentAt,
    referral_code: m.referralCode,
    referred_by: m.referredBy,
    channel: m.channel,
    card_no: m.cardNo,
    reject_reason: m.rejectReason,
    submitted_at: m.submittedAt,
    reviewed_at: m.reviewedAt,
    reviewed_by: m.reviewedBy,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
    version: m.version,
  }
}

function rowToMember(r: Row): MemberRecord {
  return {
    id: r.id as string,
    openid: r.openid as string,
    unionid: (r.unionid as string | null) ?? null,
    status: r.status as MemberRecord['status'],
    realName: r.real_name as string,
    mobile: { enc: r.mobile_enc as string, hash: r.mobile_hash as string },
    shopName: r.shop_name as string,
    shopAddress: r.shop_address as string,
    licence: { enc: r.licence_enc as string, hash: r.licence_hash as string },
    birthday: r.birthday as string,
    consentVersion: r.consent_version as string,
    consentAt: r.consent_at as string,
    referralCode: (r.referral_code as string | null) ?? null,
    referredBy: (r.referred_by as string | null) ?? null,
    channel: (r.channel as MemberRecord['channel']) ?? null,
    cardNo: (r.card_no as string | null) ?? null,
    rejectReason: (r.reject_reason as string | null) ?? null,
    submittedAt: r.submitted_at as string,
    reviewedAt: (r.reviewed_at as string | null) ?? null,
    reviewedBy: (r.reviewed_by as string | null) ?? null,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    version: r.version as number,
  }
}

function rowToStar(r: Row): StarGrant {
  return {
    memberId: r.member_id as string,
    year: r.year as number,
    star: r.star as StarValue,
    source: r.source as StarGrant['source'],
    reason: (r.reason as string | null) ?? null,
    grantedAt: r.granted_at as string,
  }
}

/** Runs a write, reporting a unique-constraint clash as a value rather than an exception. */
function guarded(write: () => void): WriteOutcome {
  try {
    write()
    return { ok: true }
  } catch (error) {
    const e = error as { code?: string; message?: string }
    if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      const column = /constraint failed: ([\w.]+)/.exec(e.message ?? '')?.[1] ?? ''
      const field = UNIQUE_COLUMNS[column]
      if (field) return { ok: false, conflict: field }
    }
    throw error
  }
}

/** The repositories over one better-sqlite3 connection (the writer inside a transaction, or the reader). */
export function sqliteRepositories(db: Database.Database, warm?: Database.Database): Repositories {
  const statements = new Map<string, Database.Statement>()
  const warmStatements = new Map<string, Database.Statement>()
  /**
   * Prepares each statement once, on first use. The reader connection refuses a write at once,
   * whatever SQLite would make of it: every write belongs in a transaction.
   *
   * With a `warm` connection (the writer's, beside the reader's), a read goes there whenever it
   * has no transaction open: a statement on it then sees exactly what is committed, as on the
   * reader, and it is run at once (every use is `prepare(sql).get(…)`, nothing awaited between).
   * The writer's page cache holds what it just wrote, while the reader's is dropped whenever
   * another connection has written (SQLite's rule), so after every commit each of its reads
   * fetched its pages again: a read of the counter's scene cost 13–26 µs there, 5 µs here.
   */
  const prepare = (sql: string): Database.Statement => {
    let stmt = statements.get(sql)
    if (!stmt) statements.set(sql, (stmt = db.prepare(sql)))
    if (db.readonly && !stmt.readonly) {
      throw new Database.SqliteError('attempt to write a readonly database', 'SQLITE_READONLY')
    }
    if (!warm || warm.inTransaction) return stmt
    let onWarm = warmStatements.get(sql)
    if (!onWarm) warmStatements.set(sql, (onWarm = warm.prepare(sql)))
    return onWarm
  }
  const one =
    <T>(sql: string, map: (r: Row) => T) =>
    (...params: unknown[]): T | null => {
      const row = prepare(sql).get(...params) as Row | undefined
      return row ? map(row) : null
    }
  const memberById = one('SELECT * FROM members WHERE id = ?', rowToMember)
  const memberByOpenid = one('SELECT * FROM members WHERE openid = ?', rowToMember)
  const memberByReferral = one('SELECT * FROM members WHERE referral_code = ?', rowToMember)
  const memberByCardNo = one('SELECT * FROM members WHERE card_no = ?', rowToMember)
  const memberByLicence = one('SELECT * FROM members WHERE licence_hash = ?', rowToMember)
  const starOf = one('SELECT * FROM member_stars WHERE member_id = ? AND year = ?', rowToStar)
  const insertMemberSql = `INSERT INTO members (${MEMBER_COLUMNS.join(', ')})
    VALUES (${MEMBER_COLUMNS.map((c) => '@' + c).join(', ')})`
  const updateMemberSql = `UPDATE members
    SET ${MEMBER_COLUMNS.filter((c) => c !== 'id')
      .map((c) => `${c} = @${c}`)
      .join(', ')}
    WHERE id = @id AND version = @version - 1`

  return {
    ...sqlitePointsRepositories(prepare),
    ...sqliteJobRepositories(prepare),
    ...sqliteNotificationRepositories(prepare),
    ...sqliteClubRepositories(prepare),
    ...sqliteDisciplineRepositories(prepare),
    ...sqliteEventRepositories(prepare),
    ...sqliteComplaintRepositories(prepare),
    ...sqlitePhotoUploadRepositories(prepare),
    ...sqliteReportRepositories(prepare),
    ...sqlitePrivacyRepositories(prepare),
    ...sqliteStaffRepositories(prepare),
    members: {
      byId: async (id) => memberById(id),
      byOpenid: async (openid) => memberByOpenid(openid),
      byReferralCode: async (code) => memberByReferral(code),
      byCardNo: async (cardNo) => memberByCardNo(cardNo),
      insert: async (member) => guarded(() => prepare(insertMemberSql).run(memberToRow(member))),
      update: async (member) => {
        let changed = 0
        const outcome = guarded(() => {
          changed = prepare(updateMemberSql).run(memberToRow(member)).changes
        })
        if (!outcome.ok) return outcome
        return changed === 1 ? { ok: true } : { ok: false, conflict: 'version' }
      },
      listByStatus: async (status, offset, limit) => {
        const items = prepare(
          'SELECT * FROM members WHERE status = ? ORDER BY submitted_at, id LIMIT ? OFFSET ?',
        ).all(status, limit, offset) as Row[]
        const { n } = prepare('SELECT COUNT(*) AS n FROM members WHERE status = ?').get(status) as {
          n: number
        }
        return { items: items.map(rowToMember), total: n }
      },
      idsAfter: async (status, cursor, limit) => {
        const statuses = listOf(status)
        return (
          prepare(
            `SELECT * FROM members WHERE status IN (${marks(statuses)}) AND id > ? ORDER BY id LIMIT ?`,
          ).all(...statuses, cursor, limit) as Row[]
        ).map(rowToMember)
      },
      countByStatus: async (status) => {
        const statuses = listOf(status)
        const sql = `SELECT COUNT(*) AS n FROM members WHERE status IN (${marks(statuses)})`
        return (prepare(sql).get(...statuses) as { n: number }).n
      },
      byLicenceHash: async (hash) => memberByLicence(hash),
    },
    cards: {
      byCardNo: async (cardNo) =>
        one('SELECT * FROM cards WHERE card_no = ?', (r): CardRecord => ({
          cardNo: r.card_no as string,
          memberId: r.member_id as string,
          version: r.version as number,
          status: r.status as CardRecord['status'],
          issuedAt: r.issued_at as string,
          secret: r.secret_enc
            ? { enc: r.secret_enc as string, hash: r.secret_hash as string }
            : null,
          lastAcceptedStep: r.last_accepted_step as number,
          lastScanBy: (r.last_scan_by as string | null) ?? null,
          lastScanAt: (r.last_scan_at as string | null) ?? null,
          lastScanRequestId: (r.last_scan_request_id as string | null) ?? null,
        }))(cardNo),
      insert: async (c) =>
        guarded(() =>
          prepare(
            `INSERT INTO cards (card_no, member_id, version, status, issued_at, secret_enc, secret_hash,
               last_accepted_step) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            c.cardNo,
            c.memberId,
            c.version,
            c.status,
            c.issuedAt,
            c.secret?.enc ?? null,
            c.secret?.hash ?? null,
            c.lastAcceptedStep,
          ),
        ),
      setSecretIfMissing: async (cardNo, secret) =>
        prepare(
          'UPDATE cards SET secret_enc = ?, secret_hash = ? WHERE card_no = ? AND secret_enc IS NULL',
        ).run(secret.enc, secret.hash, cardNo).changes === 1,
      rekey: async (cardNo, fromVersion, secret) =>
        prepare(
          `UPDATE cards SET version = version + 1, secret_enc = ?, secret_hash = ?
           WHERE card_no = ? AND version = ?`,
        ).run(secret.enc, secret.hash, cardNo, fromVersion).changes === 1
          ? { ok: true }
          : { ok: false, conflict: 'version' },
      acceptStep: async (cardNo, step, scan) =>
        prepare(
          `UPDATE cards SET last_accepted_step = ?, last_scan_by = ?, last_scan_at = ?,
             last_scan_request_id = ?
           WHERE card_no = ? AND last_accepted_step < ?`,
        ).run(step, scan.by, scan.at, scan.requestId ?? null, cardNo, step).changes === 1,
      setStatus: async (cardNo, status) =>
        prepare('UPDATE cards SET status = ? WHERE card_no = ?').run(status, cardNo).changes === 1,
    },
    stars: {
      forMember: async (memberId) =>
        (
          prepare('SELECT * FROM member_stars WHERE member_id = ? ORDER BY year').all(
            memberId,
          ) as Row[]
        ).map(rowToStar),
      get: async (memberId, year) => starOf(memberId, year),
      forMembersInYear: async (memberIds, year) =>
        (
          prepare(
            `SELECT * FROM member_stars
             WHERE year = ? AND member_id IN (SELECT value FROM json_each(?))`,
          ).all(year, JSON.stringify(memberIds)) as Row[]
        ).map(rowToStar),
      put: async (g) => {
        prepare(
          `INSERT INTO member_stars (member_id, year, star, source, reason, granted_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (member_id, year) DO UPDATE SET star = excluded.star, source = excluded.source,
             reason = excluded.reason, granted_at = excluded.granted_at`,
        ).run(g.memberId, g.year, g.star, g.source, g.reason, g.grantedAt)
      },
    },
    audit: {
      append: async (a) => {
        prepare(
          `INSERT INTO audit_log (id, actor_id, actor_role, action, target_type, target_id, before_json,
             after_json, reason, request_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          a.id,
          a.actorId,
          a.actorRole,
          a.action,
          a.targetType,
          a.targetId,
          JSON.stringify(a.before ?? null),
          JSON.stringify(a.after ?? null),
          a.reason,
          a.requestId,
          a.at,
        )
      },
      forTarget: async (targetType, targetId) =>
        (
          prepare(
            'SELECT * FROM audit_log WHERE target_type = ? AND target_id = ? ORDER BY at, id',
          ).all(targetType, targetId) as Row[]
        ).map(rowToAudit),
      search: sqliteAuditSearch(prepare),
    },
    requests: {
      get: async (requestId) =>
        one('SELECT * FROM requests WHERE request_id = ?', (r): RequestRecord => ({
          requestId: r.request_id as string,
          openid: r.openid as string,
          fn: r.fn as string,
          action: r.action as string,
          result: JSON.parse(r.result_json as string),
          at: r.at as string,
          ...(r.queued_json ? { queued: JSON.parse(r.queued_json as string) as QueuedSignup } : {}),
        }))(requestId),
      put: async (q) => {
        prepare(
          `INSERT INTO requests
             (request_id, openid, fn, action, result_json, at, queued_json, queued_event_id, queued_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          q.requestId,
          q.openid,
          q.fn,
          q.action,
          JSON.stringify(q.result),
          q.at,
          q.queued ? JSON.stringify(q.queued) : null,
          q.queued?.eventId ?? null,
          q.queued?.arrivedAt ?? null,
        )
      },
      queued: async (eventId, limit) =>
        (
          prepare(
            `SELECT queued_json FROM requests WHERE queued_event_id = ?
             ORDER BY queued_at, request_id LIMIT ?`,
          ).all(eventId, limit) as Row[]
        ).map((r) => JSON.parse(r.queued_json as string) as QueuedSignup),
      queuedIds: async (eventId, limit) =>
        (
          prepare(
            `SELECT request_id FROM requests WHERE queued_event_id = ?
             ORDER BY queued_at, request_id LIMIT ?`,
          ).all(eventId, limit) as Row[]
        ).map((r) => r.request_id as string),
      settle: async (requestId, result) => {
        prepare(
          `UPDATE requests SET result_json = ?, queued_json = NULL, queued_event_id = NULL,
             queued_at = NULL WHERE request_id = ?`,
        ).run(JSON.stringify(result), requestId)
      },
      queuedEvents: async (before, limit) =>
        (
          prepare(
            `SELECT DISTINCT queued_event_id AS id FROM requests
             WHERE queued_at IS NOT NULL AND queued_at < ? LIMIT ?`,
          ).all(before, limit) as Row[]
        ).map((r) => r.id as string),
      remove: async (requestId) => {
        prepare('DELETE FROM requests WHERE request_id = ?').run(requestId)
      },
    },
    counters: {
      next: async (name) => {
        const row = prepare(
          `INSERT INTO counters (name, value) VALUES (?, 1)
             ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
        ).get(name) as { value: number }
        return row.value
      },
    },
    rateCounts: {
      add: async (key, window, points, call) => {
        const row = prepare('SELECT window, count, recent FROM rate_counts WHERE key = ?').get(
          key,
        ) as { window: number; count: number; recent: string } | undefined
        const current = row && { ...row, recent: JSON.parse(row.recent) as string[] }
        const { stored, judged } = nextRateCount(current, window, points, call)
        prepare(
          `INSERT INTO rate_counts (key, window, count, recent) VALUES (?, ?, ?, ?)
             ON CONFLICT (key) DO UPDATE SET
               window = excluded.window, count = excluded.count, recent = excluded.recent`,
        ).run(key, stored.window, stored.count, JSON.stringify(stored.recent))
        return judged
      },
    },
  }
}
