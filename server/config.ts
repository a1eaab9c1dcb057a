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
  /** Extra names (`name` or `name:port`) the Host header may carry besides the loopback ones. */
  allowedHosts: string[]
  /** Where signed-out sessions are remembered, so a replayed cookie stays dead after a restart. */
  revokedSessionsFile: string
  /** Where the demo clock's offset is kept, so a restart keeps the moved time (server/demo-clock.ts). */
  demoClockFile: string
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

/** A host name, or `name:port`: letters, digits, dots and dashes, or a bracketed IPv6 address. */
const HOST_NAME =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/

/** CLUB_ALLOWED_HOSTS: comma-separated names; one that is not a plain host name stops the start. */
function allowedHostsOf(value: string | undefined): string[] {
  const names = (value ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
  const bad = names.filter((name) => !HOST_NAME.test(name))
  if (bad.length) throw new Error(`CLUB_ALLOWED_HOSTS: not a host name: ${bad.join(', ')}`)
  return names
}

/**
 * The local host's settings from the environment: HOST, PORT, CLUB_DB, CLUB_DATA_KEY,
 * SESSION_SECRET, CLUB_ALLOWED_HOSTS.
 */
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
    allowedHosts: allowedHostsOf(env.CLUB_ALLOWED_HOSTS),
    revokedSessionsFile: join(dataDir, 'revoked-sessions.json'),
    demoClockFile: join(dataDir, 'demo-clock.json'),
  }
}

/** Whether a listen address only takes connections from this machine. */
export function isLoopbackAddress(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '')
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h)
}

/**
 * What the host says, loudly, when HOST makes it listen beyond this machine; null on loopback.
 * The dev sign-in and sessions still work for loopback clients only, whatever HOST says.
 */
export function exposureWarning(config: Pick<LocalHostConfig, 'host' | 'port'>): string | null {
  if (isLoopbackAddress(config.host)) return null
  return [
    '!'.repeat(72),
    `!! WARNING: HOST=${config.host} — the local host listens beyond this machine on port ${config.port}.`,
    '!! Anyone who can reach this address can load the app and probe the host.',
    '!! Dev sign-in and sessions stay loopback-only; names other than localhost/127.0.0.1/[::1]',
    '!! are refused unless listed in CLUB_ALLOWED_HOSTS. Unset HOST to listen on 127.0.0.1 only.',
    '!'.repeat(72),
  ].join('\n')
}
