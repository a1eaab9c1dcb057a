import type { ClubMembership } from '../../../../src/domain/club/club'
import type { Suggestion } from '../../../../src/domain/club/suggestion'
import type { StarThresholds } from '../../../../src/domain/star/thresholds'
import type {
  ClubRepository,
  StarImportRepository,
  StarRuleRepository,
  SuggestionRepository,
} from '../../ports'
import { versioned, type Prepare } from './sqlite-versioned'

type Row = Record<string, unknown>

const toClub = (r: Row): ClubMembership => ({
  memberId: r.member_id as string,
  state: r.state as ClubMembership['state'],
  since: r.since as string,
  appliedAt: (r.applied_at as string | null) ?? null,
  joinedAt: (r.joined_at as string | null) ?? null,
  graceYear: (r.grace_year as number | null) ?? null,
  decidedBy: (r.decided_by as string | null) ?? null,
  reason: (r.reason as string | null) ?? null,
  resumeState: (r.resume_state as ClubMembership['state'] | null) ?? null,
  version: r.version as number,
})

const toSuggestion = (r: Row): Suggestion => ({
  id: r.id as string,
  memberId: r.member_id as string,
  text: r.text as string,
  createdAt: r.created_at as string,
  answer: (r.answer as string | null) ?? null,
  answeredBy: (r.answered_by as string | null) ?? null,
  answeredAt: (r.answered_at as string | null) ?? null,
  version: r.version as number,
})

/** Star settings and imports, club memberships and the club's suggestion box over SQLite. */
export function sqliteClubRepositories(prepare: Prepare): {
  starRules: StarRuleRepository
  starImports: StarImportRepository
  clubs: ClubRepository
  suggestions: SuggestionRepository
} {
  return {
    starRules: {
      all: async () =>
        (prepare('SELECT * FROM star_rules ORDER BY effective_year').all() as Row[]).map((r) => ({
          effectiveYear: r.effective_year as number,
          thresholds: JSON.parse(r.thresholds_json as string) as StarThresholds,
          setBy: r.set_by as string,
          setAt: r.set_at as string,
        })),
      put: async (rule) => {
        prepare(
          `INSERT INTO star_rules (effective_year, thresholds_json, set_by, set_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (effective_year) DO UPDATE SET thresholds_json = excluded.thresholds_json,
             set_by = excluded.set_by, set_at = excluded.set_at`,
        ).run(rule.effectiveYear, JSON.stringify(rule.thresholds), rule.setBy, rule.setAt)
      },
    },
    starImports: {
      get: async (year) => {
        const r = prepare('SELECT * FROM star_imports WHERE year = ?').get(year) as Row | undefined
        return r
          ? {
              year: r.year as number,
              rows: JSON.parse(r.rows_json as string),
              importedBy: r.imported_by as string,
              importedAt: r.imported_at as string,
              version: r.version as number,
            }
          : null
      },
      save: async (s) =>
        versioned(
          prepare,
          `INSERT INTO star_imports (year, rows_json, imported_by, imported_at, version)
           VALUES (@year, @rows_json, @imported_by, @imported_at, @version)`,
          `UPDATE star_imports SET rows_json = @rows_json, imported_by = @imported_by,
             imported_at = @imported_at, version = @version
           WHERE year = @year AND version = @version - 1`,
          {
            year: s.year,
            rows_json: JSON.stringify(s.rows),
            imported_by: s.importedBy,
            imported_at: s.importedAt,
            version: s.version,
          },
        ),
    },
    clubs: {
      byMember: async (memberId) => {
        const r = prepare('SELECT * FROM club_memberships WHERE member_id = ?').get(memberId) as
          Row | undefined
        return r ? toClub(r) : null
      },
      byMembers: async (memberIds) =>
        (
          prepare(
            'SELECT * FROM club_memberships WHERE member_id IN (SELECT value FROM json_each(?))',
          ).all(JSON.stringify(memberIds)) as Row[]
        ).map(toClub),
      save: async (c) =>
        versioned(
          prepare,
          `INSERT INTO club_memberships (member_id, state, since, applied_at, joined_at, grace_year,
             decided_by, reason, resume_state, version)
           VALUES (@member_id, @state, @since, @applied_at, @joined_at, @grace_year, @decided_by,
             @reason, @resume_state, @version)`,
          `UPDATE club_memberships SET state = @state, since = @since, applied_at = @applied_at,
             joined_at = @joined_at, grace_year = @grace_year, decided_by = @decided_by,
             reason = @reason, resume_state = @resume_state, version = @version
           WHERE member_id = @member_id AND version = @version - 1`,
          {
            member_id: c.memberId,
            state: c.state,
            since: c.since,
            applied_at: c.appliedAt,
            joined_at: c.joinedAt,
            grace_year: c.graceYear,
            decided_by: c.decidedBy,
            reason: c.reason,
            resume_state: c.resumeState,
            version: c.version,
          },
        ),
      listByState: async (state, offset, limit) => {
        const items = prepare(
          'SELECT * FROM club_memberships WHERE state = ? ORDER BY since, member_id LIMIT ? OFFSET ?',
        ).all(state, limit, offset) as Row[]
        const { n } = prepare('SELECT COUNT(*) AS n FROM club_memberships WHERE state = ?').get(
          state,
        ) as { n: number }
        return { items: items.map(toClub), total: n }
      },
    },
    suggestions: {
      byId: async (id) => {
        const r = prepare('SELECT * FROM suggestions WHERE id = ?').get(id) as Row | undefined
        return r ? toSuggestion(r) : null
      },
      save: async (s) =>
        versioned(
          prepare,
          `INSERT INTO suggestions (id, member_id, text, created_at, answer, answered_by,
             answered_at, version)
           VALUES (@id, @member_id, @text, @created_at, @answer, @answered_by, @answered_at,
             @version)`,
          `UPDATE suggestions SET text = @text, answer = @answer, answered_by = @answered_by,
             answered_at = @answered_at, version = @version
           WHERE id = @id AND version = @version - 1`,
          {
            id: s.id,
            member_id: s.memberId,
            text: s.text,
            created_at: s.createdAt,
            answer: s.answer,
            answered_by: s.answeredBy,
            answered_at: s.answeredAt,
            version: s.version,
          },
        ),
      forMember: async (memberId) =>
        (
          prepare(
            'SELECT * FROM suggestions WHERE member_id = ? ORDER BY created_at DESC, id DESC',
          ).all(memberId) as Row[]
        ).map(toSuggestion),
      list: async (answered, offset, limit) => {
        const where = answered ? 'answered_at IS NOT NULL' : 'answered_at IS NULL'
        const order = answered ? 'answered_at DESC, id DESC' : 'created_at, id'
        const items = prepare(
          `SELECT * FROM suggestions WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`,
        ).all(limit, offset) as Row[]
        const { n } = prepare(`SELECT COUNT(*) AS n FROM suggestions WHERE ${where}`).get() as {
          n: number
        }
        return { items: items.map(toSuggestion), total: n }
      },
    },
  }
}
