import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { exposureWarning, readConfig } from '../../server/config'

describe('readConfig', () => {
  let dir: string
  let dataDir: string
  let dbFile: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'club-config-'))
    dataDir = join(dir, 'data')
    dbFile = join(dataDir, 'club.db')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('listens on the loopback address, port 8080, by default', () => {
    const config = readConfig({ CLUB_DB: dbFile })

    expect(config.host).toBe('127.0.0.1')
    expect(config.port).toBe(8080)
    expect(config.h5Dir).toBe(resolve('dist-h5'))
    expect(config.allowedHosts).toEqual([])
  })

  it('keeps the signed-out sessions beside the database', () => {
    const config = readConfig({ CLUB_DB: dbFile })

    expect(config.revokedSessionsFile).toBe(join(dataDir, 'revoked-sessions.json'))
  })

  it('keeps the demo clock beside the database, so a restart keeps the moved time', () => {
    const config = readConfig({ CLUB_DB: dbFile })

    expect(config.demoClockFile).toBe(join(dataDir, 'demo-clock.json'))
  })

  it('takes the extra host names from CLUB_ALLOWED_HOSTS, comma-separated, lower-cased', () => {
    const config = readConfig({
      CLUB_DB: dbFile,
      CLUB_ALLOWED_HOSTS: ' Club.Test , proxy.test:443,[fd00::1]:8080,',
    })

    expect(config.allowedHosts).toEqual(['club.test', 'proxy.test:443', '[fd00::1]:8080'])
  })

  it.each(['evil.example/path', 'http://club.test', '*.test', 'a b'])(
    'refuses to start with %s in CLUB_ALLOWED_HOSTS',
    (name) => {
      expect(() => readConfig({ CLUB_DB: dbFile, CLUB_ALLOWED_HOSTS: name })).toThrow(
        /CLUB_ALLOWED_HOSTS/,
      )
    },
  )

  it('keeps the database where CLUB_DB says, as an absolute path', () => {
    const config = readConfig({ CLUB_DB: dbFile })

    expect(config.dbFile).toBe(dbFile)
  })

  it('generates a data key and a session secret beside the database on first run', () => {
    const config = readConfig({ CLUB_DB: dbFile })

    expect(readFileSync(join(dataDir, 'data.key'), 'utf8').trim()).toBe(config.dataKey)
    expect(readFileSync(join(dataDir, 'session.secret'), 'utf8').trim()).toBe(config.sessionSecret)
    expect(Buffer.from(config.dataKey, 'base64')).toHaveLength(32)
    expect(config.sessionSecret).toMatch(/^[0-9a-f]{64}$/)
  })

  it('keeps the generated secrets readable by the owner only', () => {
    readConfig({ CLUB_DB: dbFile })

    expect(statSync(join(dataDir, 'data.key')).mode & 0o777).toBe(0o600)
    expect(statSync(join(dataDir, 'session.secret')).mode & 0o777).toBe(0o600)
  })

  it('reuses the generated secrets on the next run', () => {
    const first = readConfig({ CLUB_DB: dbFile })

    const second = readConfig({ CLUB_DB: dbFile })

    expect(second.dataKey).toBe(first.dataKey)
    expect(second.sessionSecret).toBe(first.sessionSecret)
  })

  it('generates different secrets for different data directories', () => {
    const a = readConfig({ CLUB_DB: join(dir, 'a', 'club.db') })

    const b = readConfig({ CLUB_DB: join(dir, 'b', 'club.db') })

    expect(b.dataKey).not.toBe(a.dataKey)
    expect(b.sessionSecret).not.toBe(a.sessionSecret)
  })

  it('honours HOST, PORT, CLUB_DATA_KEY and SESSION_SECRET and then writes no secret files', () => {
    const config = readConfig({
      HOST: '0.0.0.0',
      PORT: '9090',
      CLUB_DB: dbFile,
      CLUB_DATA_KEY: 'the-data-key',
      SESSION_SECRET: 'the-session-secret',
    })

    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9090,
      dbFile,
      dataKey: 'the-data-key',
      sessionSecret: 'the-session-secret',
    })
    expect(existsSync(join(dataDir, 'data.key'))).toBe(false)
    expect(existsSync(join(dataDir, 'session.secret'))).toBe(false)
  })
})

describe('exposureWarning', () => {
  it.each(['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]'])(
    'says nothing when the host listens on %s, this machine only',
    (host) => {
      expect(exposureWarning({ host, port: 8080 })).toBeNull()
    },
  )

  it.each(['0.0.0.0', '::', '192.168.1.20'])(
    'warns loudly, naming HOST and the port, when the host listens on %s',
    (host) => {
      const warning = exposureWarning({ host, port: 9090 })

      expect(warning).toContain(`HOST=${host}`)
      expect(warning).toContain('9090')
      expect(warning).toContain('WARNING')
    },
  )
})
