import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteStore } from '../../cloudfunctions/_shared/adapters/sqlite/sqlite-store'
import { createDeps } from '../../cloudfunctions/_shared/deps'
import type { Deps, StaffRecord, Store } from '../../cloudfunctions/_shared/ports'
import type { StaffRole } from '@/domain/member/roles'
import { aDoubleBackedStore } from './cloudbase/double-store'

/** A fixed 32-byte key so tests never depend on the environment. */
export const TEST_DATA_KEY = Buffer.alloc(32, 7).toString('base64')

export type TestClock = { now(): Date; set(iso: string): void }

export function fixedClock(iso: string): TestClock {
  let current = new Date(iso)
  return { now: () => new Date(current), set: (next) => (current = new Date(next)) }
}

/**
 * Moves a fixed clock on by a second: for a test whose later step must come after an earlier one
 * (a history lists the newest first; entries of one same instant are in no particular order).
 */
export const aMomentLater = (clock: TestClock) =>
  clock.set(new Date(clock.now().getTime() + 1000).toISOString())

/** The store the function and use-case tests run on: SQLite, or CloudBase in the `cloudbase` project. */
export type TestStore = 'sqlite' | 'cloudbase'

/** `CLUB_TEST_STORE=cloudbase` (set by tests/support/on-cloudbase-store.ts) switches `testDeps()`. */
export const testStore = (): TestStore =>
  process.env.CLUB_TEST_STORE === 'cloudbase' ? 'cloudbase' : 'sqlite'

/** `it`, skipped on the CloudBase store: for the few tests that are about SQLite itself. */
export function itOnSqlite(name: string, fn: jest.ProvidesCallback, timeout?: number) {
  return testStore() === 'cloudbase' ? it.skip(name, fn, timeout) : it(name, fn, timeout)
}

/** A whole store dumped: table or collection name → rows or documents in a stable order. */
export type StoreSnapshot = Record<string, unknown[]>

export type TestDeps = {
  deps: Deps
  clock: TestClock
  /** What the use cases logged as errors. */
  errors: unknown[]
  store: TestStore
  /** The SQLite file; reading it on the CloudBase store throws. */
  readonly file: string
  /**
   * Everything stored: two snapshots are equal exactly when nothing was written in between. The
   * rate counts are left out: a refused call counts against its caller by design (docs/security.md),
   * and tests/security/rate-limits.test.ts pins them.
   */
  snapshot(): StoreSnapshot
  cleanup(): Promise<void>
}

function depsOver(store: Store, clock: TestClock, errors: unknown[]): Deps {
  return createDeps(
    store,
    { CLUB_DATA_KEY: TEST_DATA_KEY },
    {
      clock,
      logger: { error: (message, details) => errors.push({ message, ...details }) },
    },
  )
}

/**
 * Deps over the store this test project runs on (`testStore()`): a real SQLite file in a fresh temp
 * dir, or the production CloudBase adapter over the real node-sdk over the database double.
 * Same clock, settings and logger capture on both; `cleanup` closes and deletes the store.
 */
export function testDeps(nowIso = '2026-11-23T02:00:00.000Z'): TestDeps {
  return testStore() === 'cloudbase' ? cloudbaseTestDeps(nowIso) : sqliteTestDeps(nowIso)
}

/** Deps over a real SQLite file in a fresh temp dir, whatever the project; for SQLite's own tests. */
export function sqliteTestDeps(nowIso = '2026-11-23T02:00:00.000Z') {
  const dir = mkdtempSync(join(tmpdir(), 'club-test-'))
  const file = join(dir, 'club.db')
  const store = openSqliteStore(file)
  const clock = fixedClock(nowIso)
  const errors: unknown[] = []
  return {
    deps: depsOver(store, clock, errors),
    clock,
    errors,
    store: 'sqlite' as const,
    file,
    snapshot: () => sqliteSnapshot(file),
    async cleanup() {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Deps over the CloudBase adapter, the real node-sdk and the database double (every collection). */
export function cloudbaseTestDeps(nowIso = '2026-11-23T02:00:00.000Z'): TestDeps {
  const { store, double, cleanup } = aDoubleBackedStore()
  const clock = fixedClock(nowIso)
  const errors: unknown[] = []
  return {
    deps: depsOver(store, clock, errors),
    clock,
    errors,
    store: 'cloudbase',
    get file(): string {
      throw new Error('the CloudBase store has no SQLite file: use snapshot(), or itOnSqlite')
    },
    snapshot: () =>
      Object.fromEntries(
        double
          .collectionNames()
          .filter((name) => name !== RATE_COUNTS)
          .sort()
          .map((name) => [name, double.documents(name).sort(byId)]),
      ),
    async cleanup() {
      await store.close()
      await cleanup()
    },
  }
}

const byId = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  String(a._id) < String(b._id) ? -1 : String(a._id) > String(b._id) ? 1 : 0

/** The table and collection of rate counts, left out of snapshots. */
const RATE_COUNTS = 'rate_counts'

/** Every row of every table of the SQLite file, read through a separate read-only connection. */
function sqliteSnapshot(file: string): StoreSnapshot {
  const db = new Database(file, { readonly: true })
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as { name: string }[]
    const snapshot: StoreSnapshot = {}
    for (const { name } of tables) {
      if (name === RATE_COUNTS) continue
      snapshot[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()
    }
    return snapshot
  } finally {
    db.close()
  }
}

let staffCount = 0

/** Adds a staff account (clerk / reviewer / admin) and returns it. */
export async function addStaff(
  deps: Deps,
  role: StaffRole,
  openid = `o_staff_${role}_${++staffCount}`,
) {
  const staff: StaffRecord = {
    id: `staff-${role}-${staffCount}-${openid}`,
    openid,
    name: `${role} ${staffCount}`,
    role,
    // A clerk works at an outlet, printed on their receipts.
    site: role === 'clerk' ? '鼓楼中山北路门店' : null,
    status: 'active',
    createdAt: deps.clock.now().toISOString(),
    version: 1,
  }
  await deps.store.transaction((tx) => tx.staff.insert(staff))
  return staff
}

let requestCount = 0
/** A fresh client request id. */
export const newRequestId = () => `req-${Date.now().toString(36)}-${++requestCount}`
