import type { Complaint } from '../../../../src/domain/care/complaint'
import type { ComplaintRepository } from '../../ports'
import { versioned, type Prepare } from './sqlite-versioned'

type Row = Record<string, unknown>

const toComplaint = (r: Row): Complaint => ({
  id: r.id as string,
  memberId: r.member_id as string,
  category: r.category as Complaint['category'],
  text: r.text as string,
  photos: JSON.parse(r.photos_json as string) as string[],
  createdAt: r.created_at as string,
  dueAt: r.due_at as string,
  answer: (r.answer as string | null) ?? null,
  answeredBy: (r.answered_by as string | null) ?? null,
  answeredAt: (r.answered_at as string | null) ?? null,
  version: r.version as number,
})

// The WHERE clauses repeat the partial indexes' conditions word for word, so SQLite uses them.
const OPEN = 'answered_at IS NULL'
const ANSWERED = 'answered_at IS NOT NULL'

/** Complaints and suggestions (投诉与建议) over SQLite; times are ISO strings, so they sort as text. */
export function sqliteComplaintRepositories(prepare: Prepare): { complaints: ComplaintRepository } {
  return {
    complaints: {
      byId: async (id) => {
        const r = prepare('SELECT * FROM complaints WHERE id = ?').get(id) as Row | undefined
        return r ? toComplaint(r) : null
      },
      save: async (c) =>
        versioned(
          prepare,
          `INSERT INTO complaints (id, member_id, category, text, photos_json, created_at, due_at,
             answer, answered_by, answered_at, version)
           VALUES (@id, @member_id, @category, @text, @photos_json, @created_at, @due_at, @answer,
             @answered_by, @answered_at, @version)`,
          `UPDATE complaints SET category = @category, text = @text, photos_json = @photos_json,
             due_at = @due_at, answer = @answer, answered_by = @answered_by,
             answered_at = @answered_at, version = @version
           WHERE id = @id AND version = @version - 1`,
          {
            id: c.id,
            member_id: c.memberId,
            category: c.category,
            text: c.text,
            photos_json: JSON.stringify(c.photos),
            created_at: c.createdAt,
            due_at: c.dueAt,
            answer: c.answer,
            answered_by: c.answeredBy,
            answered_at: c.answeredAt,
            version: c.version,
          },
        ),
      forMember: async (memberId) =>
        (
          prepare(
            'SELECT * FROM complaints WHERE member_id = ? ORDER BY created_at DESC, id DESC',
          ).all(memberId) as Row[]
        ).map(toComplaint),
      list: async (answered, offset, limit) => {
        const where = answered ? ANSWERED : OPEN
        const order = answered ? 'answered_at DESC, id DESC' : 'due_at, id'
        const items = prepare(
          `SELECT * FROM complaints WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`,
        ).all(limit, offset) as Row[]
        const { n } = prepare(`SELECT COUNT(*) AS n FROM complaints WHERE ${where}`).get() as {
          n: number
        }
        return { items: items.map(toComplaint), total: n }
      },
      countOverdue: async (now) =>
        (
          prepare(`SELECT COUNT(*) AS n FROM complaints WHERE ${OPEN} AND due_at <= ?`).get(
            now,
          ) as {
            n: number
          }
        ).n,
    },
  }
}
