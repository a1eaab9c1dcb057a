import type { EventKind } from '../../../../src/domain/event/event'
import type { MemberStatus } from '../../../../src/domain/member/member'
import type { EntryLabel, EntryType } from '../../../../src/domain/points/points'
import type { StarValue } from '../../../../src/domain/star/star'
import type { AuditRepository, ReportRepository } from '../../ports'
import type { Prepare } from './sqlite-versioned'
import { rowToAudit } from './sqlite-audit-rows'

type Row = Record<string, unknown>

/**
 * The Shanghai month (YYYY-MM) of a stored ISO instant. Shanghai keeps UTC+8 all year (no daylight
 * saving since 1991), so a fixed `+8 hours` shift is its wall clock: 2026-01-31T16:00:00.000Z is
 * 2026-02-01 00:00 there, month 2026-02. SQLite reads the trailing `Z` of our instants as UTC.
 */
const shanghaiMonthOf = (column: string) => `strftime('%Y-%m', ${column}, '+8 hours')`

/**
 * The admin reports' counts over SQLite, each one GROUP BY query. Instants are ISO strings in UTC,
 * so `from <= at < to` compares them as text.
 */
export function sqliteReportRepositories(prepare: Prepare): { reports: ReportRepository } {
  return {
    reports: {
      clerkTally: async (actorId, from, to) => {
        const sales = prepare(
          `SELECT COUNT(*) AS n FROM points_ledger WHERE actor_id = ? AND type = 'earn'
             AND label = 'purchase' AND at >= ? AND at < ?`,
        ).get(actorId, from, to) as Row
        const checkIns = prepare(
          `SELECT COUNT(*) AS n FROM event_signups
           WHERE json_extract(doc_json, '$.checkedInBy') = ?
             AND json_extract(doc_json, '$.checkedInAt') >= ?
             AND json_extract(doc_json, '$.checkedInAt') < ?`,
        ).get(actorId, from, to) as Row
        return { sales: sales.n as number, checkIns: checkIns.n as number }
      },
      membersByStatus: async () =>
        (prepare('SELECT status, COUNT(*) AS n FROM members GROUP BY status').all() as Row[]).map(
          (r) => ({ status: r.status as MemberStatus, count: r.n as number }),
        ),
      starsOfYear: async (year) =>
        (
          prepare(
            'SELECT star, COUNT(*) AS n FROM member_stars WHERE year = ? GROUP BY star ORDER BY star',
          ).all(year) as Row[]
        ).map((r) => ({ star: r.star as StarValue, count: r.n as number })),
      approvalsByMonth: async (from, to) =>
        (
          prepare(
            `SELECT ${shanghaiMonthOf('reviewed_at')} AS month, COUNT(*) AS n FROM members
             WHERE status NOT IN ('pending', 'rejected') AND reviewed_at >= ? AND reviewed_at < ?
             GROUP BY month ORDER BY month`,
          ).all(from, to) as Row[]
        ).map((r) => ({ month: r.month as string, count: r.n as number })),
      pointsByMonth: async (from, to) =>
        (
          prepare(
            `SELECT ${shanghaiMonthOf('at')} AS month, type, label, SUM(points) AS points,
               COUNT(*) AS entries
             FROM points_ledger WHERE at >= ? AND at < ?
             GROUP BY month, type, label ORDER BY month, type, label`,
          ).all(from, to) as Row[]
        ).map((r) => ({
          month: r.month as string,
          type: r.type as EntryType,
          label: r.label as EntryLabel,
          points: r.points as number,
          entries: r.entries as number,
        })),
      eventTallies: async (from, to) =>
        (
          prepare(
            `SELECT e.id, e.title, e.kind, e.start_at, e.end_at, e.capacity, e.confirmed,
               json_extract(e.doc_json, '$.checkedIn') AS checked_in, e.no_shows_marked,
               (SELECT COUNT(*) FROM event_signups s WHERE s.event_id = e.id
                  AND json_extract(s.doc_json, '$.noShowAt') IS NOT NULL) AS no_shows
             FROM events e
             WHERE e.status = 'published' AND e.end_at >= ? AND e.end_at < ?
             ORDER BY e.end_at, e.id`,
          ).all(from, to) as Row[]
        ).map((r) => ({
          eventId: r.id as string,
          title: r.title as string,
          kind: r.kind as EventKind,
          startAt: r.start_at as string,
          endAt: r.end_at as string,
          capacity: r.capacity as number,
          confirmed: r.confirmed as number,
          checkedIn: (r.checked_in as number | null) ?? 0,
          noShows: r.no_shows as number,
          noShowsMarked: r.no_shows_marked === 1,
        })),
    },
  }
}

/**
 * The audit log page's search: every given condition must hold, newest first. The target ids go
 * in as one JSON array parameter, so the statement is the same whatever their number.
 */
export function sqliteAuditSearch(prepare: Prepare): AuditRepository['search'] {
  return async (filter, offset, limit) => {
    if (filter.targetIds && filter.targetIds.length === 0) return { items: [], total: 0 }
    const where: string[] = []
    if (filter.actorId !== undefined) where.push('actor_id = @actorId')
    if (filter.action !== undefined) where.push('action = @action')
    if (filter.targetIds) where.push('target_id IN (SELECT value FROM json_each(@targetIds))')
    if (filter.from !== undefined) where.push('at >= @from')
    if (filter.to !== undefined) where.push('at < @to')
    const params = {
      actorId: filter.actorId ?? null,
      action: filter.action ?? null,
      targetIds: JSON.stringify(filter.targetIds ?? []),
      from: filter.from ?? null,
      to: filter.to ?? null,
    }
    const sql = `FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`
    const items = prepare(
      `SELECT * ${sql} ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset`,
    ).all({ ...params, limit, offset }) as Row[]
    const { n } = prepare(`SELECT COUNT(*) AS n ${sql}`).get(params) as { n: number }
    return { items: items.map(rowToAudit), total: n }
  }
}
