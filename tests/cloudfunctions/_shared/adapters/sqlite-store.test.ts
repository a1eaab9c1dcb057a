import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MIGRATIONS } from '../../../../cloudfunctions/_shared/adapters/sqlite/migrations'
import { openSqliteStore } from '../../../../cloudfunctions/_shared/adapters/sqlite/sqlite-store'
import type { StaffRecord } from '../../../../cloudfunctions/_shared/ports'
import { describeStoreContract } from './store.contract'
import { describeSanctionRepositoryContract } from './sanction-repository.contract'
import { describeReportingContract } from './reporting.contract'
import { describePrivacyRepositoryContract } from './privacy-repository.contract'

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'club-store-'))
  return { file: join(dir, 'club.db'), remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A store on a fresh temp file, deleted on cleanup: what every shared contract suite runs on. */
async function aTempStore() {
  const { file, remove } = tempDir()
  const store = openSqliteStore(file)
  return {
    store,
    async cleanup() {
      await store.close()
      remove()
    },
  }
}

describeStoreContract('sqlite', aTempStore)

describeSanctionRepositoryContract('sqlite', aTempStore)

describeReportingContract('sqlite', aTempStore)

describePrivacyRepositoryContract('sqlite', aTempStore)

describe('openSqliteStore', () => {
  const lastMigration = Math.max(...MIGRATIONS.map((step) => step.version))
  const reviewer: StaffRecord = {
    id: 'staff-1',
    openid: 'o_reviewer',
    name: '李审核',
    role: 'reviewer',
    createdAt: '2026-11-20T02:00:00.000Z',
  }
  let temp: ReturnType<typeof tempDir>

  beforeEach(() => (temp = tempDir()))
  afterEach(() => {
    jest.restoreAllMocks()
    temp.remove()
  })

  /** Reads a pragma through a connection of its own, as another process would. */
  function pragmaOf(file: string, name: string): unknown {
    const db = new Database(file, { readonly: true })
    try {
      return db.pragma(name, { simple: true })
    } finally {
      db.close()
    }
  }

  it('keeps the file in WAL mode', async () => {
    const store = openSqliteStore(temp.file)
    await store.close()

    const mode = pragmaOf(temp.file, 'journal_mode')

    expect(mode).toBe('wal')
  })

  it('brings a new file to the last migration, recorded in PRAGMA user_version', async () => {
    const store = openSqliteStore(temp.file)
    await store.close()

    const version = pragmaOf(temp.file, 'user_version')

    expect(version).toBe(lastMigration)
  })

  it('reopens an existing file without re-running migrations and keeps its data', async () => {
    const first = openSqliteStore(temp.file)
    await first.transaction((tx) => tx.staff.insert(reviewer))
    await first.close()
    const exec = jest.spyOn(Database.prototype, 'exec')

    const reopened = openSqliteStore(temp.file)
    const found = await reopened.read.staff.byOpenid(reviewer.openid)
    await reopened.close()

    expect(found).toEqual(reviewer)
    expect(exec.mock.calls.filter(([sql]) => /CREATE TABLE/i.test(sql))).toEqual([])
    expect(pragmaOf(temp.file, 'user_version')).toBe(lastMigration)
  })

  it('serves read from a read-only connection that cannot write', async () => {
    const store = openSqliteStore(temp.file)

    const write = store.read.staff.insert(reviewer)

    await expect(write).rejects.toMatchObject({ code: 'SQLITE_READONLY' })
    expect(await store.read.staff.byOpenid(reviewer.openid)).toBeNull()
    await store.close()
  })
})
