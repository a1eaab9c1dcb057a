import {
  adjustPoints,
  reverseEntry,
} from '../../../../cloudfunctions/_shared/use-cases/adjust-points'
import { issueSanction } from '../../../../cloudfunctions/_shared/use-cases/issue-sanction'
import { redeemReward } from '../../../../cloudfunctions/_shared/use-cases/redeem-reward'
import { aMemberAtTheCounter, aRewardItem, purchaseOf } from '../../../support/points-flow'
import { callerOf } from '../../../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

describe('adjustPoints and reverseEntry', () => {
  let t: ReturnType<typeof testDeps>
  let admin: Awaited<ReturnType<typeof addStaff>>
  beforeEach(async () => {
    t = testDeps('2026-11-23T02:00:00.000Z')
    admin = await addStaff(t.deps, 'admin')
  })
  afterEach(() => t.cleanup())

  const adminCall = () => callerOf(admin.openid)
  const balanceOf = async (id: string) => (await t.deps.store.read.points.account(id))?.balance ?? 0

  it('credits nothing to the account of a cancelled member (SPEC §8: closed, points cleared), changing nothing', async () => {
    const { member, clerk } = await aMemberAtTheCounter(t.deps)
    await purchaseOf(t.deps, clerk.openid, member.cardNo!, 300)
    const cancelled = await issueSanction(
      t.deps,
      adminCall(),
      { cardNo: member.cardNo!, kind: 'cancellation', reason: '多次恶意刷单，取消会员资格' },
      newRequestId(),
    )
    const before = t.snapshot()

    const result = await adjustPoints(
      t.deps,
      adminCall(),
      { cardNo: member.cardNo!, points: 50, reason: '补录漏积分' },
      newRequestId(),
    )

    expect(cancelled).toMatchObject({ ok: true })
    expect(result).toMatchObject({ ok: false, error: { code: 'POINTS.MEMBER_NOT_ACTIVE' } })
    expect(t.snapshot()).toEqual(before)
    expect(await balanceOf(member.id)).toBe(0)
  })

  it('credits a manual adjustment as a new lot with the reason, audited', async () => {
    const { member } = await aMemberAtTheCounter(t.deps)

    const result = await adjustPoints(
      t.deps,
      adminCall(),
      { cardNo: member.cardNo!, points: 50, reason: '补录漏积分' },
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: true, data: { points: 50, balance: 50 } })
    const [entry] = (await t.deps.store.read.points.history(member.id, 0, 1)).items
    expect(entry).toMatchObject({
      type: 'adjust',
      label: 'correction',
      points: 50,
      note: '补录漏积分',
    })
    // The set-up's card verify shares the test's fixed instant; its record sorts by its id.
    const audit = (await t.deps.store.read.audit.forTarget('member', member.id)).filter(
      (record) => record.action !== 'card.verify',
    )
    expect(audit.at(-1)).toMatchObject({
      action: 'points.adjust',
      actorId: admin.id,
      reason: '补录漏积分',
      before: { balance: 0 },
      after: { balance: 50 },
    })
  })

  it('never debits below zero', async () => {
    const { member, clerk } = await aMemberAtTheCounter(t.deps)
    await purchaseOf(t.deps, clerk.openid, member.cardNo!, 30)
    const before = t.snapshot()

    const result = await adjustPoints(
      t.deps,
      adminCall(),
      { cardNo: member.cardNo!, points: -31, reason: '扣回多积分' },
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: false, error: { code: 'POINTS.INSUFFICIENT_BALANCE' } })
    expect(t.snapshot()).toEqual(before)
  })

  it('reverses a wrong purchase credit once, with a reverse entry of the opposite amount', async () => {
    const { member, clerk } = await aMemberAtTheCounter(t.deps)
    const purchase = await purchaseOf(t.deps, clerk.openid, member.cardNo!, 128)

    const first = await reverseEntry(
      t.deps,
      adminCall(),
      { entryId: purchase.entryId, reason: '录错会员' },
      newRequestId(),
    )
    const second = await reverseEntry(
      t.deps,
      adminCall(),
      { entryId: purchase.entryId, reason: '录错会员' },
      newRequestId(),
    )

    expect(first).toMatchObject({ ok: true, data: { points: -128, balance: 0 } })
    expect(second).toMatchObject({ ok: false, error: { code: 'POINTS.NOT_REVERSIBLE' } })
    expect(await t.deps.store.read.points.ledgerSum(member.id)).toBe(0)
  })

  it('reverses a wrong redemption: points back into their lots, voucher void, item back in stock', async () => {
    const { member, clerk, memberCaller } = await aMemberAtTheCounter(t.deps)
    await purchaseOf(t.deps, clerk.openid, member.cardNo!, 2000)
    const item = await aRewardItem(t.deps, { stock: 5 })
    const voucher = await redeemReward(t.deps, memberCaller, { itemId: item.id }, newRequestId())
    const code = voucher.ok ? voucher.data.code : ''
    const redeemEntry = (await t.deps.store.read.vouchers.byCode(code))!.entryId

    const result = await reverseEntry(
      t.deps,
      adminCall(),
      { entryId: redeemEntry, reason: '误兑换' },
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: true, data: { points: 1500, balance: 2000 } })
    expect(await t.deps.store.read.vouchers.byCode(code)).toMatchObject({
      status: 'used',
      usedBy: admin.id,
    })
    expect((await t.deps.store.read.catalogue.byId(item.id))?.stock).toBe(5)
    expect(await balanceOf(member.id)).toBe(await t.deps.store.read.points.ledgerSum(member.id))
  })

  it('refuses to reverse a redemption whose reward was already handed over (no returns)', async () => {
    const { member, clerk, memberCaller } = await aMemberAtTheCounter(t.deps)
    await purchaseOf(t.deps, clerk.openid, member.cardNo!, 2000)
    const item = await aRewardItem(t.deps)
    const voucher = await redeemReward(t.deps, memberCaller, { itemId: item.id }, newRequestId())
    const code = voucher.ok ? voucher.data.code : ''
    const v = (await t.deps.store.read.vouchers.byCode(code))!
    await t.deps.store.transaction((tx) =>
      tx.vouchers.save({
        ...v,
        status: 'used',
        usedAt: '2026-11-23T03:00:00.000Z',
        usedBy: 'x',
        version: v.version + 1,
      }),
    )

    const result = await reverseEntry(
      t.deps,
      adminCall(),
      { entryId: v.entryId, reason: '误兑换' },
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: false, error: { code: 'POINTS.NOT_REVERSIBLE' } })
  })

  it('refuses to take back a credit the member has already spent', async () => {
    const { member, clerk, memberCaller } = await aMemberAtTheCounter(t.deps)
    const purchase = await purchaseOf(t.deps, clerk.openid, member.cardNo!, 1500)
    const item = await aRewardItem(t.deps)
    await redeemReward(t.deps, memberCaller, { itemId: item.id }, newRequestId())

    const result = await reverseEntry(
      t.deps,
      adminCall(),
      { entryId: purchase.entryId, reason: '录错' },
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: false, error: { code: 'POINTS.INSUFFICIENT_BALANCE' } })
  })

  it('lets only admins adjust or reverse', async () => {
    const { member, clerkCaller } = await aMemberAtTheCounter(t.deps)

    const result = await adjustPoints(
      t.deps,
      clerkCaller,
      { cardNo: member.cardNo!, points: 10, reason: '试试' },
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})
