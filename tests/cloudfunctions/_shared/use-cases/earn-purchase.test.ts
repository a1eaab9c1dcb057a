import { purchaseEntryIdOf } from '../../../../cloudfunctions/_shared/points-credit'
import { earnPurchase } from '../../../../cloudfunctions/_shared/use-cases/earn-purchase'
import { redeemReward } from '../../../../cloudfunctions/_shared/use-cases/redeem-reward'
import {
  aMemberAtTheCounter,
  aRewardItem,
  cancelledRightAfterTheScene,
  purchaseOf,
  showCard,
} from '../../../support/points-flow'
import { anActiveMember, callerOf } from '../../../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

describe('earnPurchase', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-11-23T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  const purchase = (
    cardNo: string,
    lines: { category: string; amountFen: number }[],
    voucherCodes: string[] = [],
  ) => ({ cardNo, lines, voucherCodes, receiptNo: 'XP-001' }) as Parameters<typeof earnPurchase>[2]

  it('credits 1 point per whole yuan actually paid: ¥128.50 earns 128', async () => {
    const { member, clerkCaller } = await aMemberAtTheCounter(t.deps)

    const result = await earnPurchase(
      t.deps,
      clerkCaller,
      purchase(member.cardNo!, [{ category: 'food', amountFen: 12_850 }]),
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: true, data: { points: 128, balance: 128, birthday: false } })
    const history = await t.deps.store.read.points.history(member.id, 0, 10)
    expect(history.items).toEqual([
      expect.objectContaining({
        type: 'earn',
        label: 'purchase',
        points: 128,
        reference: 'XP-001',
      }),
    ])
  })

  it('keeps the sale on the entry: amount, voucher part, amount earning, receipt, clerk and outlet', async () => {
    const { member, clerkCaller, clerk } = await aMemberAtTheCounter(t.deps)

    await earnPurchase(
      t.deps,
      clerkCaller,
      purchase(member.cardNo!, [
        { category: 'food', amountFen: 12_850 },
        { category: 'lottery', amountFen: 1_000 },
      ]),
      newRequestId(),
    )

    const history = await t.deps.store.read.points.history(member.id, 0, 10)
    expect(history.items[0]!.purchase).toEqual({
      amountFen: 13_850,
      paidWithPointsFen: 0,
      earnableFen: 12_850,
      receiptNo: 'XP-001',
      clerkName: clerk.name,
      site: '鼓楼中山北路门店',
    })
  })

  it('records a ¥0.99 sale with 0 points and a plain note: no lot, balance unchanged, no message', async () => {
    const { member, clerkCaller } = await aMemberAtTheCounter(t.deps)
    const outboxBefore = t.snapshot().outbox

    const result = await earnPurchase(
      t.deps,
      clerkCaller,
      purchase(member.cardNo!, [{ category: 'food', amountFen: 99 }]),
      newRequestId(),
    )

    expect(result).toMatchObject({
      ok: true,
      data: { points: 0, balance: 0, note: '可积分金额不足1元，本次未产生积分' },
    })
    const history = await t.deps.store.read.points.history(member.id, 0, 10)
    expect(history.items).toEqual([
      expect.objectContaining({
        type: 'earn',
        points: 0,
        lotId: null,
        note: '可积分金额不足1元，本次未产生积分',
        purchase: expect.objectContaining({ amountFen: 99, earnableFen: 99 }),
      }),
    ])
    const account = await t.deps.store.read.points.account(member.id)
    expect([account?.balance ?? 0, account?.lots ?? []]).toEqual([0, []])
    expect(t.snapshot().outbox).toEqual(outboxBefore)
  })

  it('doubles the points on the member birthday (Asia/Shanghai)', async () => {
    const { member, clerkCaller, clerk } = await aMemberAtTheCounter(t.deps)
    const [, month, day] = member.birthday.split('-')
    t.clock.set(`2027-${month}-${day}T01:00:00.000Z`)
    await showCard(t.deps, member.openid, clerk.openid)

    const result = await earnPurchase(
      t.deps,
      clerkCaller,
      purchase(member.cardNo!, [{ category: 'food', amountFen: 10_000 }]),
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: true, data: { points: 200, birthday: true } })
  })

  it('earns nothing on categories excluded in settings (lottery, prepaid cards)', async () => {
    const { member, clerkCaller } = await aMemberAtTheCounter(t.deps)

    const result = await earnPurchase(
      t.deps,
      clerkCaller,
      purchase(member.cardNo!, [
        { category: 'lottery', amountFen: 5_000 },
        { category: 'tobacco', amountFen: 3_000 },
      ]),
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: true, data: { points: 30 } })
  })

  it('earns nothing on the part paid with a voucher, and uses the voucher up', async () => {
    const { member, clerkCaller, memberCaller, clerk } = await aMemberAtTheCounter(t.deps)
    await purchaseOf(t.deps, clerk.openid, member.cardNo!, 2000)
    const item = await aRewardItem(t.deps, { pointsPrice: 1500, faceValueFen: 2000 })
    const voucher = await redeemReward(t.deps, memberCaller, { itemId: item.id }, newRequestId())
    const code = voucher.ok ? voucher.data.code : ''

    const result = await earnPurchase(
      t.deps,
      clerkCaller,
      purchase(member.cardNo!, [{ category: 'food', amountFen: 10_000 }], [code]),
      newRequestId(),
    )

    expect(result).toMatchObject({
      ok: true,
      data: { points: 80, vouchersUsed: [code], balance: 2000 - 1500 + 80 },
    })
    expect(await t.deps.store.read.vouchers.byCode(code)).toMatchObject({ status: 'used' })
  })

  it('never lets points earned by a purchase pay for that same purchase', async () => {
    const { member, clerkCaller, memberCaller } = await aMemberAtTheCounter(t.deps)
    const item = await aRewardItem(t.deps, { pointsPrice: 1500 })

    const redeemBefore = await redeemReward(
      t.deps,
      memberCaller,
      { itemId: item.id },
      newRequestId(),
    )
    const earned = await earnPurchase(
      t.deps,
      clerkCaller,
      purchase(member.cardNo!, [{ category: 'food', amountFen: 200_000 }]),
      newRequestId(),
    )

    expect(redeemBefore).toMatchObject({
      ok: false,
      error: { code: 'POINTS.INSUFFICIENT_BALANCE' },
    })
    expect(earned).toMatchObject({ ok: true, data: { points: 2000, vouchersUsed: [] } })
  })

  it('refuses a voucher already used, and changes nothing', async () => {
    const { member, clerkCaller, memberCaller, clerk } = await aMemberAtTheCounter(t.deps)
    await purchaseOf(t.deps, clerk.openid, member.cardNo!, 1500)
    const item = await aRewardItem(t.deps)
    const voucher = await redeemReward(t.deps, memberCaller, { itemId: item.id }, newRequestId())
    const code = voucher.ok ? voucher.data.code : ''
    const withVoucher = purchase(member.cardNo!, [{ category: 'food', amountFen: 5_000 }], [code])
    await earnPurchase(t.deps, clerkCaller, withVoucher, newRequestId())
    const before = t.snapshot()

    const again = await earnPurchase(t.deps, clerkCaller, withVoucher, newRequestId())

    expect(again).toMatchObject({ ok: false, error: { code: 'POINTS.VOUCHER_USED' } })
    expect(t.snapshot()).toEqual(before)
  })

  it.each([
    ['no clerk verified the card', null, '2026-11-23T02:05:00.000Z'],
    ['another clerk verified it', 'other', '2026-11-23T02:05:00.000Z'],
    ['the scan is more than 10 minutes old', 'same', '2026-11-23T02:10:01.000Z'],
  ])(
    'refuses to record a purchase without the card shown: %s',
    async (_case, scanner, recordAt) => {
      const reviewer = await addStaff(t.deps, 'reviewer')
      const member = (await t.deps.store.read.members.byId(
        (await anActiveMember(t.deps, reviewer)).memberId,
      ))!
      const clerk = await addStaff(t.deps, 'clerk')
      const other = await addStaff(t.deps, 'clerk')
      if (scanner)
        await showCard(t.deps, member.openid, scanner === 'same' ? clerk.openid : other.openid)
      t.clock.set(recordAt)
      const before = t.snapshot()

      const result = await earnPurchase(
        t.deps,
        callerOf(clerk.openid),
        purchase(member.cardNo!, [{ category: 'food', amountFen: 10_000 }]),
        newRequestId(),
      )

      expect(result).toMatchObject({ ok: false, error: { code: 'POINTS.CARD_NOT_SHOWN' } })
      expect(t.snapshot()).toEqual(before)
    },
  )

  it('records a purchase up to 10 minutes after the clerk verified the card', async () => {
    const { member, clerkCaller } = await aMemberAtTheCounter(t.deps)
    t.clock.set('2026-11-23T02:10:00.000Z')

    const result = await earnPurchase(
      t.deps,
      clerkCaller,
      purchase(member.cardNo!, [{ category: 'food', amountFen: 10_000 }]),
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: true, data: { points: 100 } })
  })

  it('refuses a card number nobody holds', async () => {
    const clerk = await addStaff(t.deps, 'clerk')

    const result = await earnPurchase(
      t.deps,
      callerOf(clerk.openid),
      purchase('860000000999', [{ category: 'food', amountFen: 100 }]),
      newRequestId(),
    )

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'POINTS.CARD_UNKNOWN', fields: { cardNo: expect.any(String) } },
    })
  })

  it('lets only clerks (and admins) record purchases', async () => {
    const { member, memberCaller } = await aMemberAtTheCounter(t.deps)
    const reviewer = await addStaff(t.deps, 'reviewer')
    const admin = await addStaff(t.deps, 'admin')
    const input = purchase(member.cardNo!, [{ category: 'food', amountFen: 1_000 }])

    const byMember = await earnPurchase(t.deps, memberCaller, input, newRequestId())
    const byReviewer = await earnPurchase(t.deps, callerOf(reviewer.openid), input, newRequestId())
    t.clock.set('2026-11-23T02:00:30.000Z') // the next code: the clerk used this step's
    await showCard(t.deps, member.openid, admin.openid)
    const byAdmin = await earnPurchase(t.deps, callerOf(admin.openid), input, newRequestId())

    expect(byMember).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(byReviewer).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(byAdmin).toMatchObject({ ok: true, data: { points: 10 } })
  })

  it('credits a retried request once: the same request id returns the first result', async () => {
    const { member, clerkCaller } = await aMemberAtTheCounter(t.deps)
    const requestId = newRequestId()
    const input = purchase(member.cardNo!, [{ category: 'food', amountFen: 12_850 }])

    const results = await Promise.all(
      Array.from({ length: 20 }, () => earnPurchase(t.deps, clerkCaller, input, requestId)),
    )

    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1)
    expect((await t.deps.store.read.points.history(member.id, 0, 100)).total).toBe(1)
    expect((await t.deps.store.read.points.account(member.id))?.balance).toBe(128)
  })

  describe('one request id sent once with vouchers and once without (a client gone wrong)', () => {
    async function aCounterWithAVoucher() {
      const atCounter = await aMemberAtTheCounter(t.deps)
      const { member, clerk, memberCaller } = atCounter
      await purchaseOf(t.deps, clerk.openid, member.cardNo!, 2000)
      const item = await aRewardItem(t.deps, { pointsPrice: 1500, faceValueFen: 2000 })
      const voucher = await redeemReward(t.deps, memberCaller, { itemId: item.id }, newRequestId())
      if (!voucher.ok) throw new Error(voucher.error.code)
      const lines = [{ category: 'food', amountFen: 10_000 }]
      return {
        ...atCounter,
        code: voucher.data.code,
        withVoucher: purchase(member.cardNo!, lines, [voucher.data.code]),
        withoutVoucher: purchase(member.cardNo!, lines),
        state: async () => ({
          entries: (await t.deps.store.read.points.history(member.id, 0, 100)).total,
          balance: (await t.deps.store.read.points.account(member.id))?.balance,
          ledgerSum: await t.deps.store.read.points.ledgerSum(member.id),
        }),
      }
    }

    it('first with the voucher: the second is answered with the first purchase, nothing credited again', async () => {
      const c = await aCounterWithAVoucher()
      const requestId = newRequestId()
      const first = await earnPurchase(t.deps, c.clerkCaller, c.withVoucher, requestId)
      expect(first).toMatchObject({ ok: true, data: { points: 80, vouchersUsed: [c.code] } })
      const before = await c.state()

      const second = await earnPurchase(t.deps, c.clerkCaller, c.withoutVoucher, requestId)

      expect(second).toMatchObject({ ok: true, data: { entryId: first.ok && first.data.entryId } })
      expect(await c.state()).toEqual(before)
      expect(before.ledgerSum).toBe(before.balance)
    })

    it('first without the voucher: the second is answered with the first purchase, the voucher kept', async () => {
      const c = await aCounterWithAVoucher()
      const requestId = newRequestId()
      const first = await earnPurchase(t.deps, c.clerkCaller, c.withoutVoucher, requestId)
      expect(first).toMatchObject({ ok: true, data: { points: 100, vouchersUsed: [] } })
      const before = await c.state()

      const second = await earnPurchase(t.deps, c.clerkCaller, c.withVoucher, requestId)

      expect(second).toMatchObject({
        ok: true,
        data: { entryId: first.ok && first.data.entryId, points: 100, vouchersUsed: [] },
      })
      expect(await c.state()).toEqual(before)
      expect(await t.deps.store.read.vouchers.byCode(c.code)).toMatchObject({ status: 'issued' })
    })
  })

  it('keeps the balance equal to the sum of the ledger', async () => {
    const { member, clerk, memberCaller } = await aMemberAtTheCounter(t.deps)
    const item = await aRewardItem(t.deps, { pointsPrice: 700 })
    for (const yuan of [300, 450, 99, 1000])
      await purchaseOf(t.deps, clerk.openid, member.cardNo!, yuan)
    await redeemReward(t.deps, memberCaller, { itemId: item.id }, newRequestId())

    const account = await t.deps.store.read.points.account(member.id)

    expect(account?.balance).toBe(300 + 450 + 99 + 1000 - 700)
    expect(await t.deps.store.read.points.ledgerSum(member.id)).toBe(account?.balance)
  })

  describe('while the member is cancelled (SPEC §8: account closed, points cleared)', () => {
    it('refuses a purchase whose card was read before the cancellation: nothing of it on file, nothing credited', async () => {
      const { member, clerkCaller, clerk } = await aMemberAtTheCounter(t.deps)
      await purchaseOf(t.deps, clerk.openid, member.cardNo!, 300)
      const cancellation = await cancelledRightAfterTheScene(t.deps, member.cardNo!)
      const requestId = newRequestId()

      const result = await earnPurchase(
        t.deps,
        clerkCaller,
        purchase(member.cardNo!, [{ category: 'food', amountFen: 12_800 }]),
        requestId,
      )

      expect(cancellation()).toMatchObject({ ok: true })
      expect(result).toMatchObject({ ok: false, error: { code: 'POINTS.MEMBER_NOT_ACTIVE' } })
      expect(await t.deps.store.read.points.entry(purchaseEntryIdOf(requestId))).toBeNull()
      expect(await t.deps.store.read.points.account(member.id)).toMatchObject({ balance: 0 })
      expect(await t.deps.store.read.points.ledgerSum(member.id)).toBe(0)
    })

    it('refuses one paid partly with a voucher the same way, and leaves the voucher unused', async () => {
      const { member, clerkCaller, memberCaller, clerk } = await aMemberAtTheCounter(t.deps)
      await purchaseOf(t.deps, clerk.openid, member.cardNo!, 2000)
      const item = await aRewardItem(t.deps, { pointsPrice: 1500, faceValueFen: 2000 })
      const voucher = await redeemReward(t.deps, memberCaller, { itemId: item.id }, newRequestId())
      const code = voucher.ok ? voucher.data.code : ''
      await cancelledRightAfterTheScene(t.deps, member.cardNo!)

      const result = await earnPurchase(
        t.deps,
        clerkCaller,
        purchase(member.cardNo!, [{ category: 'food', amountFen: 10_000 }], [code]),
        newRequestId(),
      )

      expect(result).toMatchObject({ ok: false, error: { code: 'POINTS.MEMBER_NOT_ACTIVE' } })
      expect(await t.deps.store.read.vouchers.byCode(code)).toMatchObject({ status: 'issued' })
      expect(await t.deps.store.read.points.account(member.id)).toMatchObject({ balance: 0 })
      expect(await t.deps.store.read.points.ledgerSum(member.id)).toBe(0)
    })
  })
})
