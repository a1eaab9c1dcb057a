import Database from 'better-sqlite3'
import { MIGRATIONS } from '../../cloudfunctions/_shared/adapters/sqlite/migrations'

/**
 * A SQLite file at the schema just before migration `version`, opened with foreign keys on as the
 * store opens it, for a migration test to fill with the rows of that time. Close it when done.
 */
export function databaseBefore(file: string, version: number): Database.Database {
  const db = new Database(file)
  db.pragma('foreign_keys = ON')
  for (const step of [...MIGRATIONS]
    .filter((s) => s.version < version)
    .sort((a, b) => a.version - b.version)) {
    db.exec(step.sql)
    db.pragma(`user_version = ${step.version}`)
  }
  return db
}
