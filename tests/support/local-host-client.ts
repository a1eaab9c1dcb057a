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
  /** Signs `openid` in through the dev page; returns the cookie to send back. */
  async function signIn(openid: string): Promise<string> {
    const res = await fetch(`${base}/dev/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `openid=${encodeURIComponent(openid)}`,
      redirect: 'manual',
    })
    const pair = res.headers
      .getSetCookie()
      .map((h) => h.split(';')[0] ?? '')
      .find((p) => p.startsWith(`${SESSION_COOKIE}=`))
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
