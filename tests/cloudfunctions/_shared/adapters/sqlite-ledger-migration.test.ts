import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteStore } from '../../../../cloudfunctions/_shared/adapters/sqlite/sqlite-store'
import { databaseBefore } from '../../../support/sqlite-schema-before'

describe('migration 17 (purchase entries keep the sale; 0-point sales)', () => {
  let dir: string
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'club-ledger-'))))
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  /** A database at the schema before migration 17: a member, an earn, a redeem and its voucher. */
  function databaseBefore17(file: string) {
    const db = databaseBefore(file, 17)
    db.exec(`
      INSERT INTO members (id, openid, status, real_name, mobile_enc, mobile_hash, shop_name,
        shop_address, licence_enc, licence_hash, birthday, consent_version, consent_at,
        submitted_at, created_at, updated_at, version)
      VALUES ('m-1', 'o-1', 'active', '王建国', 'x', 'h1', '店', '路', 'y', 'h2', '1980-01-01',
        'v1', '2026-01-01', '2026-01-01', '2026-01-01', '2026-01-01', 1);
      INSERT INTO reward_items (id, name, points_price, stock, active, version)
      VALUES ('i-1', '¥20 券', 1500, 10, 1, 1);
      INSERT INTO points_ledger (id, member_id, type, label, points, reference, actor_id,
        request_id, at, takes_json, lot_id, note)
      VALUES ('e-1', 'm-1', 'earn', 'purchase', 2000, 'R-1', 's-1', 'r-1',
          '2026-11-01T02:00:00.000Z', '[]', 'e-1', NULL),
        ('e-2', 'm-1', 'redeem', 'reward', -1500, 'V-1', 'm-1', 'r-2',
          '2026-11-02T02:00:00.000Z', '[]', NULL, NULL);
      INSERT INTO vouchers (code, member_id, item_id, item_name, points, pickup_date, status,
        entry_id, issued_at, version)
      VALUES ('V-1', 'm-1', 'i-1', '¥20 券', 1500, '2026-11-02', 'issued', 'e-2',
        '2026-11-02T02:00:00.000Z', 1);
    `)
    db.close()
  }

  it('keeps every entry and the voucher that points at one; the ledger stays append-only', async () => {
    const file = join(dir, 'club.db')
    databaseBefore17(file)

    const store = openSqliteStore(file)
    const earned = await store.read.points.entry('e-1')
    const history = await store.read.points.history('m-1', 0, 10)
    await store.close()
    const db = new Database(file)
    /** What the database answers `sql` with: the error message, or `done`. */
    const attempt = (sql: string) => {
      try {
        db.prepare(sql).run()
        return 'done'
      } catch (error) {
        return (error as Error).message
      }
    }
    const edit = attempt("UPDATE points_ledger SET points = 1 WHERE id = 'e-1'")
    const remove = attempt("DELETE FROM points_ledger WHERE id = 'e-1'")
    const zeroRefund = attempt(
      `INSERT INTO points_ledger (id, member_id, type, label, points, reference, actor_id,
         at, takes_json) VALUES ('e-3', 'm-1', 'adjust', 'correction', 0, 'x', 's', 'now', '[]')`,
    )
    const foreignKeys = db.pragma('foreign_key_check')
    const version = db.pragma('user_version', { simple: true })
    db.close()

    expect(earned).toMatchObject({ id: 'e-1', points: 2000, reference: 'R-1', lotId: 'e-1' })
    expect(earned).not.toHaveProperty('purchase')
    expect(history.items.map((e) => e.id)).toEqual(['e-2', 'e-1'])
    expect(edit).toMatch(/append-only/)
    expect(remove).toMatch(/append-only/)
    expect(zeroRefund).toMatch(/CHECK constraint failed/)
    expect(foreignKeys).toEqual([])
    expect(version).toBeGreaterThanOrEqual(17)
  })
})
