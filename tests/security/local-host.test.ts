import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildLocalHost } from '../../server/app'
import { DEMO_IDENTITIES } from '../../server/demo-identities'
import { SESSION_COOKIE } from '../../server/dev-session'
import { FUNCTIONS } from '../../server/functions'
import { seedDemoData } from '../../server/seed-demo'
import { newRequestId, sqliteTestDeps } from '../support/test-deps'

/**
 * Issue 16, the local host: a web page the developer happens to open must not be able to use the
 * host on this machine. The attacks: DNS rebinding (a page on evil.example whose name now points
 * at 127.0.0.1 reads and drives the host), login CSRF (a page signs the browser in as someone the
 * attacker chose), replaying a session cookie after sign-out or past its expiry, and framing or
 * injecting script into the pages the host serves.
 */
const SECRET = 'security-local-host-secret-security-local-host-secret'
/** Where the developer's browser reaches the host, and the page origin it sends from there. */
const HOST = '127.0.0.1:8080'
const ORIGIN = `http://${HOST}`
/** What Chromium sends with a form post or fetch from the host's own page. */
const OWN_PAGE = { host: HOST, origin: ORIGIN, 'sec-fetch-site': 'same-origin' }
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
const HOUR = 60 * 60 * 1000
/** The H5 build's page, shaped like Taro's: one inline script (root font sizing), one bundle. */
const SIZING = 'document.documentElement.style.fontSize="20px"'
const BUILT_PAGE = `<!doctype html><html><head><script>${SIZING}</script><script defer="defer" src="/js/app.js"></script></head><body><div id="app"></div></body></html>`

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`

/** A Content-Security-Policy header as directive → sources. */
function directivesOf(header: unknown): Record<string, string[]> {
  return Object.fromEntries(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources]),
  )
}

/** The `name=value` pairs of every cookie a response sets, as a browser sends them back. */
function cookiesOf(res: LightMyRequestResponse): string[] {
  return res.cookies.filter((c) => c.value !== '').map((c) => `${c.name}=${c.value}`)
}

describe('the local host under attack from a web page', () => {
  let t: ReturnType<typeof sqliteTestDeps>
  let dir: string
  let app: FastifyInstance

  function aLocalHost() {
    return buildLocalHost({
      functions: FUNCTIONS,
      deps: t.deps,
      sessionSecret: SECRET,
      identities: DEMO_IDENTITIES,
      h5Dir: join(dir, 'h5'),
      uploadsDir: join(dir, 'uploads'),
      revokedSessionsFile: join(dir, 'revoked-sessions.json'),
    })
  }

  beforeEach(async () => {
    t = sqliteTestDeps('2026-11-23T02:00:00.000Z')
    await seedDemoData(t.deps)
    dir = mkdtempSync(join(tmpdir(), 'club-security-host-'))
    const h5 = join(dir, 'h5')
    mkdirSync(h5)
    writeFileSync(join(h5, 'index.html'), BUILT_PAGE)
    app = aLocalHost()
    await app.ready()
  })
  afterEach(async () => {
    await app.close()
    await t.cleanup()
    rmSync(dir, { recursive: true, force: true })
  })

  /** The sign-in page as the developer's browser loads it: its cookies and the form's token. */
  async function signInPage(target = app) {
    const res = await target.inject({ method: 'GET', url: '/dev/login', headers: { host: HOST } })
    const token = /name="token" value="([^"]*)"/.exec(res.body)?.[1] ?? ''
    return { cookie: cookiesOf(res).join('; '), token }
  }

  /** Picks `openid` on the sign-in page, as the developer does; answers the session cookie. */
  async function signIn(openid: string, target = app): Promise<string> {
    const page = await signInPage(target)
    const res = await target.inject({
      method: 'POST',
      url: '/dev/login',
      headers: { ...FORM, ...OWN_PAGE, cookie: page.cookie },
      payload: `openid=${openid}&token=${page.token}`,
    })
    const session = res.cookies.find((c) => c.name === SESSION_COOKIE && c.value !== '')
    if (res.statusCode !== 302 || !session) throw new Error(`sign-in failed: ${res.statusCode}`)
    return `${SESSION_COOKIE}=${session.value}`
  }

  function me(cookie: string, target = app) {
    return target.inject({
      method: 'POST',
      url: '/fn/member',
      headers: { ...OWN_PAGE, 'content-type': 'application/json', cookie },
      payload: { action: 'me' },
    })
  }

  const subscribe = (requestId = newRequestId()) =>
    JSON.stringify({ action: 'subscribe', payload: { accepted: ['points'] }, requestId })

  describe('DNS rebinding: a page on another name that now resolves to this machine', () => {
    it.each([
      'evil.example',
      'evil.example:8080',
      'localhost.evil.example:8080',
      '127.0.0.1.nip.io:8080',
      '192.168.1.20:8080',
    ])('refuses Host: %s before any route runs', async (host) => {
      const cookie = await signIn('o_demo_member')

      const pages = await Promise.all(
        ['/', '/dev/login', '/dev/session', '/dev/inbox'].map((url) =>
          app.inject({ method: 'GET', url, headers: { host, cookie } }),
        ),
      )

      for (const page of pages) {
        expect(page.statusCode).toBe(421)
        expect(page.body).not.toContain('o_demo_member')
        expect(page.body).not.toContain('王建国')
      }
    })

    it('cannot drive a function as the signed-in developer, and nothing is stored', async () => {
      const cookie = await signIn('o_demo_member')
      const before = t.snapshot()

      const res = await app.inject({
        method: 'POST',
        url: '/fn/member',
        headers: {
          host: 'evil.example:8080',
          origin: 'http://evil.example:8080',
          'sec-fetch-site': 'same-origin',
          'content-type': 'application/json',
          cookie,
        },
        payload: subscribe(),
      })

      expect(res.statusCode).toBe(421)
      expect(t.snapshot()).toEqual(before)
    })

    it('cannot sign anybody in', async () => {
      const page = await signInPage()

      const res = await app.inject({
        method: 'POST',
        url: '/dev/login',
        headers: {
          ...FORM,
          host: 'evil.example:8080',
          origin: 'http://evil.example:8080',
          cookie: page.cookie,
        },
        payload: `openid=o_demo_admin&token=${page.token}`,
      })

      expect(res.statusCode).toBe(421)
      expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined()
    })

    it('still serves this machine by every loopback name it answers to', async () => {
      const hosts = ['127.0.0.1:8080', 'localhost:8080', '[::1]:8080', 'LOCALHOST:8080']

      const answers = await Promise.all(
        hosts.map((host) => app.inject({ method: 'GET', url: '/dev/login', headers: { host } })),
      )

      expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200])
    })
  })

  describe('login CSRF: a page elsewhere posts the sign-in form', () => {
    /** The attacker's best case: the victim's own page cookie and token, only the origin is off. */
    it.each([
      ['a page on another site (Origin)', { origin: 'https://evil.example' }],
      ['a page on another site (Sec-Fetch-Site)', { 'sec-fetch-site': 'cross-site' }],
      ['another local server on this machine', { origin: 'http://127.0.0.1:3000' }],
      ['a sandboxed frame (Origin: null)', { origin: 'null' }],
      ['another local server (Sec-Fetch-Site)', { origin: ORIGIN, 'sec-fetch-site': 'same-site' }],
    ])('signs nobody in from %s', async (_case, headers) => {
      const page = await signInPage()

      const res = await app.inject({
        method: 'POST',
        url: '/dev/login',
        headers: { ...FORM, host: HOST, cookie: page.cookie, ...headers },
        payload: `openid=o_demo_admin&token=${page.token}`,
      })

      expect(res.statusCode).toBe(403)
      expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined()
    })

    it.each([
      ['without the page’s token', () => 'openid=o_demo_admin', true],
      ['with a made-up token', () => `openid=o_demo_admin&token=${'a'.repeat(64)}`, true],
      [
        'with a real token but without the page’s cookie',
        (p: { token: string }) => `openid=o_demo_admin&token=${p.token}`,
        false,
      ],
      ['asking for a fresh identity without the token', () => 'fresh=1', true],
    ])('signs nobody in %s', async (_case, body, withCookie) => {
      const page = await signInPage()

      const res = await app.inject({
        method: 'POST',
        url: '/dev/login',
        headers: { ...FORM, ...OWN_PAGE, ...(withCookie ? { cookie: page.cookie } : {}) },
        payload: body(page),
      })

      expect(res.statusCode).toBe(403)
      expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined()
    })

    it('signs nobody in with the token of one browser and the cookie of another', async () => {
      const victim = await signInPage()
      const attacker = await signInPage()

      const res = await app.inject({
        method: 'POST',
        url: '/dev/login',
        headers: { ...FORM, ...OWN_PAGE, cookie: victim.cookie },
        payload: `openid=o_demo_admin&token=${attacker.token}`,
      })

      expect(victim.token).not.toBe(attacker.token)
      expect(res.statusCode).toBe(403)
      expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined()
    })

    it('signs the developer in from the host’s own page', async () => {
      const cookie = await signIn('o_demo_member')

      const res = await me(cookie)

      expect(res.json()).toMatchObject({ ok: true, data: { role: 'member' } })
    })
  })

  describe('a state-changing request from a page elsewhere', () => {
    it.each([
      ['Origin: https://evil.example', { origin: 'https://evil.example' }],
      ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
      ['another local server', { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-site' }],
    ])('never reaches a function (%s), and nothing is stored', async (_case, headers) => {
      const cookie = await signIn('o_demo_member')
      const before = t.snapshot()

      const res = await app.inject({
        method: 'POST',
        url: '/fn/member',
        headers: { host: HOST, 'content-type': 'application/json', cookie, ...headers },
        payload: subscribe(),
      })

      expect(res.statusCode).toBe(403)
      expect(res.json()).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
      expect(t.snapshot()).toEqual(before)
    })

    it.each([
      ['POST', '/dev/logout'],
      ['POST', '/dev/inbox/send'],
      ['POST', '/dev/upload'],
    ] as const)('refuses %s %s from another site', async (method, url) => {
      const cookie = await signIn('o_demo_member')

      const res = await app.inject({
        method,
        url,
        headers: {
          host: HOST,
          origin: 'https://evil.example',
          'content-type': 'image/png',
          cookie,
        },
        payload: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      })

      expect(res.statusCode).toBe(403)
      expect((await me(cookie)).json()).toMatchObject({ ok: true })
    })
  })

  describe('the session cookie', () => {
    it('is http-only, same-site strict, for the whole host, and lasts 12 hours', async () => {
      const page = await signInPage()

      const res = await app.inject({
        method: 'POST',
        url: '/dev/login',
        headers: { ...FORM, ...OWN_PAGE, cookie: page.cookie },
        payload: `openid=o_demo_member&token=${page.token}`,
      })

      expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toMatchObject({
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        maxAge: 12 * 60 * 60,
      })
    })

    it('is refused when replayed after sign-out', async () => {
      const cookie = await signIn('o_demo_member')
      const signedOut = await app.inject({
        method: 'POST',
        url: '/dev/logout',
        headers: { ...OWN_PAGE, cookie },
      })

      const replayed = await me(cookie)
      const session = await app.inject({
        method: 'GET',
        url: '/dev/session',
        headers: { host: HOST, cookie },
      })

      expect(signedOut.statusCode).toBe(302)
      expect(replayed.json()).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_SIGNED_IN' } })
      expect(session.json()).toEqual({ openid: '', label: '' })
    })

    it('stays refused after sign-out when the host restarts', async () => {
      const cookie = await signIn('o_demo_member')
      const kept = await signIn('o_demo_clerk')
      await app.inject({ method: 'POST', url: '/dev/logout', headers: { ...OWN_PAGE, cookie } })
      await app.close()
      app = aLocalHost()
      await app.ready()

      const replayed = await me(cookie)
      const other = await me(kept)

      expect(replayed.json()).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_SIGNED_IN' } })
      expect(other.json()).toMatchObject({ ok: true, data: { role: 'clerk' } })
    })

    it('signs out only the browser that signed out', async () => {
      const mine = await signIn('o_demo_member')
      const theirs = await signIn('o_demo_member')

      await app.inject({
        method: 'POST',
        url: '/dev/logout',
        headers: { ...OWN_PAGE, cookie: mine },
      })

      expect((await me(mine)).json()).toMatchObject({ ok: false })
      expect((await me(theirs)).json()).toMatchObject({ ok: true, data: { role: 'member' } })
    })

    it('is refused once past its expiry, 12 hours after sign-in', async () => {
      const cookie = await signIn('o_demo_member')

      t.clock.set(new Date(Date.parse('2026-11-23T02:00:00.000Z') + 12 * HOUR - 1000).toISOString())
      const late = await me(cookie)
      t.clock.set(new Date(Date.parse('2026-11-23T02:00:00.000Z') + 12 * HOUR).toISOString())
      const expired = await me(cookie)

      expect(late.json()).toMatchObject({ ok: true })
      expect(expired.json()).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_SIGNED_IN' } })
    })

    it('is refused when its expiry is pushed back by hand', async () => {
      const cookie = await signIn('o_demo_member')
      const later = String(Date.parse('2027-01-01T00:00:00.000Z'))
      const stretched = cookie.replace(/\.(\d{13})\./, `.${later}.`)

      t.clock.set('2026-11-23T15:00:00.000Z')
      const res = await me(stretched)

      expect(stretched).not.toBe(cookie)
      expect(res.json()).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_SIGNED_IN' } })
    })
  })

  describe('the pages the host serves', () => {
    it.each(['/', '/index.html', '/dev/login', '/dev/inbox'])(
      '%s carries a strict Content-Security-Policy and refuses framing and sniffing',
      async (url) => {
        const res = await app.inject({ method: 'GET', url, headers: { host: HOST } })

        const csp = directivesOf(res.headers['content-security-policy'])
        expect(res.statusCode).toBe(200)
        expect(res.headers['content-type']).toMatch(/^text\/html/)
        expect(csp['default-src']).toEqual(["'self'"])
        expect(csp['script-src']?.[0]).toBe("'self'")
        expect(csp['object-src']).toEqual(["'none'"])
        expect(csp['connect-src']).toEqual(["'self'", 'blob:'])
        expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:'])
        expect(csp['frame-ancestors']).toEqual(["'none'"])
        expect(csp['base-uri']).toEqual(["'self'"])
        expect(csp['form-action']).toEqual(["'self'"])
        expect(String(res.headers['content-security-policy'])).not.toMatch(/unsafe-eval|\*|http/)
        expect(res.headers['x-content-type-options']).toBe('nosniff')
        expect(res.headers['referrer-policy']).toBe('same-origin')
        expect(res.headers['x-frame-options']).toBe('DENY')
      },
    )

    it('lets the app page run its own files and the build’s inline script, nothing else', async () => {
      const res = await app.inject({ method: 'GET', url: '/', headers: { host: HOST } })

      expect(res.body).toBe(BUILT_PAGE)
      expect(directivesOf(res.headers['content-security-policy'])['script-src']).toEqual([
        "'self'",
        hashOf(SIZING),
      ])
    })

    it.each(['/dev/login', '/dev/inbox'])(
      'lets %s run no inline script and use only its own style block',
      async (url) => {
        const res = await app.inject({ method: 'GET', url, headers: { host: HOST } })

        const style = /<style>([\s\S]*?)<\/style>/.exec(res.body)?.[1] ?? ''
        const csp = directivesOf(res.headers['content-security-policy'])
        expect(csp['script-src']).toEqual(["'self'"])
        expect(csp['style-src']).toEqual(["'self'", hashOf(style)])
      },
    )

    it('serves an identity label with markup as text the policy would not run anyway', async () => {
      const hostile = buildLocalHost({
        functions: FUNCTIONS,
        deps: t.deps,
        sessionSecret: SECRET,
        identities: [{ openid: 'o_x', label: '<script>alert(1)</script>', description: '' }],
      })

      const res = await hostile.inject({
        method: 'GET',
        url: '/dev/login',
        headers: { host: HOST },
      })
      await hostile.close()

      expect(res.body).not.toContain('<script>')
      expect(directivesOf(res.headers['content-security-policy'])['script-src']).toEqual(["'self'"])
    })

    it('lets no other site embed what it answers', async () => {
      const res = await app.inject({ method: 'GET', url: '/dev/session', headers: { host: HOST } })

      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin')
      expect(res.headers['x-frame-options']).toBe('DENY')
      expect(directivesOf(res.headers['content-security-policy'])['default-src']).toEqual([
        "'none'",
      ])
    })
  })
})
