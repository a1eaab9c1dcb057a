import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { MIGRATIONS } from '../../../../cloudfunctions/_shared/adapters/sqlite/migrations'
import { openSqliteStore } from '../../../../cloudfunctions/_shared/adapters/sqlite/sqlite-store'
import type { RequestRecord, StaffRecord } from '../../../../cloudfunctions/_shared/ports'
import { describeStoreContract } from './store.contract'
import { describeSanctionRepositoryContract } from './sanction-repository.contract'
import { describeReportingContract } from './reporting.contract'
import { describeScenesContract } from './scenes.contract'
import { describePrivacyRepositoryContract } from './privacy-repository.contract'

const ROOT = resolve(__dirname, '../../../..')

/** Clerk number `n`: a small row to write. */
const aStaff = (n: number): StaffRecord => ({
  id: `staff-${n}`,
  openid: `o_staff_${n}`,
  name: `员工${n}`,
  role: 'clerk',
  site: null,
  status: 'active',
  createdAt: '2026-11-20T02:00:00.000Z',
  version: 1,
})

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

describeScenesContract('sqlite', aTempStore)

describePrivacyRepositoryContract('sqlite', aTempStore)

describe('openSqliteStore', () => {
  const lastMigration = Math.max(...MIGRATIONS.map((step) => step.version))
  const reviewer: StaffRecord = {
    id: 'staff-1',
    openid: 'o_reviewer',
    name: '李审核',
    role: 'reviewer',
    site: null,
    status: 'active',
    createdAt: '2026-11-20T02:00:00.000Z',
    version: 1,
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

  it('keeps in each outbox index only the notifications of its status, and each status query uses its own', async () => {
    await openSqliteStore(temp.file).close()
    const db = new Database(temp.file, { readonly: true })
    const planOf = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((row) => row.detail)
        .join(' | ')
    const definitionOf = (name: string) =>
      (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(name) as { sql: string }).sql

    const plans = {
      due: planOf(`SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= '2026'
                   ORDER BY next_attempt_at, id LIMIT 50`),
      stuck: planOf(`SELECT * FROM outbox WHERE status = 'sending' AND claimed_at <= '2026'
                     ORDER BY claimed_at, id LIMIT 50`),
      sent: planOf(
        `SELECT * FROM outbox WHERE status = 'sent' ORDER BY sent_at DESC, id DESC LIMIT 50`,
      ),
    }
    const definitions = ['outbox_due', 'outbox_claimed', 'outbox_sent'].map(definitionOf)
    db.close()

    // A new notification (pending) writes a page of one status index, not of all three.
    expect(definitions).toEqual([
      expect.stringContaining("WHERE status = 'pending'"),
      expect.stringContaining("WHERE status = 'sending'"),
      expect.stringContaining("WHERE status = 'sent'"),
    ])
    expect(plans).toEqual({
      due: expect.stringContaining('USING INDEX outbox_due'),
      stuck: expect.stringContaining('USING INDEX outbox_claimed'),
      sent: expect.stringContaining('USING INDEX outbox_sent'),
    })
    expect(Object.values(plans).join(' ')).not.toMatch(/TEMP B-TREE/)
  })

  it('serves read from a read-only connection that cannot write', async () => {
    const store = openSqliteStore(temp.file)

    const write = store.read.staff.insert(reviewer)

    await expect(write).rejects.toMatchObject({ code: 'SQLITE_READONLY' })
    expect(await store.read.staff.byOpenid(reviewer.openid)).toBeNull()
    await store.close()
  })
})

describe('SqliteStore.transaction: transactions waiting together commit together (group commit)', () => {
  let temp: ReturnType<typeof tempDir>
  beforeEach(() => (temp = tempDir()))
  afterEach(() => temp.remove())

  it('answers each transaction only once its group is committed: a reader sees none of it before', async () => {
    const store = openSqliteStore(temp.file)
    const seenByReader: (unknown | null)[] = []

    await Promise.all(
      [1, 2, 3].map((n) =>
        store.transaction(async (tx) => {
          seenByReader.push(await store.read.staff.byId('staff-1'))
          await tx.staff.insert(aStaff(n))
        }),
      ),
    )

    expect(seenByReader).toEqual([null, null, null])
    expect(await store.read.staff.byId('staff-3')).toMatchObject({ id: 'staff-3' })
    await store.close()
  })

  it('runs them in order, each seeing the writes of those before it, as one by one', async () => {
    const store = openSqliteStore(temp.file)

    const [, second] = await Promise.all([
      store.transaction((tx) => tx.staff.insert(aStaff(1))),
      store.transaction(async (tx) => (await tx.staff.byId('staff-1'))?.name ?? null),
    ])

    expect(second).toBe('员工1')
    await store.close()
  })

  it('undoes only the one that throws: the others of its group commit, and it fails with its own error', async () => {
    const store = openSqliteStore(temp.file)

    const outcomes = await Promise.allSettled([
      store.transaction((tx) => tx.staff.insert(aStaff(1))),
      store.transaction(async (tx) => {
        await tx.staff.insert(aStaff(2))
        throw new Error('the second changes its mind')
      }),
      store.transaction((tx) => tx.staff.insert(aStaff(3))),
    ])

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(
      new Error('the second changes its mind'),
    )
    expect(await store.read.staff.byId('staff-1')).not.toBeNull()
    expect(await store.read.staff.byId('staff-2')).toBeNull()
    expect(await store.read.staff.byId('staff-3')).not.toBeNull()
    await store.close()
  })

  it('applies every one of a burst of 200 started at once', async () => {
    const store = openSqliteStore(temp.file)

    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        store.transaction((tx) => tx.staff.insert(aStaff(i + 1))),
      ),
    )

    const rows = new Database(temp.file, { readonly: true })
      .prepare('SELECT COUNT(*) AS n FROM staff')
      .get() as { n: number }
    expect(rows.n).toBe(200)
    await store.close()
  })
})

