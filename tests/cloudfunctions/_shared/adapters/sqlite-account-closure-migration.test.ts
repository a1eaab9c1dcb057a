import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteStore } from '../../../../cloudfunctions/_shared/adapters/sqlite/sqlite-store'
import { databaseBefore } from '../../../support/sqlite-schema-before'

describe('migration 22 (closed points accounts)', () => {
  let dir: string
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'club-closure-'))))
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  /**
   * A database at the schema before migration 22: an active member with points, a withdrawn one
   * whose account was cleared, and a cancelled one who never had an account.
   */
  function databaseBefore22(file: string) {
    const db = databaseBefore(file, 22)
    const member = db.prepare(
      `INSERT INTO members (id, openid, status, real_name, mobile_enc, mobile_hash, shop_name,
         shop_address, licence_enc, licence_hash, birthday, consent_version, consent_at,
         submitted_at, created_at, updated_at, version)
       VALUES (@id, @id, @status, '王建国', 'enc', @id, '建国便利店', '南京', 'enc', @id,
         '1985-06-15', '2026-11', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z',
         '2026-01-01T00:00:00.000Z', @updated, 3)`,
    )
    member.run({ id: 'm-active', status: 'active', updated: '2026-02-01T00:00:00.000Z' })
    member.run({ id: 'm-withdrawn', status: 'withdrawn', updated: '2026-10-20T02:00:00.000Z' })
    member.run({ id: 'm-cancelled', status: 'cancelled', updated: '2026-11-01T02:00:00.000Z' })
    const account = db.prepare(
      `INSERT INTO points_accounts (member_id, balance, lots_json, version) VALUES (?, ?, ?, ?)`,
    )
    const lot = {
      id: 'lot-1',
      earnedAt: '2026-03-01T02:00:00.000Z',
      expiresAt: '2027-03-01T02:00:00.000Z',
      remaining: 300,
    }
    account.run('m-active', 300, JSON.stringify([lot]), 2)
    account.run('m-withdrawn', 0, '[]', 4)
    db.close()
  }

  it('marks the accounts of members closed before as closed, at their closure, and leaves the others open', async () => {
    const file = join(dir, 'club.db')
    databaseBefore22(file)

    const store = openSqliteStore(file)
    const accounts = await Promise.all(
      ['m-active', 'm-withdrawn', 'm-cancelled'].map((id) => store.read.points.account(id)),
    )
    await store.close()

    expect(accounts[0]).toEqual({
      memberId: 'm-active',
      balance: 300,
      lots: [expect.objectContaining({ id: 'lot-1', remaining: 300 })],
      version: 2,
    })
    expect(accounts[1]).toEqual({
      memberId: 'm-withdrawn',
      balance: 0,
      lots: [],
      version: 4,
      closedAt: '2026-10-20T02:00:00.000Z',
    })
    expect(accounts[2]).toEqual({
      memberId: 'm-cancelled',
      balance: 0,
      lots: [],
      version: 1,
      closedAt: '2026-11-01T02:00:00.000Z',
    })
  })
})
