import type { FastifyInstance } from 'fastify'
import type { FunctionHandler } from '../../cloudfunctions/_shared/handler'
import { buildLocalHost } from '../../server/app'
import { DEMO_IDENTITIES } from '../../server/demo-identities'
import { FUNCTIONS } from '../../server/functions'
import { seedDemoData } from '../../server/seed-demo'
import { LOGIN_COOKIE, SESSION_COOKIE } from '../../server/dev-session'
import { postSignInForm } from '../support/local-host-client'
import { sqliteTestDeps } from '../support/test-deps'

const SECRET = 'local-host-test-secret-local-host-test-secret'
const REMOTE = '10.1.2.3'
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

describe('buildLocalHost', () => {
  let t: ReturnType<typeof sqliteTestDeps>
  let app: FastifyInstance

  beforeAll(async () => {
    t = sqliteTestDeps()
    await seedDemoData(t.deps)
    app = buildLocalHost({
      functions: FUNCTIONS,
      deps: t.deps,
      sessionSecret: SECRET,
      identities: DEMO_IDENTITIES,
    })
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
    await t.cleanup()
  })

  /** Signs in through the dev page and returns the `name=value` pair of the session cookie. */
  async function signIn(body: string): Promise<string> {
    const res = await postSignInForm(app, body)
    return sessionCookieOf(res.headers['set-cookie'])
  }

  function callFn(name: string, body: unknown, cookie?: string, remoteAddress?: string) {
    return app.inject({
      method: 'POST',
      url: `/fn/${name}`,
      payload: body as object,
      headers: cookie ? { cookie } : {},
      ...(remoteAddress ? { remoteAddress } : {}),
    })
  }

  describe('POST /fn/<name>', () => {
    it('treats a caller without a session as not signed in', async () => {
      const res = await callFn('member', { action: 'me' })

      expect(res.json()).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_SIGNED_IN' } })
    })

    it.each(['nope', 'constructor', '__proto__', 'toString'])(
      'answers an unknown function (%s) with 404 and SYS.UNKNOWN_FUNCTION',
      async (name) => {
        const res = await callFn(name, { action: 'me' })

        expect(res.statusCode).toBe(404)
        expect(res.json()).toMatchObject({ ok: false, error: { code: 'SYS.UNKNOWN_FUNCTION' } })
      },
    )

    it.each(['dropTables', 'constructor', '__proto__', 'hasOwnProperty'])(
      'answers an unknown action (%s) with SYS.UNKNOWN_ACTION',
      async (action) => {
        const cookie = await signIn('openid=o_demo_member')

        const res = await callFn('member', { action }, cookie)

        expect(res.json()).toMatchObject({ ok: false, error: { code: 'SYS.UNKNOWN_ACTION' } })
      },
    )

    it('answers a body that is not JSON with a 400 INPUT.INVALID envelope', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/fn/member',
        headers: { 'content-type': 'application/json' },
        payload: '{"action": "me",',
      })

      expect(res.statusCode).toBe(400)
      expect(res.json()).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    })

    it('answers a plain-text body with an INPUT.INVALID envelope', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/fn/member',
        headers: { 'content-type': 'text/plain' },
        payload: 'action=me',
      })

      expect(res.json()).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    })

    it('never lets a form post reach a function, even from a signed-in browser', async () => {
      const cookie = await signIn('openid=o_demo_member')

      const res = await app.inject({
        method: 'POST',
        url: '/fn/member',
        headers: { ...FORM, cookie },
        payload: 'action=requestWithdrawal&requestId=abcdefgh12&payload=',
      })

      expect(res.statusCode).toBe(415)
      expect(res.json()).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    })

    it('answers a body of an unsupported media type with 415 and an INPUT.INVALID envelope', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/fn/member',
        headers: { 'content-type': 'application/xml' },
        payload: '<action>me</action>',
      })

      expect(res.statusCode).toBe(415)
      expect(res.json()).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    })

    it('answers JSON that is not a call request with an INPUT.INVALID envelope', async () => {
      const res = await callFn('member', ['me'])

      expect(res.json()).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    })

    it('refuses a body over 100 KB with 413 and an INPUT.INVALID envelope', async () => {
      const body = { action: 'me', payload: { padding: 'x'.repeat(101 * 1024) } }

      const res = await callFn('member', body)

      expect(res.statusCode).toBe(413)
      expect(res.json()).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    })

    it('accepts a body just under 100 KB', async () => {
      const body = { action: 'me', padding: 'x'.repeat(99 * 1024) }

      const res = await callFn('member', body)

      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_SIGNED_IN' } })
    })
  })

  describe('dev sign-in', () => {
    it('sets a signed, http-only, same-site strict 12-hour session cookie and redirects to the app', async () => {
      const res = await postSignInForm(app, 'openid=o_demo_member')

      expect(res.statusCode).toBe(302)
      expect(res.headers.location).toBe('/')
      const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)
      expect(cookie).toMatchObject({
        httpOnly: true,
        path: '/',
        sameSite: 'Strict',
        maxAge: 12 * 60 * 60,
      })
      expect(cookie?.value).toMatch(/^o_demo_member\..+/)
    })

    it('lets the signed-in caller see their own member account', async () => {
      const cookie = await signIn('openid=o_demo_member')

      const res = await callFn('member', { action: 'me' }, cookie)

      expect(res.json()).toMatchObject({
        ok: true,
        data: {
          role: 'member',
          member: { realName: '王建国', status: 'active', cardNo: expect.any(String) },
        },
      })
    })

    it('ignores a cookie whose openid was changed but whose signature was kept', async () => {
      const cookie = await signIn('openid=o_demo_member')
      const forged = cookie.replace('o_demo_member', 'o_demo_admin')

      const res = await callFn('member', { action: 'me' }, forged)

      expect(forged).not.toBe(cookie)
      expect(res.json()).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_SIGNED_IN' } })
    })

    it('ignores an unsigned cookie that names an openid', async () => {
      const res = await callFn('member', { action: 'me' }, `${SESSION_COOKIE}=o_demo_admin`)

      expect(res.json()).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_SIGNED_IN' } })
    })

    it('never accepts a valid dev session from a client that is not on this machine', async () => {
      const cookie = await signIn('openid=o_demo_member')

      const res = await callFn('member', { action: 'me' }, cookie, REMOTE)

      expect(res.json()).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_SIGNED_IN' } })
    })

    it('hides the sign-in page from a client that is not on this machine', async () => {
      const res = await app.inject({ method: 'GET', url: '/dev/login', remoteAddress: REMOTE })

      expect(res.statusCode).toBe(403)
    })

    it('refuses to sign in a client that is not on this machine', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/dev/login',
        headers: FORM,
        payload: 'openid=o_demo_admin',
        remoteAddress: REMOTE,
      })

      expect(res.statusCode).toBe(403)
      expect(res.headers['set-cookie']).toBeUndefined()
    })

    it('does not take a forwarded-for header as proof of being on this machine', async () => {
      const cookie = await signIn('openid=o_demo_member')

      const page = await app.inject({
        method: 'GET',
        url: '/dev/login',
        headers: { 'x-forwarded-for': '127.0.0.1' },
        remoteAddress: REMOTE,
      })
      const me = await callFn('member', { action: 'me' }, cookie, REMOTE)

      expect(page.statusCode).toBe(403)
      expect(me.json()).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_SIGNED_IN' } })
    })

    it('reports no session to a client that is not on this machine', async () => {
      const cookie = await signIn('openid=o_demo_member')

      const res = await app.inject({
        method: 'GET',
        url: '/dev/session',
        headers: { cookie },
        remoteAddress: REMOTE,
      })

      expect(res.json()).toEqual({ openid: '', label: '' })
    })

    it('accepts the IPv6 loopback address as this machine', async () => {
      const cookie = await signIn('openid=o_demo_member')

      const res = await callFn('member', { action: 'me' }, cookie, '::1')

      expect(res.json()).toMatchObject({ ok: true, data: { role: 'member' } })
    })

    it('gives a new, unregistered o_dev_ identity on every fresh sign-in', async () => {
      const first = await signIn('fresh=1')
      const second = await signIn('fresh=1')

      const a = await app.inject({ method: 'GET', url: '/dev/session', headers: { cookie: first } })
      const b = await app.inject({
        method: 'GET',
        url: '/dev/session',
        headers: { cookie: second },
      })
      const me = await callFn('member', { action: 'me' }, first)

      expect(a.json()).toEqual({
        openid: expect.stringMatching(/^o_dev_[0-9a-f]{12}$/),
        label: '新微信用户',
      })
      expect(b.json()).toEqual({
        openid: expect.stringMatching(/^o_dev_[0-9a-f]{12}$/),
        label: '新微信用户',
      })
      expect(a.json().openid).not.toBe(b.json().openid)
      expect(me.json()).toMatchObject({ ok: true, data: { role: 'guest', member: null } })
    })

    it.each([
      ['an empty openid', 'openid='],
      ['no openid at all', ''],
      ['an openid without the o_ prefix', 'openid=demo_member'],
      ['an openid with markup', 'openid=o_%3Cscript%3E'],
      ['an openid with spaces', 'openid=o_demo+member'],
      ['an openid over 62 characters', `openid=o_${'a'.repeat(61)}`],
    ])('refuses %s with 400 and sets no cookie', async (_case, body) => {
      const res = await postSignInForm(app, body)

      expect(res.statusCode).toBe(400)
      expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined()
    })

    it('ends the session on sign-out', async () => {
      const res = await app.inject({ method: 'POST', url: '/dev/logout' })

      expect(res.statusCode).toBe(302)
      expect(res.headers.location).toBe('/dev/login')
      const cleared = res.cookies.find((c) => c.name === SESSION_COOKIE)
      expect(cleared?.value).toBe('')
    })
  })

  describe('GET /dev/session', () => {
    it('reports the label of a demo identity', async () => {
      const cookie = await signIn('openid=o_demo_reviewer')

      const res = await app.inject({ method: 'GET', url: '/dev/session', headers: { cookie } })

      expect(res.json()).toEqual({ openid: 'o_demo_reviewer', label: '审核员 周敏' })
    })

    it('reports an empty identity without a session', async () => {
      const res = await app.inject({ method: 'GET', url: '/dev/session' })

      expect(res.json()).toEqual({ openid: '', label: '' })
    })
  })

  describe('GET /dev/login', () => {
    it('lists every demo identity and a fresh-user option', async () => {
      const res = await app.inject({ method: 'GET', url: '/dev/login' })

      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toMatch(/^text\/html/)
      for (const identity of DEMO_IDENTITIES) {
        expect(res.body).toContain(`value="${identity.openid}"`)
        expect(res.body).toContain(identity.label)
        expect(res.body).toContain(identity.description)
      }
      expect(res.body).toContain('name="fresh" value="1"')
    })

    it('offers sign-out to a signed-in caller only', async () => {
      const cookie = await signIn('openid=o_demo_clerk')

      const signedIn = await app.inject({ method: 'GET', url: '/dev/login', headers: { cookie } })
      const signedOut = await app.inject({ method: 'GET', url: '/dev/login' })

      expect(signedIn.body).toContain('action="/dev/logout"')
      expect(signedOut.body).not.toContain('action="/dev/logout"')
    })

    it('puts the page’s anti-forgery token in every sign-in form', async () => {
      const res = await app.inject({ method: 'GET', url: '/dev/login' })

      const forms = res.body.match(/<form method="post" action="\/dev\/login"/g) ?? []
      const tokens = res.body.match(/name="token" value="[A-Za-z0-9_-]{43}"/g) ?? []
      expect(forms).toHaveLength(DEMO_IDENTITIES.length + 1)
      expect(tokens).toHaveLength(forms.length)
      expect(res.cookies.find((c) => c.name === LOGIN_COOKIE)).toMatchObject({
        httpOnly: true,
        sameSite: 'Strict',
        path: '/dev/login',
      })
    })

    it('marks the identity the caller is signed in as', async () => {
      const cookie = await signIn('openid=o_demo_clerk')

      const res = await app.inject({ method: 'GET', url: '/dev/login', headers: { cookie } })

      expect(res.body).toMatch(
        /class="who current">\s*<input type="hidden" name="openid" value="o_demo_clerk">/,
      )
      expect(res.body.match(/who current/g)).toHaveLength(1)
    })
  })
})