describe('SqliteStore checkpoints', () => {
  let temp: ReturnType<typeof tempDir>
  beforeEach(() => (temp = tempDir()))
  afterEach(() => temp.remove())

  /**
   * The rows the database file holds by itself, without its write-ahead log (a copy of the file
   * alone); 0 while even the schema is only in the log, or while a copy caught a checkpoint
   * half-way (it is asked again).
   */
  function staffInFileAlone(): number {
    const copy = join(mkdtempSync(join(tmpdir(), 'club-file-alone-')), 'copy.db')
    copyFileSync(temp.file, copy)
    const db = new Database(copy, { readonly: true })
    try {
      if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'staff'").get()) return 0
      return (db.prepare('SELECT COUNT(*) AS n FROM staff').get() as { n: number }).n
    } catch {
      return 0
    } finally {
      db.close()
      rmSync(dirname(copy), { recursive: true, force: true })
    }
  }

  it('copies the log into the file on a thread of its own while the commits stay far below the writer’s own checkpoint', async () => {
    const store = openSqliteStore(temp.file)
    let written = 0
    let inFile = 0

    // Rounds of 32 commits, with a pause for the thread to start. About 4 pages each after the
    // migrations' ~190: 160 commits stay under the 1,000 pages past which SQLite would have the
    // writer checkpoint in a commit (and this test fail with the thread gone).
    for (let round = 0; round < 5 && inFile === 0; round++) {
      for (let i = 0; i < 32; i++) {
        written++
        await store.transaction((tx) => tx.staff.insert(aStaff(written)))
      }
      for (let wait = 0; wait < 20 && inFile === 0; wait++) {
        await new Promise((resolve) => setTimeout(resolve, 25))
        inFile = staffInFileAlone()
      }
    }

    expect(inFile).toBeGreaterThan(0)
    expect(inFile).toBeLessThanOrEqual(written)
    await store.close()
  })

  it('closes the thread’s connection with the store: the last one closed leaves no log behind', async () => {
    const store = openSqliteStore(temp.file)
    for (let n = 1; n <= 100; n++) await store.transaction((tx) => tx.staff.insert(aStaff(n)))

    await store.close()

    expect(existsSync(`${temp.file}-wal`)).toBe(false)
    expect(staffInFileAlone()).toBe(100)
  })

  it('finishes closing in a process with nothing else to wait for, as a script that ends does', () => {
    const script = `
      const { openSqliteStore } = require('./cloudfunctions/_shared/adapters/sqlite/sqlite-store')
      const staff = (n) => ({ id: 'staff-' + n, openid: 'o_staff_' + n, name: 'clerk ' + n,
        role: 'clerk', site: null, status: 'active', createdAt: '2026-11-20T02:00:00.000Z', version: 1 })
      const store = openSqliteStore(process.env.STORE_FILE)
      ;(async () => {
        for (let n = 1; n <= 100; n++) await store.transaction((tx) => tx.staff.insert(staff(n)))
        await new Promise((resolve) => setTimeout(resolve, 200))
        await store.close()
        console.log('closed')
      })()`

    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: ROOT,
      env: { ...process.env, STORE_FILE: temp.file },
      encoding: 'utf8',
    })

    expect(run.stderr).toBe('')
    expect(run.stdout.trim()).toBe('closed')
    expect(existsSync(`${temp.file}-wal`)).toBe(false)
  })
})

