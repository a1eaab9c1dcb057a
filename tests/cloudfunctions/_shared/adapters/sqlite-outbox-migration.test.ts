import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteStore } from '../../../../cloudfunctions/_shared/adapters/sqlite/sqlite-store'
import { databaseBefore } from '../../../support/sqlite-schema-before'

describe('migration 11 (outbox delivery)', () => {
  let dir: string
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'club-outbox-'))))
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  /** A database at the schema before migration 11, holding messages queued then. */
  function databaseBefore11(file: string) {
    const db = databaseBefore(file, 11)
    const insert = db.prepare(
      `INSERT INTO outbox (id, member_id, kind, payload_json, created_at, status)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    insert.run(
      'w-1',
      'm-1',
      'points.expiring',
      '{"points":500}',
      '2026-10-20T02:00:00.000Z',
      'pending',
    )
    insert.run('s-1', 'm-1', 'star.new', '{"star":3}', '2026-01-01T00:00:00.000Z', 'sent')
    db.close()
  }

  it('keeps the messages queued before, the pending ones due when queued', async () => {
    const file = join(dir, 'club.db')
    databaseBefore11(file)

    const store = openSqliteStore(file)
    const pending = await store.read.outbox.get('w-1')
    const sent = await store.read.outbox.get('s-1')
    const due = await store.read.outbox.due('2026-11-23T02:00:00.000Z', 10)
    await store.close()

    expect(pending).toEqual({
      id: 'w-1',
      memberId: 'm-1',
      kind: 'points.expiring',
      payload: { points: 500 },
      createdAt: '2026-10-20T02:00:00.000Z',
      status: 'pending',
      attempts: 0,
      nextAttemptAt: '2026-10-20T02:00:00.000Z',
      sentAt: null,
      lastError: null,
      claimedAt: null,
      version: 1,
    })
    expect(sent).toMatchObject({ status: 'sent', version: 1 })
    expect(due.map((m) => m.id)).toEqual(['w-1'])
  })
})
