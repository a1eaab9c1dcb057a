import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

export type LocalHostConfig = {
  host: string
  port: number
  dbFile: string
  dataKey: string
  sessionSecret: string
  h5Dir: string
}

/** A secret kept beside the database, generated on first run (local host only). */
function localSecret(dir: string, name: string, make: () => string): string {
  const file = join(dir, name)
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dir, { recursive: true })
  const value = make()
  writeFileSync(file, value + '\n', { mode: 0o600 })
  return value
}

/** The local host's settings from the environment: HOST, PORT, CLUB_DB, CLUB_DATA_KEY, SESSION_SECRET. */
export function readConfig(env: Record<string, string | undefined> = process.env): LocalHostConfig {
  const dbFile = resolve(env.CLUB_DB ?? 'data/club.db')
  const dataDir = dirname(dbFile)
  return {
    host: env.HOST || '127.0.0.1',
    port: Number(env.PORT || 8080),
    dbFile,
    dataKey:
      env.CLUB_DATA_KEY ??
      localSecret(dataDir, 'data.key', () => randomBytes(32).toString('base64')),
    sessionSecret:
      env.SESSION_SECRET ??
      localSecret(dataDir, 'session.secret', () => randomBytes(32).toString('hex')),
    h5Dir: resolve(env.H5_DIR ?? 'dist-h5'),
  }
}