describe('SqliteStore.afterErasure', () => {
  const NAME = '欧阳澜珊'
  const logged: RequestRecord = {
    requestId: 'req-erased-1',
    openid: 'o_erased_member',
    fn: 'member',
    action: 'register',
    result: { ok: true, data: { realName: NAME } },
    at: '2026-11-20T02:00:00.000Z',
  }
  let temp: ReturnType<typeof tempDir>
  let store: ReturnType<typeof openSqliteStore>

  /** The request written, then its name erased in a later transaction (as eraseMember does). */
  beforeEach(async () => {
    temp = tempDir()
    store = openSqliteStore(temp.file)
    await store.transaction((tx) => tx.requests.put(logged))
    await store.transaction((tx) =>
      tx.erasure.rewriteRequest(logged.requestId, 'erased:m-1', { ok: true, data: {} }),
    )
  })
  afterEach(async () => {
    await store.close()
    temp.remove()
  })

  const holdsName = () =>
    [temp.file, `${temp.file}-wal`].some((f) => readFileSync(f).includes(Buffer.from(NAME)))

  it('leaves the erased bytes in no file while the store stays open, the log empty', async () => {
    expect(holdsName()).toBe(true)

    const scrubbed = await store.afterErasure()

    expect(scrubbed).toBe(true)
    expect(statSync(`${temp.file}-wal`).size).toBe(0)
    expect(holdsName()).toBe(false)
    expect(await store.read.requests.get(logged.requestId)).toMatchObject({ openid: 'erased:m-1' })
  })

  it('scrubs the same with the checkpoint thread running (a store past its first commits)', async () => {
    for (let n = 1; n <= 200; n++) await store.transaction((tx) => tx.staff.insert(aStaff(n)))
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(holdsName()).toBe(true)

    const scrubbed = await store.afterErasure()

    expect(scrubbed).toBe(true)
    expect(statSync(`${temp.file}-wal`).size).toBe(0)
    expect(holdsName()).toBe(false)
    expect(await store.read.staff.byId('staff-200')).toMatchObject({ name: '员工200' })
  })

  /**
   * Index churn as the members table sees it (registered, approved, mobile changed), on a table of
   * its own, through a connection set up as the store's writer (secure_delete on): 500 rows whose
   * keys make SQLite rebuild index pages, which keeps stale bytes of moved cells in the unused gap
   * of a page. This key sequence (found by trying sequences) leaves old mobile keys there after
   * their cells were deleted and zeroed. Returns the old keys.
   */
  function churnIndexKeys(): string[] {
    const key = (value: string) => createHmac('sha256', 'k').update(value).digest('base64url')
    const db = new Database(temp.file)
    try {
      db.pragma('secure_delete = ON')
      db.exec(`CREATE TABLE churn (id TEXT PRIMARY KEY, openid TEXT NOT NULL UNIQUE,
        mobile_hash TEXT NOT NULL UNIQUE, licence_hash TEXT NOT NULL UNIQUE, card_no TEXT UNIQUE,
        status TEXT, version INT); CREATE INDEX churn_by_status ON churn(status, id)`)
      const insert = db.prepare('INSERT INTO churn VALUES (?, ?, ?, ?, NULL, ?, 1)')
      const update = db.prepare(`UPDATE churn SET openid = ?, mobile_hash = ?, licence_hash = ?,
        card_no = ?, status = ?, version = version + 1 WHERE id = ?`)
      const rows = Array.from({ length: 500 }, (_, i) => ({
        id: `m15-${String(i).padStart(6, '0')}`,
        openid: `o_member_${i}`,
        mobile: key(`15mobile:139${i}`),
        licence: key(`15lic${i}`),
        cardNo: String(100000000000 + i * 7919),
      }))
      db.transaction(() => {
        for (const r of rows) {
          insert.run(r.id, r.openid, r.mobile, r.licence, 'pending')
          update.run(r.openid, r.mobile, r.licence, r.cardNo, 'active', r.id)
        }
        for (const [i, r] of rows.entries()) {
          update.run(r.openid, key(`15mobile:177${i}`), r.licence, r.cardNo, 'active', r.id)
        }
      })()
      db.pragma('wal_checkpoint(TRUNCATE)')
      return rows.map((r) => r.mobile)
    } finally {
      db.close()
    }
  }

  it('clears stale index keys a page rebuild left in unused space, which secure_delete does not', async () => {
    const oldKeys = churnIndexKeys()
    const staleIn = () => {
      const bytes = readFileSync(temp.file)
      return oldKeys.filter((k) => bytes.includes(Buffer.from(k)))
    }
    expect(staleIn().length).toBeGreaterThan(0)

    const scrubbed = await store.afterErasure()

    expect(scrubbed).toBe(true)
    expect(staleIn()).toEqual([])
  })

  it('gives up after a short wait while another connection reads the old state, and scrubs after the next commit', async () => {
    const backup = new Database(temp.file, { readonly: true })
    backup.exec('BEGIN')
    backup.prepare('SELECT COUNT(*) FROM requests').get()

    const scrubbed = await store.afterErasure()
    const whileHeld = holdsName()
    backup.exec('COMMIT')
    backup.close()
    const later = { ...logged, requestId: 'req-later', openid: 'o_someone_else', result: {} }
    await store.transaction((tx) => tx.requests.put(later))

    expect(scrubbed).toBe(false)
    expect(whileHeld).toBe(true)
    expect(statSync(`${temp.file}-wal`).size).toBe(0)
    expect(holdsName()).toBe(false)
  })
})
