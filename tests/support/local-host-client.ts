import type { FastifyInstance } from 'fastify'
import type { AddressInfo } from 'node:net'
import type { Deps } from '../../cloudfunctions/_shared/ports'
import { buildLocalHost } from '../../server/app'
import { DEMO_IDENTITIES } from '../../server/demo-identities'
import { SESSION_COOKIE } from '../../server/dev-session'
import { FUNCTIONS } from '../../server/functions'

/** The real local host on a free loopback port, and a small client that speaks to it over HTTP. */
export async function startTestHost(deps: Deps) {
  const app = buildLocalHost({
    functions: FUNCTIONS,
    deps,
    sessionSecret: 'test-host-secret-test-host-secret-test-host',
    identities: DEMO_IDENTITIES,
  })
  await app.listen({ host: '127.0.0.1', port: 0, backlog: 4096 })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`

  return { ...httpClient(base), close: () => app.close() }
}

/**
 * A small client of a local host at `base` over real HTTP: signs people in through the dev page
 * and calls functions as the H5 app does. A broken connection (a killed host) rejects.
 */
export function httpClient(base: string) {
  /** The sign-in page as one browser loaded it: its cookie and its forms' token, reused. */
  let page: Promise<{ cookie: string; token: string }> | null = null
  const signInPage = () =>
    (page ??= fetch(`${base}/dev/login`)
      .then(async (res) => ({
        cookie: cookiePairs(res.headers.getSetCookie()).join('; '),
        token: formToken(await res.text()),
      }))
      .catch((error: unknown) => {
        page = null
        throw error
      }))

  /**
   * Signs `openid` in through the dev page as a browser does: posts the page's form, with the
   * page's cookie and token, from the page's origin; returns the session cookie to send back.
   */
  async function signIn(openid: string): Promise<string> {
    const { cookie, token } = await signInPage()
    const res = await fetch(`${base}/dev/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, cookie },
      body: `openid=${encodeURIComponent(openid)}&token=${token}`,
      redirect: 'manual',
    })
    const pair = cookiePairs(res.headers.getSetCookie()).find((p) =>
      p.startsWith(`${SESSION_COOKIE}=`),
    )
    if (res.status !== 302 || !pair) throw new Error(`sign-in failed with ${res.status}`)
    return pair
  }

  /** POST /fn/<fn> as the signed-in cookie, the way the H5 app calls a function. */
  async function call(
    cookie: string,
    fn: string,
    action: string,
    payload: unknown,
    requestId?: string,
  ) {
    const res = await fetch(`${base}/fn/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ action, payload, ...(requestId ? { requestId } : {}) }),
    })
    return (await res.json()) as { ok: boolean; data?: unknown; error?: { code: string } }
  }

  return { base, signIn, call }
}

/** The `name=value` pairs of set-cookie headers, as a browser sends them back (cleared ones left out). */
function cookiePairs(setCookies: readonly string[]): string[] {
  return setCookies.map((h) => h.split(';')[0] ?? '').filter((p) => !p.endsWith('='))
}

/** The anti-forgery token of the dev sign-in page's forms. */
export function formToken(page: string): string {
  const token = /name="token" value="([^"]*)"/.exec(page)?.[1]
  if (!token) throw new Error('the sign-in page has no form token')
  return token
}

/**
 * Posts the dev sign-in form under `inject` as the developer's browser does: loads the page, then
 * sends `fields` with the page's cookie and token. Answers the post's response.
 */
export async function postSignInForm(
  app: FastifyInstance,
  fields: string,
  headers: Record<string, string> = {},
) {
  const page = await app.inject({ method: 'GET', url: '/dev/login' })
  const cookie = cookiePairs(page.cookies.map((c) => `${c.name}=${c.value}`)).join('; ')
  return app.inject({
    method: 'POST',
    url: '/dev/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
    payload: `${fields}&token=${formToken(page.body)}`,
  })
}
