import { request } from 'node:http'
import { hostAllowList, isAllowedHost } from '../../server/host-guard'
import { startTestHost } from '../support/local-host-client'
import { sqliteTestDeps } from '../support/test-deps'

describe('isAllowedHost', () => {
  const loopback = hostAllowList()

  it.each(['127.0.0.1:8080', 'localhost:8080', '[::1]:8080', 'LocalHost:8080'])(
    'answers %s on the port the host listens on',
    (host) => {
      expect(isAllowedHost(host, loopback, 8080)).toBe(true)
    },
  )

  it.each([
    ['another port of this machine', '127.0.0.1:3000'],
    ['a name that only ends like localhost', 'evil-localhost:8080'],
    ['a name that starts like a loopback address', '127.0.0.1.nip.io:8080'],
    ['a trailing-dot name', 'localhost.:8080'],
    ['a name with a user part', 'user@localhost:8080'],
    ['an empty header', ''],
    ['no header at all', undefined],
  ])('refuses %s (%s)', (_case, host) => {
    expect(isAllowedHost(host, loopback, 8080)).toBe(false)
  })

  it('takes a name without a port as port 80', () => {
    expect(isAllowedHost('localhost', loopback, 80)).toBe(true)
    expect(isAllowedHost('localhost', loopback, 8080)).toBe(false)
  })

  it('answers a configured name on the listening port, and a configured name:port exactly', () => {
    const list = hostAllowList(['club.test', 'proxy.test:443'])

    expect(isAllowedHost('club.test:8080', list, 8080)).toBe(true)
    expect(isAllowedHost('club.test:9090', list, 8080)).toBe(false)
    expect(isAllowedHost('proxy.test:443', list, 8080)).toBe(true)
    expect(isAllowedHost('proxy.test:8080', list, 8080)).toBe(false)
  })
})

describe('the host guard over real HTTP', () => {
  let t: ReturnType<typeof sqliteTestDeps>
  beforeEach(() => (t = sqliteTestDeps()))
  afterEach(() => t.cleanup())

  /** GET `path` from the host at `base` with this exact Host header; answers the status. */
  function statusWithHost(base: string, path: string, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(`${base}${path}`, { headers: { host } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      req.end()
    })
  }

  it('answers its own address and refuses the same name on another port', async () => {
    const host = await startTestHost(t.deps)
    try {
      const port = new URL(host.base).port

      const own = await statusWithHost(host.base, '/dev/session', `127.0.0.1:${port}`)
      const byName = await statusWithHost(host.base, '/dev/session', `localhost:${port}`)
      const otherPort = await statusWithHost(host.base, '/dev/session', '127.0.0.1:1')

      expect([own, byName, otherPort]).toEqual([200, 200, 421])
    } finally {
      await host.close()
    }
  })
})
