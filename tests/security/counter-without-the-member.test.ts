import { pointsFunction } from '../../cloudfunctions/points/index'
import { redeemReward } from '../../cloudfunctions/_shared/use-cases/redeem-reward'
import { aMemberAtTheCounter, aRewardItem, purchaseOf, showCard } from '../support/points-flow'
import { anActiveMember, callerOf } from '../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../support/test-deps'

/**
 * The attack: a clerk (or whoever holds a clerk's phone) serves a member who is not there. Card
 * numbers are sequential and printed on the card; voucher codes are shown on members' screens.
 * Every counter action rests on the member's current, single-use card code, verified by this
 * clerk within 10 minutes — and each verification is in the audit log.
 */
describe('the counter without the member', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-11-23T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  const call = (openid: string, action: string, payload: unknown) =>
    pointsFunction.handle({ action, payload, requestId: newRequestId() }, callerOf(openid), t.deps)

  it('shows nothing of a member looked up by a bare card number whose code this clerk never verified', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const clerk = await addStaff(t.deps, 'clerk')
    const member = await anActiveMember(t.deps, reviewer)

    const answer = await call(clerk.openid, 'lookupCard', { cardNo: member.cardNo })

    expect(answer).toMatchObject({ ok: false, error: { code: 'POINTS.CARD_NOT_SHOWN' } })
    expect(JSON.stringify(answer)).not.toContain('王建国')
  })

  it('shows nothing to a second clerk of a card another clerk verified', async () => {
    const { member } = await aMemberAtTheCounter(t.deps)
    const otherClerk = await addStaff(t.deps, 'clerk')

    const answer = await call(otherClerk.openid, 'lookupCard', { cardNo: member.cardNo })

    expect(answer).toMatchObject({ ok: false, error: { code: 'POINTS.CARD_NOT_SHOWN' } })
  })

  it("hands over no reward for a voucher code read off someone's screen, without the holder's card", async () => {
    const { member, memberCaller, clerk } = await aMemberAtTheCounter(t.deps)
    await purchaseOf(t.deps, clerk.openid, member.cardNo!, 2000)
    const item = await aRewardItem(t.deps)
    const redeemed = await redeemReward(t.deps, memberCaller, { itemId: item.id }, newRequestId())
    const code = redeemed.ok ? redeemed.data.code : ''
    const accomplice = await aMemberAtTheCounter(t.deps)
    t.clock.set('2026-11-23T02:01:00.000Z') // the accomplice's next code
    await showCard(t.deps, accomplice.member.openid, clerk.openid)
    const before = await t.snapshot()

    const withoutCard = await call(clerk.openid, 'useVoucher', { code })
    const withAnotherCard = await call(clerk.openid, 'useVoucher', {
      code,
      cardNo: accomplice.member.cardNo,
    })

    expect(withoutCard).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(withAnotherCard).toMatchObject({
      ok: false,
      error: { code: 'POINTS.VOUCHER_NOT_FOUND' },
    })
    expect(await t.snapshot()).toEqual(before)
  })

  it('hands the reward to its holder once their card is verified by this clerk', async () => {
    const { member, memberCaller, clerk } = await aMemberAtTheCounter(t.deps)
    await purchaseOf(t.deps, clerk.openid, member.cardNo!, 2000)
    const item = await aRewardItem(t.deps)
    const redeemed = await redeemReward(t.deps, memberCaller, { itemId: item.id }, newRequestId())
    const code = redeemed.ok ? redeemed.data.code : ''

    const answer = await call(clerk.openid, 'useVoucher', { code, cardNo: member.cardNo })

    expect(answer).toMatchObject({ ok: true, data: { status: 'used' } })
  })

  it("records every verification of a member's code in the audit log: which clerk, whom, when", async () => {
    const { member, clerk } = await aMemberAtTheCounter(t.deps)

    const trail = await t.deps.store.read.audit.forTarget('member', member.id)

    expect(trail).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'card.verify',
          actorId: clerk.id,
          actorRole: 'clerk',
          reason: 'counter',
        }),
      ]),
    )
  })
})
