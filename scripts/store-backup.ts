/**
 * Backup and restore of the local host's store (one SQLite file in WAL mode). A backup is taken
 * with `VACUUM INTO` on a read-only connection: one read transaction, so the copy is a consistent
 * snapshot of the committed data even while the host keeps writing, and the host is never blocked.
 * A restore checks the backup first, refuses while a host holds the store, keeps the current file
 * (with its -wal and -shm) aside, and puts the backup in place with one rename.
 */
import Database from 'better-sqlite3'
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { MIGRATIONS } from '../cloudfunctions/_shared/adapters/sqlite/migrations'

/** The schema this code knows; a backup from a newer one cannot be opened by it. */
const LATEST_SCHEMA = Math.max(...MIGRATIONS.map((m) => m.version))

/** The store the local host opens: CLUB_DB, else data/club.db (as server/config.ts reads it). */
export const storeFileOf = (env: Record<string, string | undefined> = process.env) =>
  resolve(env.CLUB_DB ?? 'data/club.db')

/** 2026-11-23T22:55:01.123Z → 20261123-225501 (UTC), safe in a file name and sorting by time. */
const stamp = (now: Date) => now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)

export type StoreCheck = { integrity: string; schema: number }

/**
 * Whether `file` is a sound club store this code can open: `integrity_check` ok and a schema
 * version from 1 up to the newest migration. Throws with the reason otherwise.
 */
export function checkStoreFile(file: string): StoreCheck {
  if (!existsSync(file)) throw new Error(`${file}: no such file`)
  let db: Database.Database | null = null
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    const integrity = String(db.pragma('integrity_check', { simple: true }))
    const schema = Number(db.pragma('user_version', { simple: true }))
    const members = db
      .prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'members'`)
      .get() as { n: number }
    if (integrity !== 'ok') throw new Error(`integrity check failed: ${integrity}`)
    if (schema < 1 || members.n !== 1) throw new Error('not a club store (no schema)')
    if (schema > LATEST_SCHEMA) {
      throw new Error(`schema ${schema} is newer than this code's ${LATEST_SCHEMA}`)
    }
    return { integrity, schema }
  } catch (error) {
    throw new Error(`${file} is not a usable store: ${(error as Error).message}`)
  } finally {
    db?.close()
  }
}

/**
 * Copies the store at `source` to `dest` (default `<store dir>/backups/club-<UTC stamp>.db`) while
 * the host may be running, then checks the copy; a copy that fails its check is deleted.
 */
export function backupStore(
  source: string,
  dest?: string,
  now = new Date(),
): { file: string } & StoreCheck {
  const file = resolve(dest ?? join(dirname(source), 'backups', `club-${stamp(now)}.db`))
  if (existsSync(file)) throw new Error(`${file} exists already; choose another name`)
  mkdirSync(dirname(file), { recursive: true })
  const db = new Database(source, { readonly: true, fileMustExist: true })
  try {
    db.pragma('busy_timeout = 5000')
    db.prepare('VACUUM INTO ?').run(file)
  } finally {
    db.close()
  }
  try {
    return { file, ...checkStoreFile(file) }
  } catch (error) {
    rmSync(file, { force: true })
    throw error
  }
}

/**
 * Whether a process holds `file` open: leaving WAL mode needs the only connection to it, so while
 * a host has the store open this fails at once with SQLITE_BUSY. When it succeeds the WAL has been
 * folded into the file, which then stands alone (the host turns WAL on again when it opens it).
 */
function assertNotInUse(file: string): void {
  let db: Database.Database
  try {
    db = new Database(file, { fileMustExist: true })
  } catch {
    return // unreadable: nothing can hold it as a store; it is moved aside as it is
  }
  try {
    db.pragma('busy_timeout = 0')
    db.pragma('journal_mode = DELETE')
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new Error(`${file} is in use (is the local host running?); stop it, then restore`)
    }
  } finally {
    db.close()
  }
}

/**
 * Puts the backup `from` in place of the store `target`: the backup is checked, the host must be
 * stopped, the current file and its -wal/-shm move aside as `<name>.before-restore-<stamp>`, and a
 * copy of the backup replaces it by rename. Returns where the old store went (null if none).
 */
export function restoreStore(
  from: string,
  target: string,
  now = new Date(),
): { restored: string; aside: string | null } & StoreCheck {
  const check = checkStoreFile(resolve(from))
  let aside: string | null = null
  if (existsSync(target)) {
    assertNotInUse(target)
    aside = `${target}.before-restore-${stamp(now)}`
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(target + suffix)) renameSync(target + suffix, aside + suffix)
    }
  }
  mkdirSync(dirname(target), { recursive: true })
  const incoming = `${target}.restoring`
  copyFileSync(resolve(from), incoming)
  renameSync(incoming, target)
  return { restored: target, aside, ...check }
}
