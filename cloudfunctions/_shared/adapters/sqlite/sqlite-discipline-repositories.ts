import type { Sanction } from '../../../../src/domain/discipline/sanction'
import type { SanctionRepository } from '../../ports'
import { versioned, type Prepare } from './sqlite-versioned'

type Row = Record<string, unknown>

// The appeal is stored in columns of its own (null until filed) so the pending queue is a query.
const toSanction = (r: Row): Sanction => ({
  id: r.id as string,
  memberId: r.member_id as string,
  kind: r.kind as Sanction['kind'],
  reason: r.reason as string,
  endsOn: (r.ends_on as string | null) ?? null,
  issuedBy: r.issued_by as string,
  issuedAt: r.issued_at as string,
  state: r.state as Sanction['state'],
  appeal:
    r.appeal_filed_at === null
      ? null
      : {
          text: r.appeal_text as string,
          filedAt: r.appeal_filed_at as string,
          decision: (r.appeal_decision as 'upheld' | 'overturned' | null) ?? null,
          note: (r.appeal_note as string | null) ?? null,
          decidedBy: (r.appeal_decided_by as string | null) ?? null,
          decidedAt: (r.appeal_decided_at as string | null) ?? null,
        },
  version: r.version as number,
})

const PENDING = 'appeal_filed_at IS NOT NULL AND appeal_decision IS NULL'

/** Sanctions and their appeals over SQLite (table `sanctions`, migration 8). */
export function sqliteDisciplineRepositories(prepare: Prepare): { sanctions: SanctionRepository } {
  const count = (where: string) =>
    (prepare(`SELECT COUNT(*) AS n FROM sanctions WHERE ${where}`).get() as { n: number }).n
  return {
    sanctions: {
      byId: async (id) => {
        const r = prepare('SELECT * FROM sanctions WHERE id = ?').get(id) as Row | undefined
        return r ? toSanction(r) : null
      },
      save: async (s) =>
        versioned(
          prepare,
          `INSERT INTO sanctions (id, member_id, kind, reason, ends_on, issued_by, issued_at, state,
             appeal_text, appeal_filed_at, appeal_decision, appeal_note, appeal_decided_by,
             appeal_decided_at, version)
           VALUES (@id, @member_id, @kind, @reason, @ends_on, @issued_by, @issued_at, @state,
             @appeal_text, @appeal_filed_at, @appeal_decision, @appeal_note, @appeal_decided_by,
             @appeal_decided_at, @version)`,
          `UPDATE sanctions SET kind = @kind, reason = @reason, ends_on = @ends_on,
             issued_by = @issued_by, issued_at = @issued_at, state = @state,
             appeal_text = @appeal_text, appeal_filed_at = @appeal_filed_at,
             appeal_decision = @appeal_decision, appeal_note = @appeal_note,
             appeal_decided_by = @appeal_decided_by, appeal_decided_at = @appeal_decided_at,
             version = @version
           WHERE id = @id AND version = @version - 1`,
          {
            id: s.id,
            member_id: s.memberId,
            kind: s.kind,
            reason: s.reason,
            ends_on: s.endsOn,
            issued_by: s.issuedBy,
            issued_at: s.issuedAt,
            state: s.state,
            appeal_text: s.appeal?.text ?? null,
            appeal_filed_at: s.appeal?.filedAt ?? null,
            appeal_decision: s.appeal?.decision ?? null,
            appeal_note: s.appeal?.note ?? null,
            appeal_decided_by: s.appeal?.decidedBy ?? null,
            appeal_decided_at: s.appeal?.decidedAt ?? null,
            version: s.version,
          },
        ),
      forMember: async (memberId) =>
        (
          prepare(
            'SELECT * FROM sanctions WHERE member_id = ? ORDER BY issued_at DESC, id DESC',
          ).all(memberId) as Row[]
        ).map(toSanction),
      appealsPending: async (offset, limit) => ({
        items: (
          prepare(
            `SELECT * FROM sanctions WHERE ${PENDING} ORDER BY appeal_filed_at, id LIMIT ? OFFSET ?`,
          ).all(limit, offset) as Row[]
        ).map(toSanction),
        total: count(PENDING),
      }),
      list: async (offset, limit) => ({
        items: (
          prepare('SELECT * FROM sanctions ORDER BY issued_at DESC, id DESC LIMIT ? OFFSET ?').all(
            limit,
            offset,
          ) as Row[]
        ).map(toSanction),
        total: count('1 = 1'),
      }),
      suspensionsEndedBy: async (day, limit) =>
        (
          prepare(
            `SELECT * FROM sanctions
             WHERE kind = 'suspension' AND state = 'in_force' AND ends_on < ?
             ORDER BY ends_on, id LIMIT ?`,
          ).all(day, limit) as Row[]
        ).map(toSanction),
    },
  }
}
