import type { TemplateKey } from '../../../../src/domain/notification/templates'
import type { Broadcast, BroadcastRepository, SubscriptionRepository } from '../../ports'
import { versioned, type Prepare } from './sqlite-versioned'

type Row = Record<string, unknown>

const toBroadcast = (r: Row): Broadcast => ({
  id: r.id as string,
  kind: r.kind as string,
  template: r.template_key as TemplateKey,
  payload: JSON.parse(r.payload_json as string),
  audience: r.audience_json ? JSON.parse(r.audience_json as string) : null,
  createdAt: r.created_at as string,
  status: r.status as Broadcast['status'],
  cursor: r.cursor as string,
  fannedOut: r.fanned_out as number,
  finishedAt: (r.finished_at as string | null) ?? null,
  version: r.version as number,
})

const broadcastRow = (b: Broadcast) => ({
  id: b.id,
  kind: b.kind,
  template_key: b.template,
  payload_json: JSON.stringify(b.payload),
  audience_json: b.audience ? JSON.stringify(b.audience) : null,
  created_at: b.createdAt,
  status: b.status,
  cursor: b.cursor,
  fanned_out: b.fannedOut,
  finished_at: b.finishedAt,
  version: b.version,
})

/**
 * Subscribe-message credits and broadcasts over SQLite. A credit is used by one conditional
 * update (`credits > 0`), so it never goes below zero whatever runs at the same time.
 */
export function sqliteNotificationRepositories(prepare: Prepare): {
  subscriptions: SubscriptionRepository
  broadcasts: BroadcastRepository
} {
  return {
    subscriptions: {
      credits: async (memberId) =>
        Object.fromEntries(
          (
            prepare(
              `SELECT template_key, credits FROM notification_subscriptions WHERE member_id = ?`,
            ).all(memberId) as Row[]
          ).map((r) => [r.template_key as TemplateKey, r.credits as number]),
        ),
      grant: async (memberId, template, count, at) => {
        prepare(
          `INSERT INTO notification_subscriptions (member_id, template_key, credits, updated_at)
           VALUES (?, ?, ?, ?)
           ON CONFLICT (member_id, template_key)
           DO UPDATE SET credits = credits + excluded.credits, updated_at = excluded.updated_at`,
        ).run(memberId, template, count, at)
      },
      take: async (memberId, template, at) =>
        prepare(
          `UPDATE notification_subscriptions SET credits = credits - 1, updated_at = ?
           WHERE member_id = ? AND template_key = ? AND credits > 0`,
        ).run(at, memberId, template).changes === 1,
      holdersAfter: async (template, cursor, limit) =>
        (
          prepare(
            `SELECT member_id FROM notification_subscriptions
             WHERE template_key = ? AND credits > 0 AND member_id > ?
             ORDER BY member_id LIMIT ?`,
          ).all(template, cursor, limit) as Row[]
        ).map((r) => r.member_id as string),
    },
    broadcasts: {
      add: async (b) => {
        const row = broadcastRow(b)
        return (
          prepare(
            `INSERT INTO notification_broadcasts (id, kind, template_key, payload_json,
               audience_json, created_at, status, cursor, fanned_out, finished_at, version)
             VALUES (@id, @kind, @template_key, @payload_json, @audience_json, @created_at,
               @status, @cursor, @fanned_out, @finished_at, @version)
             ON CONFLICT (id) DO NOTHING`,
          ).run(row).changes === 1
        )
      },
      get: async (id) => {
        const r = prepare('SELECT * FROM notification_broadcasts WHERE id = ?').get(id) as
          Row | undefined
        return r ? toBroadcast(r) : null
      },
      open: async (limit) =>
        (
          prepare(
            `SELECT * FROM notification_broadcasts WHERE status = 'open'
             ORDER BY created_at, id LIMIT ?`,
          ).all(limit) as Row[]
        ).map(toBroadcast),
      save: async (b) =>
        versioned(
          prepare,
          `INSERT INTO notification_broadcasts (id, kind, template_key, payload_json,
             audience_json, created_at, status, cursor, fanned_out, finished_at, version)
           VALUES (@id, @kind, @template_key, @payload_json, @audience_json, @created_at,
             @status, @cursor, @fanned_out, @finished_at, @version)`,
          `UPDATE notification_broadcasts SET kind = @kind, template_key = @template_key,
             payload_json = @payload_json, audience_json = @audience_json,
             created_at = @created_at, status = @status, cursor = @cursor,
             fanned_out = @fanned_out, finished_at = @finished_at, version = @version
           WHERE id = @id AND version = @version - 1`,
          broadcastRow(b),
        ),
    },
  }
}
