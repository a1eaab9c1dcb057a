import { startTestHost } from '../support/local-host-client'
import { aRegistration } from '../support/builders'
import { newRequestId, sqliteTestDeps } from '../support/test-deps'

describe('the local host under concurrent registrations (real sockets)', () => {
  let t: ReturnType<typeof sqliteTestDeps>
  let host: Awaited<ReturnType<typeof startTestHost>>

  beforeAll(async () => {
    t = sqliteTestDeps()
    host = await startTestHost(t.deps)
  })
  afterAll(async () => {
    await host.close()
    await t.cleanup()
  })

  const freshSession = () => host.signIn(`o_dev_${Math.random().toString(36).slice(2, 12)}`)
  const register = (cookie: string, form: unknown, requestId: string) =>
    host.call(cookie, 'member', 'register', form, requestId)

  it('lets exactly one of 50 people racing for the same mobile number hold it; all hear the same answer', async () => {
    const mobile = aRegistration().mobile
    const sessions = await Promise.all(Array.from({ length: 50 }, freshSession))
    const pendingBefore = (await t.deps.store.read.members.listByStatus('pending', 0, 1)).total

    const results = await Promise.all(
      sessions.map((cookie) => register(cookie, aRegistration({ mobile }), newRequestId())),
    )

    expect(new Set(sessions).size).toBe(50)
    for (const result of results) {
      expect(result).toEqual({
        ok: true,
        data: { memberId: expect.any(String), status: 'pending' },
      })
    }
    const pending = await t.deps.store.read.members.listByStatus('pending', 0, 1000)
    expect(pending.total - pendingBefore).toBe(50)
    const holders = pending.items.filter(
      (m) => m.mobile.hash === t.deps.cipher.seal('mobile', mobile).hash,
    )
    expect(holders).toHaveLength(1)
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
    const me = (await host.call(cookie, 'member', 'me', {})) as {
      data?: { member?: { id: string } }
    }
    const first = results[0] as { data?: { memberId: string } }
    expect(me.data?.member?.id).toBe(first.data?.memberId)
    expect(t.errors).toEqual([])
  })
})
