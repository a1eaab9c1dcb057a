import type Database from 'better-sqlite3'
import type { WriteOutcome } from '../../ports'

export type Prepare = (sql: string) => Database.Statement

/**
 * Inserts a versioned row (version 1) or updates it only from the version before: the
 * conditional write that keeps concurrent changes from overwriting each other.
 */
export function versioned(
  prepare: Prepare,
  insertSql: string,
  updateSql: string,
  row: Record<string, unknown> & { version: number },
): WriteOutcome {
  if (row.version === 1) {
    try {
      prepare(insertSql).run(row)
      return { ok: true }
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        return { ok: false, conflict: 'version' }
      }
      throw error
    }
  }
  return prepare(updateSql).run(row).changes === 1
    ? { ok: true }
    : { ok: false, conflict: 'version' }
}