describe('buildLocalHost with hostile identity labels', () => {
  let t: ReturnType<typeof sqliteTestDeps>
  let app: FastifyInstance

  beforeAll(() => {
    t = sqliteTestDeps()
    app = buildLocalHost({
      functions: FUNCTIONS,
      deps: t.deps,
      sessionSecret: SECRET,
      identities: [
        {
          openid: 'o_x"><script>alert(1)</script>',
          label: '<img src=x onerror=alert(1)>',
          description: `Tom & "Jerry's" <b>`,
        },
      ],
    })
  })
  afterAll(async () => {
    await app.close()
    await t.cleanup()
  })

  it('escapes HTML in every field of the sign-in page', async () => {
    const res = await app.inject({ method: 'GET', url: '/dev/login' })

    expect(res.body).not.toContain('<script>alert(1)</script>')
    expect(res.body).not.toContain('<img src=x')
    expect(res.body).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(res.body).toContain('Tom &amp; &quot;Jerry&#39;s&quot; &lt;b&gt;')
    expect(res.body).toContain('value="o_x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"')
  })
})

describe('buildLocalHost when a function entry itself throws', () => {
  let t: ReturnType<typeof sqliteTestDeps>
  let app: FastifyInstance

  beforeAll(() => {
    t = sqliteTestDeps()
    const broken: FunctionHandler = {
      name: 'broken',
      actions: ['me'],
      handle: async () => {
        throw new Error('secret internals: /var/lib/club.db')
      },
    }
    app = buildLocalHost({
      functions: [broken],
      deps: t.deps,
      sessionSecret: SECRET,
      identities: DEMO_IDENTITIES,
    })
  })
  afterAll(async () => {
    await app.close()
    await t.cleanup()
  })

  it('answers 500 with a SYS.INTERNAL envelope that tells nothing, and logs the error once', async () => {
    const res = await app.inject({ method: 'POST', url: '/fn/broken', payload: { action: 'me' } })

    expect(res.statusCode).toBe(500)
    expect(res.json()).toEqual({
      ok: false,
      error: { code: 'SYS.INTERNAL', message: expect.any(String) },
    })
    expect(res.body).not.toContain('secret internals')
    expect(t.errors).toHaveLength(1)
    expect(JSON.stringify(t.errors)).toContain('secret internals')
  })
})

/** The `name=value` pair of the session cookie from a set-cookie header, as a browser sends it back. */
function sessionCookieOf(header: string | string[] | undefined): string {
  const all = Array.isArray(header) ? header : header ? [header] : []
  const pair = all.map((h) => h.split(';')[0] ?? '').find((p) => p.startsWith(`${SESSION_COOKIE}=`))
  if (!pair) throw new Error(`no ${SESSION_COOKIE} cookie in ${JSON.stringify(header)}`)
  return pair
}
