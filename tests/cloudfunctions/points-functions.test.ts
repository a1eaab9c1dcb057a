import type { Caller } from '../../cloudfunctions/_shared/caller'
import { jobsFunction } from '../../cloudfunctions/jobs/index'
import { pointsFunction } from '../../cloudfunctions/points/index'
import { pointsContract } from '@/contracts/points.contract'
import { aMemberAtTheCounter, aRewardItem, purchaseOf } from '../support/points-flow'
import { callerOf } from '../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../support/test-deps'
import { CHINESE, sendAsOutsiders, sendSpoiledPayloads } from '../support/hostile-payloads'

describe('points and jobs functions', () => {
  let t: ReturnType<typeof testDeps>
  let callers: Record<'member' | 'clerk' | 'admin' | 'reviewer', Caller>
  let valid: Record<string, Record<string, unknown>>
  beforeAll(async () => {
    t = testDeps()
    const { member, clerk, memberCaller } = await aMemberAtTheCounter(t.deps)
    const purchase = await purchaseOf(t.deps, clerk.openid, member.cardNo!, 500)
    const item = await aRewardItem(t.deps)
    callers = {
      member: memberCaller,
      clerk: callerOf(clerk.openid),
      admin: callerOf((await addStaff(t.deps, 'admin')).openid),
      reviewer: callerOf((await addStaff(t.deps, 'reviewer')).openid),
    }
    valid = {
      redeem: { itemId: item.id },
      earnPurchase: { cardNo: member.cardNo!, lines: [{ category: 'food', amountFen: 100 }] },
      useVoucher: { code: 'V123456789', cardNo: member.cardNo! },
      lookupCard: { cardNo: member.cardNo! },
      saveItem: { name: '精品茶具', pointsPrice: 100, stock: 1 },
      memberLedger: { cardNo: member.cardNo! },
      adjust: { cardNo: member.cardNo!, points: 10, reason: '补录漏积分' },
      reverse: { entryId: purchase.entryId, reason: '录错会员' },
    }
  })
  afterAll(() => t.cleanup())

  const writes: [string, keyof typeof callers][] = [
    ['redeem', 'member'],
    ['earnPurchase', 'clerk'],
    ['useVoucher', 'clerk'],
    ['saveItem', 'admin'],
    ['adjust', 'admin'],
    ['reverse', 'admin'],
  ]

  it.each(writes)(
    'refuses every spoiled %s payload field by field in Chinese, changing nothing',
    async (action, who) => {
      const before = t.snapshot()

      const sent = await sendSpoiledPayloads(
        pointsFunction,
        action,
        valid[action]!,
        pointsContract.actions[action as keyof typeof pointsContract.actions].input,
        callers[who],
        t.deps,
      )

      expect(sent).toBeGreaterThanOrEqual(12)
      expect(t.snapshot()).toEqual(before)
    },
  )

  it.each([
    ['redeem', ['clerk', 'admin', 'reviewer']],
    ['earnPurchase', ['member', 'reviewer']],
    ['useVoucher', ['member', 'reviewer']],
    ['lookupCard', ['member', 'reviewer']],
    ['saveItem', ['member', 'clerk', 'reviewer']],
    ['allItems', ['member', 'clerk', 'reviewer']],
    ['memberLedger', ['member', 'clerk', 'reviewer']],
    ['adjust', ['member', 'clerk', 'reviewer']],
    ['reverse', ['member', 'clerk', 'reviewer']],
  ] as [string, (keyof typeof callers)[]][])(
    'refuses %s to %j with an AUTH code, changing nothing',
    async (action, outsiders) => {
      const before = t.snapshot()

      await sendAsOutsiders(
        pointsFunction,
        action,
        valid[action] ?? {},
        outsiders.map((who) => callers[who]),
        t.deps,
      )

      expect(t.snapshot()).toEqual(before)
    },
  )

  it('refuses a mutating points call without a request id', async () => {
    const envelope = await pointsFunction.handle(
      { action: 'redeem', payload: valid.redeem },
      callers.member,
      t.deps,
    )

    expect(envelope).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID', fields: { requestId: expect.stringMatching(CHINESE) } },
    })
  })

  it('lets only the timer or an admin run the expiry job', async () => {
    const before = t.snapshot()

    for (const who of ['member', 'clerk', 'reviewer'] as const) {
      const envelope = await jobsFunction.handle(
        { action: 'expirePoints', payload: {}, requestId: newRequestId() },
        callers[who],
        t.deps,
      )

      expect(envelope).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    }
    expect(t.snapshot()).toEqual(before)
  })
})
