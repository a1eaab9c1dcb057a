import type { ClubEvent } from '../../../../src/domain/event/event'
import type { Signup } from '../../../../src/domain/event/signup'
import type { EventRepository, SignupRepository } from '../../ports'
import { versioned, type Prepare } from './sqlite-versioned'

type Row = Record<string, unknown>

const toEvent = (r: Row) => JSON.parse(r.doc_json as string) as ClubEvent
const toSignup = (r: Row) => JSON.parse(r.doc_json as string) as Signup

/**
 * Events and sign-ups over SQLite: each row keeps the whole record as JSON next to the columns
 * that are queried or constrained (status, times, counts, arrival order). The table's CHECK keeps
 * `confirmed` within `capacity` whatever a caller does.
 */
export function sqliteEventRepositories(prepare: Prepare): {
  events: EventRepository
  signups: SignupRepository
} {
  return {
    events: {
      byId: async (id) => {
        const r = prepare('SELECT doc_json FROM events WHERE id = ?').get(id) as Row | undefined
        return r ? toEvent(r) : null
      },
      save: async (e) =>
        versioned(
          prepare,
          `INSERT INTO events (id, kind, title, status, start_at, end_at, confirmed, capacity,
             no_shows_marked, doc_json, version)
           VALUES (@id, @kind, @title, @status, @start_at, @end_at, @confirmed, @capacity,
             @no_shows_marked, @doc_json, @version)`,
          `UPDATE events SET kind = @kind, title = @title, status = @status, start_at = @start_at,
             end_at = @end_at, confirmed = @confirmed, capacity = @capacity,
             no_shows_marked = @no_shows_marked, doc_json = @doc_json, version = @version
           WHERE id = @id AND version = @version - 1`,
          {
            id: e.id,
            kind: e.kind,
            title: e.title,
            status: e.status,
            start_at: e.startAt,
            end_at: e.endAt,
            confirmed: e.confirmed,
            capacity: e.capacity,
            no_shows_marked: e.noShowsMarked ? 1 : 0,
            doc_json: JSON.stringify(e),
            version: e.version,
          },
        ),
      list: async (query, offset, limit) => {
        const where = [`status IN (SELECT value FROM json_each(@statuses))`]
        if (query.kind) where.push('kind = @kind')
        if (query.when) where.push(query.when.upcoming ? 'end_at > @now' : 'end_at <= @now')
        const order = query.when?.upcoming ? 'start_at, id' : 'start_at DESC, id DESC'
        const params = {
          statuses: JSON.stringify(query.statuses),
          kind: query.kind ?? null,
          now: query.when?.now ?? null,
        }
        const sql = `FROM events WHERE ${where.join(' AND ')}`
        const items = prepare(
          `SELECT doc_json ${sql} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
        ).all({ ...params, limit, offset }) as Row[]
        const { n } = prepare(`SELECT COUNT(*) AS n ${sql}`).get(params) as { n: number }
        return { items: items.map(toEvent), total: n }
      },
      endedUnmarked: async (before, limit) =>
        (
          prepare(
            `SELECT doc_json FROM events WHERE status = 'published' AND end_at <= ?
               AND no_shows_marked = 0 ORDER BY end_at, id LIMIT ?`,
          ).all(before, limit) as Row[]
        ).map(toEvent),
    },
    signups: {
      get: async (eventId, memberId) => {
        const r = prepare(
          'SELECT doc_json FROM event_signups WHERE event_id = ? AND member_id = ?',
        ).get(eventId, memberId) as Row | undefined
        return r ? toSignup(r) : null
      },
      ofMembers: async (eventId, memberIds) =>
        memberIds.length === 0
          ? []
          : (
              prepare(
                `SELECT doc_json FROM event_signups WHERE event_id = ? AND member_id IN (${memberIds
                  .map(() => '?')
                  .join(', ')})`,
              ).all(eventId, ...memberIds) as Row[]
            ).map(toSignup),
      save: async (s) =>
        versioned(
          prepare,
          `INSERT INTO event_signups (event_id, member_id, status, seq, created_at, doc_json, version)
           VALUES (@event_id, @member_id, @status, @seq, @created_at, @doc_json, @version)`,
          `UPDATE event_signups SET status = @status, seq = @seq, doc_json = @doc_json,
             version = @version
           WHERE event_id = @event_id AND member_id = @member_id AND version = @version - 1`,
          {
            event_id: s.eventId,
            member_id: s.memberId,
            status: s.status,
            seq: s.seq,
            created_at: s.createdAt,
            doc_json: JSON.stringify(s),
            version: s.version,
          },
        ),
      forEvent: async (eventId, status, offset, limit) => {
        const where = status ? 'event_id = ? AND status = ?' : 'event_id = ?'
        const params = status ? [eventId, status] : [eventId]
        const items = prepare(
          `SELECT doc_json FROM event_signups WHERE ${where} ORDER BY seq LIMIT ? OFFSET ?`,
        ).all(...params, limit, offset) as Row[]
        const { n } = prepare(`SELECT COUNT(*) AS n FROM event_signups WHERE ${where}`).get(
          ...params,
        ) as { n: number }
        return { items: items.map(toSignup), total: n }
      },
      firstWaitlisted: async (eventId) => {
        const r = prepare(
          `SELECT doc_json FROM event_signups WHERE event_id = ? AND status = 'waitlisted'
           ORDER BY seq LIMIT 1`,
        ).get(eventId) as Row | undefined
        return r ? toSignup(r) : null
      },
      countBefore: async (eventId, status, seq) =>
        (
          prepare(
            'SELECT COUNT(*) AS n FROM event_signups WHERE event_id = ? AND status = ? AND seq < ?',
          ).get(eventId, status, seq) as { n: number }
        ).n,
      forMember: async (memberId) =>
        (
          prepare(
            `SELECT doc_json FROM event_signups WHERE member_id = ?
             ORDER BY created_at DESC, event_id DESC`,
          ).all(memberId) as Row[]
        ).map(toSignup),
    },
  }
}
