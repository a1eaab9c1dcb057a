import { aMemberAtTheCounter, aRewardItem, purchaseOf } from '../support/points-flow'
import { startTestHost } from '../support/local-host-client'
import { newRequestId, sqliteTestDeps } from '../support/test-deps'

/** SPEC §5 under load, through the local host with real parallel HTTP requests. */
describe('points through the local host under concurrent requests', () => {
  let t: ReturnType<typeof sqliteTestDeps>
  let host: Awaited<ReturnType<typeof startTestHost>>
  beforeEach(async () => {
    t = sqliteTestDeps()
    host = await startTestHost(t.deps)
  })
  afterEach(async () => {
    await host.close()
    await t.cleanup()
  })

  it('lets exactly 10 of 200 simultaneous redeems succeed when the balance covers 10', async () => {
    const { member, clerk } = await aMemberAtTheCounter(t.deps)
    await purchaseOf(t.deps, clerk.openid, member.cardNo!, 1000)
    const item = await aRewardItem(t.deps, { pointsPrice: 100, stock: 50 })
    const cookie = await host.signIn(member.openid)

    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        host.call(cookie, 'points', 'redeem', { itemId: item.id }, newRequestId()),
      ),
    )

    expect(results.filter((r) => r.ok)).toHaveLength(10)
    expect(new Set(results.filter((r) => !r.ok).map((r) => r.error?.code))).toEqual(
      new Set(['POINTS.INSUFFICIENT_BALANCE']),
    )
    const account = await t.deps.store.read.points.account(member.id)
    expect(account?.balance).toBe(0)
    expect(await t.deps.store.read.points.ledgerSum(member.id)).toBe(0)
    expect((await t.deps.store.read.catalogue.byId(item.id))?.stock).toBe(40)
  })

  it('never takes stock below zero when 20 members send 200 redeems for 5 items', async () => {
    const item = await aRewardItem(t.deps, { pointsPrice: 10, stock: 5 })
    const racers = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const { member, clerk } = await aMemberAtTheCounter(t.deps)
        await purchaseOf(t.deps, clerk.openid, member.cardNo!, 100)
        return host.signIn(member.openid)
      }),
    )

    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        host.call(
          racers[i % racers.length]!,
          'points',
          'redeem',
          { itemId: item.id },
          newRequestId(),
        ),
      ),
    )

    expect(results.filter((r) => r.ok)).toHaveLength(5)
    expect((await t.deps.store.read.catalogue.byId(item.id))?.stock).toBe(0)
  })

  it('writes one entry when the clerk’s purchase is sent 100 times with the same request id', async () => {
    const { member, clerk } = await aMemberAtTheCounter(t.deps)
    const cookie = await host.signIn(clerk.openid)
    const requestId = newRequestId()
    const payload = { cardNo: member.cardNo, lines: [{ category: 'food', amountFen: 12_850 }] }

    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        host.call(cookie, 'points', 'earnPurchase', payload, requestId),
      ),
    )

    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1)
    expect(results[0]).toMatchObject({ ok: true, data: { points: 128 } })
    expect((await t.deps.store.read.points.history(member.id, 0, 10)).total).toBe(1)
    expect((await t.deps.store.read.points.account(member.id))?.balance).toBe(128)
  })
})
