import type {
  JobRun,
  JobRunRepository,
  OutboxDelivery,
  OutboxMessage,
  OutboxRepository,
} from '../../ports'
import { versioned, type Prepare } from './sqlite-versioned'

type Row = Record<string, unknown>

const toMessage = (r: Row): OutboxMessage => ({
  id: r.id as string,
  memberId: r.member_id as string,
  kind: r.kind as string,
  payload: JSON.parse(r.payload_json as string),
  createdAt: r.created_at as string,
  status: r.status as OutboxMessage['status'],
})

const toDelivery = (r: Row): OutboxDelivery => ({
  ...toMessage(r),
  attempts: r.attempts as number,
  nextAttemptAt: (r.next_attempt_at as string | null) ?? null,
  sentAt: (r.sent_at as string | null) ?? null,
  lastError: (r.last_error as string | null) ?? null,
  claimedAt: (r.claimed_at as string | null) ?? null,
  version: r.version as number,
})

const toRun = (r: Row): JobRun => ({
  id: r.id as string,
  kind: r.kind as string,
  status: r.status as JobRun['status'],
  cursor: r.cursor as string,
  processed: r.processed as number,
  totals: JSON.parse(r.totals_json as string),
  startedAt: r.started_at as string,
  finishedAt: (r.finished_at as string | null) ?? null,
  version: r.version as number,
})

export function sqliteJobRepositories(prepare: Prepare): {
  outbox: OutboxRepository
  jobs: JobRunRepository
} {
  /** A new message, due at once; `onConflict` says what a taken id does (nothing: it throws). */
  const insertMessage = (m: OutboxMessage, onConflict: string) =>
    prepare(
      `INSERT INTO outbox (id, member_id, kind, payload_json, created_at, status,
         next_attempt_at, attempts, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, 1) ${onConflict}`,
    ).run(m.id, m.memberId, m.kind, JSON.stringify(m.payload), m.createdAt, m.status, m.createdAt)
      .changes

  return {
    outbox: {
      add: async (m) => insertMessage(m, 'ON CONFLICT (id) DO NOTHING') === 1,
      addNew: async (m) => {
        insertMessage(m, '')
      },
      taken: async (ids) =>
        (
          prepare('SELECT id FROM outbox WHERE id IN (SELECT value FROM json_each(?))').all(
            JSON.stringify(ids),
          ) as Row[]
        ).map((r) => r.id as string),
      forMember: async (memberId) =>
        (
          prepare('SELECT * FROM outbox WHERE member_id = ? ORDER BY created_at, id').all(
            memberId,
          ) as Row[]
        ).map(toMessage),
      get: async (id) => {
        const r = prepare('SELECT * FROM outbox WHERE id = ?').get(id) as Row | undefined
        return r ? toDelivery(r) : null
      },
      // Only ever an update: a message is created by `add`.
      save: async (m) =>
        prepare(
          `UPDATE outbox SET status = @status, attempts = @attempts,
             next_attempt_at = @next_attempt_at, sent_at = @sent_at, last_error = @last_error,
             claimed_at = @claimed_at, version = @version
           WHERE id = @id AND version = @version - 1`,
        ).run({
          id: m.id,
          status: m.status,
          attempts: m.attempts,
          next_attempt_at: m.nextAttemptAt,
          sent_at: m.sentAt,
          last_error: m.lastError,
          claimed_at: m.claimedAt,
          version: m.version,
        }).changes === 1
          ? { ok: true }
          : { ok: false, conflict: 'version' },
      due: async (now, limit) =>
        (
          prepare(
            `SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?
             ORDER BY next_attempt_at, id LIMIT ?`,
          ).all(now, limit) as Row[]
        ).map(toDelivery),
      stuck: async (claimedBefore, limit) =>
        (
          prepare(
            `SELECT * FROM outbox WHERE status = 'sending' AND claimed_at <= ?
             ORDER BY claimed_at, id LIMIT ?`,
          ).all(claimedBefore, limit) as Row[]
        ).map(toDelivery),
      recentlySent: async (limit) =>
        (
          prepare(
            `SELECT * FROM outbox WHERE status = 'sent' ORDER BY sent_at DESC, id DESC LIMIT ?`,
          ).all(limit) as Row[]
        ).map(toDelivery),
    },
    jobs: {
      get: async (id) => {
        const r = prepare('SELECT * FROM job_runs WHERE id = ?').get(id) as Row | undefined
        return r ? toRun(r) : null
      },
      save: async (run) =>
        versioned(
          prepare,
          `INSERT INTO job_runs (id, kind, status, cursor, processed, totals_json, started_at,
             finished_at, version)
           VALUES (@id, @kind, @status, @cursor, @processed, @totals_json, @started_at, @finished_at,
             @version)`,
          `UPDATE job_runs SET kind = @kind, started_at = @started_at, status = @status,
             cursor = @cursor, processed = @processed,
             totals_json = @totals_json, finished_at = @finished_at, version = @version
           WHERE id = @id AND version = @version - 1`,
          {
            id: run.id,
            kind: run.kind,
            status: run.status,
            cursor: run.cursor,
            processed: run.processed,
            totals_json: JSON.stringify(run.totals),
            started_at: run.startedAt,
            finished_at: run.finishedAt,
            version: run.version,
          },
        ),
    },
  }
}
