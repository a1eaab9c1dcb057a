import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteStore } from '../../cloudfunctions/_shared/adapters/sqlite/sqlite-store'
import { createDeps } from '../../cloudfunctions/_shared/deps'
import type { Deps } from '../../cloudfunctions/_shared/ports'
import { seedDemoData } from '../../server/seed-demo'
import { TEST_DATA_KEY } from './test-deps'

/**
 * Sizes of the fault suite: modest inside `npm test`, `FAULT_SCALE` times larger in
 * `npm run test:fault`.
 */
export function faultSize(base: number): number {
  return Math.max(1, Math.round(base * faultScale()))
}

function faultScale(): number {
  const scale = Number(process.env.FAULT_SCALE ?? 1)
  if (!Number.isFinite(scale) || scale <= 0) throw new Error('FAULT_SCALE: a positive number')
  return scale
}

/** A scenario's time limit, growing with its sizes (a guard against a hang, not a timing). */
export const faultTimeout = () => Math.round(120_000 * Math.max(1, faultScale()))

/** The demo admin the host's seed creates; the jobs are run as this person over HTTP. */
export const DEMO_ADMIN = 'o_demo_admin'

/** A temp dir with the store file the child host will open; `cleanup` deletes it. */
export function faultStoreFile() {
  const dir = mkdtempSync(join(tmpdir(), 'club-fault-'))
  return {
    dir,
    file: join(dir, 'club.db'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/**
 * Prepares the scene in the file before the host starts: opens the store with the host's data key
 * and the real clock (the host has no other), loads the demo data (so the host does not, and the
 * demo staff exist), runs `work`, and closes the store.
 */
export async function prepareStore<T>(file: string, work: (deps: Deps) => Promise<T>): Promise<T> {
  const store = openSqliteStore(file)
  try {
    const deps = createDeps(store, { CLUB_DATA_KEY: TEST_DATA_KEY }, { logger: silent })
    await seedDemoData(deps)
    return await work(deps)
  } finally {
    await store.close()
  }
}

const silent = { error: () => undefined }

/** Reads the file with its own read-only connection (the host may be running or stopped). */
export function inspect<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true })
  try {
    return read(db)
  } finally {
    db.close()
  }
}

/** What every scenario ends with: the file is sound and still in WAL mode. */
export function fileHealth(file: string) {
  return inspect(file, (db) => ({
    integrity: db.pragma('integrity_check', { simple: true }),
    journalMode: db.pragma('journal_mode', { simple: true }),
  }))
}

/** Members whose ledger does not add up to their balance (SPEC §5), with both figures. */
export function ledgerMismatches(db: Database.Database) {
  return db
    .prepare(
      `SELECT m.member_id AS memberId, m.balance, m.ledger FROM (
         SELECT a.member_id, a.balance,
           (SELECT COALESCE(SUM(points), 0) FROM points_ledger l WHERE l.member_id = a.member_id)
             AS ledger
         FROM points_accounts a
         UNION ALL
         SELECT l.member_id, 0, SUM(l.points) FROM points_ledger l
         WHERE l.member_id NOT IN (SELECT member_id FROM points_accounts)
         GROUP BY l.member_id
       ) m WHERE m.balance <> m.ledger`,
    )
    .all() as { memberId: string; balance: number; ledger: number }[]
}

/** The state of a job's checkpoint document, or null before its first step. */
export function jobRun(db: Database.Database, id: string) {
  return (
    (db.prepare('SELECT status, processed, cursor FROM job_runs WHERE id = ?').get(id) as
      { status: string; processed: number; cursor: string } | undefined) ?? null
  )
}

/** Resolves once `check` holds on the file, read every few milliseconds (fails after `ms`). */
export async function untilFile(
  file: string,
  check: (db: Database.Database) => boolean,
  ms = faultTimeout(),
): Promise<void> {
  const db = new Database(file, { readonly: true })
  try {
    const until = Date.now() + ms
    while (!check(db)) {
      if (Date.now() > until) throw new Error('the file never reached the awaited state')
      await new Promise((resolve) => setTimeout(resolve, 3))
    }
  } finally {
    db.close()
  }
}

/** Resolves once `count()` reaches `n` (checked every few milliseconds; fails after `ms`). */
export async function untilCount(
  count: () => number,
  n: number,
  ms = faultTimeout(),
): Promise<void> {
  const until = Date.now() + ms
  while (count() < n) {
    if (Date.now() > until) throw new Error(`only ${count()} of ${n} reached`)
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}
