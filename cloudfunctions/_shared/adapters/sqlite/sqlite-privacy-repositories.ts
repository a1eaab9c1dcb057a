import type { Withdrawal } from '../../../../src/domain/privacy/withdrawal'
import type {
  ErasureRepository,
  RequestRecord,
  StarImport,
  WithdrawalRepository,
  WriteOutcome,
} from '../../ports'
import { versioned, type Prepare } from './sqlite-versioned'
import { rowToAudit } from './sqlite-audit-rows'

type Row = Record<string, unknown>

const toWithdrawal = (r: Row): Withdrawal => ({
  id: r.id as string,
  memberId: r.member_id as string,
  reason: (r.reason as string | null) ?? null,
  requestedAt: r.requested_at as string,
  dueOn: r.due_on as string,
  status: r.status as Withdrawal['status'],
  confirmedBy: (r.confirmed_by as string | null) ?? null,
  confirmedAt: (r.confirmed_at as string | null) ?? null,
  cancelledAt: (r.cancelled_at as string | null) ?? null,
  version: r.version as number,
})

const toRequest = (r: Row): RequestRecord => ({
  requestId: r.request_id as string,
  openid: r.openid as string,
  fn: r.fn as string,
  action: r.action as string,
  result: JSON.parse(r.result_json as string),
  at: r.at as string,
})

/** A second open request of a member hits the partial unique index: a conflict, not a crash. */
function oneOpenPerMember(write: () => WriteOutcome): WriteOutcome {
  try {
    return write()
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      return { ok: false, conflict: 'version' }
    }
    throw error
  }
}

/** Withdrawal requests and the erasure of a withdrawn member's stored copies over SQLite. */
export function sqlitePrivacyRepositories(prepare: Prepare): {
  withdrawals: WithdrawalRepository
  erasure: ErasureRepository
} {
  return {
    withdrawals: {
      byId: async (id) => {
        const r = prepare('SELECT * FROM withdrawals WHERE id = ?').get(id) as Row | undefined
        return r ? toWithdrawal(r) : null
      },
      forMember: async (memberId) =>
        (
          prepare(
            'SELECT * FROM withdrawals WHERE member_id = ? ORDER BY requested_at DESC, id DESC',
          ).all(memberId) as Row[]
        ).map(toWithdrawal),
      save: async (w) =>
        oneOpenPerMember(() =>
          versioned(
            prepare,
            `INSERT INTO withdrawals (id, member_id, reason, requested_at, due_on, status,
               confirmed_by, confirmed_at, cancelled_at, version)
             VALUES (@id, @member_id, @reason, @requested_at, @due_on, @status, @confirmed_by,
               @confirmed_at, @cancelled_at, @version)`,
            `UPDATE withdrawals SET reason = @reason, status = @status,
               confirmed_by = @confirmed_by, confirmed_at = @confirmed_at,
               cancelled_at = @cancelled_at, version = @version
             WHERE id = @id AND version = @version - 1`,
            {
              id: w.id,
              member_id: w.memberId,
              reason: w.reason,
              requested_at: w.requestedAt,
              due_on: w.dueOn,
              status: w.status,
              confirmed_by: w.confirmedBy,
              confirmed_at: w.confirmedAt,
              cancelled_at: w.cancelledAt,
              version: w.version,
            },
          ),
        ),
      listOpen: async (offset, limit) => {
        const items = prepare(
          `SELECT * FROM withdrawals WHERE status = 'requested'
           ORDER BY due_on, requested_at, id LIMIT ? OFFSET ?`,
        ).all(limit, offset) as Row[]
        const { n } = prepare(
          "SELECT COUNT(*) AS n FROM withdrawals WHERE status = 'requested'",
        ).get() as { n: number }
        return { items: items.map(toWithdrawal), total: n }
      },
    },
    erasure: {
      requestsNaming: async (openid, ids) => {
        const marks = ids.map(() => '?').join(', ') || 'NULL'
        return (
          prepare(
            `SELECT * FROM requests
             WHERE openid = ?
               OR json_extract(result_json, '$.data.id') IN (${marks})
               OR json_extract(result_json, '$.data.memberId') IN (${marks})
               OR json_extract(result_json, '$.data.cardNo') IN (${marks})
             ORDER BY at, request_id`,
          ).all(openid, ...ids, ...ids, ...ids) as Row[]
        ).map(toRequest)
      },
      rewriteRequest: async (requestId, openid, result) => {
        prepare('UPDATE requests SET openid = ?, result_json = ? WHERE request_id = ?').run(
          openid,
          JSON.stringify(result),
          requestId,
        )
      },
      auditNaming: async (ids) => {
        if (ids.length === 0) return []
        const marks = ids.map(() => '?').join(', ')
        return (
          prepare(
            `SELECT * FROM audit_log WHERE target_id IN (${marks}) OR actor_id IN (${marks})
             ORDER BY at, id`,
          ).all(...ids, ...ids) as Row[]
        ).map(rowToAudit)
      },
      rewriteAudit: async (id, { before, after, reason }) => {
        prepare(
          'UPDATE audit_log SET before_json = ?, after_json = ?, reason = ? WHERE id = ?',
        ).run(JSON.stringify(before ?? null), JSON.stringify(after ?? null), reason, id)
      },
      rewriteOutboxPayload: async (id, payload) => {
        prepare('UPDATE outbox SET payload_json = ? WHERE id = ?').run(JSON.stringify(payload), id)
      },
      starImportsHolding: async (licenceHash) =>
        (
          prepare(
            `SELECT * FROM star_imports
             WHERE EXISTS (SELECT 1 FROM json_each(rows_json)
               WHERE json_extract(json_each.value, '$.licenceHash') = ?)
             ORDER BY year`,
          ).all(licenceHash) as Row[]
        ).map((r): StarImport => ({
          year: r.year as number,
          rows: JSON.parse(r.rows_json as string),
          importedBy: r.imported_by as string,
          importedAt: r.imported_at as string,
          version: r.version as number,
        })),
    },
  }
}
