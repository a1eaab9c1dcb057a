import type { FastifyInstance } from 'fastify'
import type { AddressInfo } from 'node:net'
import { buildLocalHost } from '../../server/app'
import { DEMO_IDENTITIES } from '../../server/demo-identities'
import { SESSION_COOKIE } from '../../server/dev-session'
import { FUNCTIONS } from '../../server/functions'
import { aRegistration } from '../support/builders'
import { newRequestId, sqliteTestDeps } from '../support/test-deps'

describe('the local host under concurrent registrations (real sockets)', () => {
  let t: ReturnType<typeof sqliteTestDeps>
  let app: FastifyInstance
  let base: string

  beforeAll(async () => {
    t = sqliteTestDeps()
    app = buildLocalHost({
      functions: FUNCTIONS,
      deps: t.deps,
      sessionSecret: 'concurrency-test-secret-concurrency-test-secret',
      identities: DEMO_IDENTITIES,
    })
    await app.listen({ host: '127.0.0.1', port: 0 })
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await app.close()
    await t.cleanup()
  })

  /** Signs a new WeChat user in through the dev page and returns the cookie to send back. */
  async function freshSession(): Promise<string> {
    const res = await fetch(`${base}/dev/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'fresh=1',
      redirect: 'manual',
    })
    const pair = res.headers
      .getSetCookie()
      .map((h) => h.split(';')[0] ?? '')
      .find((p) => p.startsWith(`${SESSION_COOKIE}=`))
    if (res.status !== 302 || !pair) throw new Error(`sign-in failed with ${res.status}`)
    return pair
  }

  async function register(cookie: string, form: unknown, requestId: string) {
    const res = await fetch(`${base}/fn/member`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ action: 'register', payload: form, requestId }),
    })
    return res.json()
  }

  it('registers exactly one of 50 people racing for the same mobile number', async () => {
    const mobile = aRegistration().mobile
    const sessions = await Promise.all(Array.from({ length: 50 }, freshSession))
    const pendingBefore = (await t.deps.store.read.members.listByStatus('pending', 0, 1)).total

    const results = await Promise.all(
      sessions.map((cookie) => register(cookie, aRegistration({ mobile }), newRequestId())),
    )

    const winners = results.filter((r) => r.ok)
    const losers = results.filter((r) => !r.ok)
    expect(new Set(sessions).size).toBe(50)
    expect(winners).toHaveLength(1)
    expect(winners[0]).toEqual({
      ok: true,
      data: { memberId: expect.any(String), status: 'pending' },
    })
    expect(losers).toHaveLength(49)
    for (const loser of losers) {
      expect(loser).toMatchObject({
        ok: false,
        error: { code: 'MEMBER.DUPLICATE', fields: { mobile: expect.any(String) } },
      })
    }
    const pendingAfter = (await t.deps.store.read.members.listByStatus('pending', 0, 1)).total
    expect(pendingAfter - pendingBefore).toBe(1)
  })

  it('stores one member when one person sends the same request 20 times at once', async () => {
    const cookie = await freshSession()
    const form = aRegistration()
    const requestId = newRequestId()
    const pendingBefore = (await t.deps.store.read.members.listByStatus('pending', 0, 1)).total

    const results = await Promise.all(
      Array.from({ length: 20 }, () => register(cookie, form, requestId)),
    )

    expect(results[0]).toEqual({
      ok: true,
      data: { memberId: expect.any(String), status: 'pending' },
    })
    for (const result of results) expect(result).toEqual(results[0])
    const pendingAfter = (await t.deps.store.read.members.listByStatus('pending', 0, 1)).total
    expect(pendingAfter - pendingBefore).toBe(1)
    const me = await fetch(`${base}/fn/member`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ action: 'me' }),
    }).then((res) => res.json())
    expect(me.data.member.id).toBe(results[0].data.memberId)
    expect(t.errors).toEqual([])
  })
})
