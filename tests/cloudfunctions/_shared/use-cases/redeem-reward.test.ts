import { redeemReward } from '../../../../cloudfunctions/_shared/use-cases/redeem-reward'
import { useVoucher } from '../../../../cloudfunctions/_shared/use-cases/use-voucher'
import { aMemberAtTheCounter, aRewardItem, purchaseOf } from '../../../support/points-flow'
import { newRequestId, testDeps, aMomentLater } from '../../../support/test-deps'

describe('redeemReward', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-11-23T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  async function memberWith(points: number) {
    const people = await aMemberAtTheCounter(t.deps)
    if (points > 0) await purchaseOf(t.deps, people.clerk.openid, people.member.cardNo!, points)
    aMomentLater(t.clock)
    return people
  }

  it('takes the points and one unit of stock together and issues a voucher for today', async () => {
    const { member, memberCaller } = await memberWith(2000)
    const item = await aRewardItem(t.deps, { pointsPrice: 1500, stock: 3 })

    const result = await redeemReward(t.deps, memberCaller, { itemId: item.id }, newRequestId())

    expect(result).toMatchObject({
      ok: true,
      data: {
        code: expect.stringMatching(/^V[0-9A-Z]{9}$/),
        status: 'issued',
        pickupDate: '2026-11-23',
        points: 1500,
      },
    })
    expect((await t.deps.store.read.points.account(member.id))?.balance).toBe(500)
    expect((await t.deps.store.read.catalogue.byId(item.id))?.stock).toBe(2)
    const [entry] = (await t.deps.store.read.points.history(member.id, 0, 1)).items
    expect(entry).toMatchObject({
      type: 'redeem',
      label: 'reward',
      points: -1500,
      reference: result.ok ? result.data.code : '',
    })
  })

  it('refuses when the balance does not cover the price, and changes nothing', async () => {
    const { memberCaller } = await memberWith(1499)
    const item = await aRewardItem(t.deps, { pointsPrice: 1500 })
    const before = t.snapshot()

    const result = await redeemReward(t.deps, memberCaller, { itemId: item.id }, newRequestId())

    expect(result).toMatchObject({ ok: false, error: { code: 'POINTS.INSUFFICIENT_BALANCE' } })
    expect(t.snapshot()).toEqual(before)
  })

  it('refuses an item out of stock', async () => {
    const { memberCaller } = await memberWith(5000)
    const item = await aRewardItem(t.deps, { stock: 0 })

    const result = await redeemReward(t.deps, memberCaller, { itemId: item.id }, newRequestId())

    expect(result).toMatchObject({ ok: false, error: { code: 'POINTS.OUT_OF_STOCK' } })
  })

  it.each([
    ['2026-12-03', false], // 10 days ahead of 23 Nov
    ['2026-12-02', true], // 9 days ahead
    [undefined, true],
  ])(
    'books items of 10000 points or more at least 10 days ahead (pickup %s refused: %p)',
    async (pickupDate, refused) => {
      const { memberCaller } = await memberWith(10_000)
      const item = await aRewardItem(t.deps, { pointsPrice: 10_000, faceValueFen: 10_000 })

      const result = await redeemReward(
        t.deps,
        memberCaller,
        { itemId: item.id, ...(pickupDate ? { pickupDate } : {}) },
        newRequestId(),
      )

      if (refused)
        expect(result).toMatchObject({ ok: false, error: { code: 'POINTS.BOOKING_TOO_LATE' } })
      else expect(result).toMatchObject({ ok: true, data: { pickupDate } })
    },
  )

  it('spends the oldest points first', async () => {
    const { member, memberCaller, clerk } = await memberWith(0)
    t.clock.set('2027-01-10T02:00:00.000Z')
    await purchaseOf(t.deps, clerk.openid, member.cardNo!, 1000)
    t.clock.set('2027-06-10T02:00:00.000Z')
    await purchaseOf(t.deps, clerk.openid, member.cardNo!, 1000)
    const item = await aRewardItem(t.deps, { pointsPrice: 1500 })

    await redeemReward(t.deps, memberCaller, { itemId: item.id }, newRequestId())

    const account = await t.deps.store.read.points.account(member.id)
    expect(account?.lots).toEqual([
      expect.objectContaining({ earnedAt: '2027-06-10T02:00:00.000Z', remaining: 500 }),
    ])
  })

  it('lets the clerk hand the reward over once: a second use of the voucher is refused (no returns)', async () => {
    const { member, memberCaller, clerkCaller } = await memberWith(2000)
    const item = await aRewardItem(t.deps)
    const voucher = await redeemReward(t.deps, memberCaller, { itemId: item.id }, newRequestId())
    const code = voucher.ok ? voucher.data.code : ''

    const first = await useVoucher(
      t.deps,
      clerkCaller,
      { code, cardNo: member.cardNo! },
      newRequestId(),
    )
    const second = await useVoucher(
      t.deps,
      clerkCaller,
      { code, cardNo: member.cardNo! },
      newRequestId(),
    )

    expect(first).toMatchObject({ ok: true, data: { status: 'used' } })
    expect(second).toMatchObject({ ok: false, error: { code: 'POINTS.VOUCHER_USED' } })
  })

  it('hands no reward to a member who has been suspended since redeeming it', async () => {
    const { member, memberCaller, clerkCaller } = await memberWith(2000)
    const item = await aRewardItem(t.deps, { pointsPrice: 1500 })
    const voucher = await redeemReward(t.deps, memberCaller, { itemId: item.id }, newRequestId())
    const code = voucher.ok ? voucher.data.code : ''
    await t.deps.store.transaction(async (tx) => {
      const current = (await tx.members.byId(member.id))!
      await tx.members.update({ ...current, status: 'suspended', version: current.version + 1 })
    })

    const result = await useVoucher(
      t.deps,
      clerkCaller,
      { code, cardNo: member.cardNo! },
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: false, error: { code: 'POINTS.MEMBER_NOT_ACTIVE' } })
    expect((await t.deps.store.read.vouchers.byCode(code))?.status).toBe('issued')
  })

  it('never sells more than the stock nor spends more than the balance under concurrent redeems', async () => {
    const { member, memberCaller } = await memberWith(1000)
    const item = await aRewardItem(t.deps, { pointsPrice: 100, stock: 7 })

    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        redeemReward(t.deps, memberCaller, { itemId: item.id }, newRequestId()),
      ),
    )

    expect(results.filter((r) => r.ok)).toHaveLength(7)
    expect((await t.deps.store.read.catalogue.byId(item.id))?.stock).toBe(0)
    const account = await t.deps.store.read.points.account(member.id)
    expect(account?.balance).toBe(300)
    expect(await t.deps.store.read.points.ledgerSum(member.id)).toBe(300)
  })
})
