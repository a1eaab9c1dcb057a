import { COLLECTIONS } from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-schema'
import { purchaseEntryIdOf } from '../../../../cloudfunctions/_shared/points-credit'
import {
  adjustPoints,
  reverseEntry,
} from '../../../../cloudfunctions/_shared/use-cases/adjust-points'
import { issueSanction } from '../../../../cloudfunctions/_shared/use-cases/issue-sanction'
import { earnPurchase } from '../../../../cloudfunctions/_shared/use-cases/earn-purchase'
import { settlePurchaseCredits } from '../../../../cloudfunctions/_shared/use-cases/settle-purchase-credits'
import { aCountedCloudbase } from '../../../support/cloudbase/round-trips'
import { stopTheFunctionAt } from '../../../support/cloudbase/stop-the-function'
import { TIMER } from '../../../support/notification-flow'
import {
  aMemberAtTheCounter,
  cancelledRightAfterTheScene,
  purchaseOf,
} from '../../../support/points-flow'
import { addStaff, newRequestId } from '../../../support/test-deps'
import { callerOf } from '../../../support/registration-flow'

/**
 * A purchase on CloudBase is three writes without a transaction (cloudbase-purchase-credits.ts):
 * its ledger entry, the lot on the account, the member's notice. A function can stop after any
 * of them; these show that the points still reach the account exactly once — by the clerk's
 * retry, or by the `purchaseCredits` timer — and the member is told once.
 */
describe('a purchase on CloudBase, stopped between its writes', () => {
  async function aCounterOnCloudbase() {
    const counted = aCountedCloudbase('2026-11-23T02:00:00.000Z')
    const { deps, double } = counted
    const atCounter = await aMemberAtTheCounter(deps)
    const cardNo = atCounter.member.cardNo!
    // The member has 100 points already: the account exists, as at most counters.
    await purchaseOf(deps, atCounter.clerk.openid, cardNo, 100)
    const purchase = (requestId: string) =>
      earnPurchase(
        deps,
        atCounter.clerkCaller,
        {
          cardNo,
          lines: [{ category: 'daily', amountFen: 12_850 }],
          voucherCodes: [],
          receiptNo: '',
        },
        requestId,
      )
    /** A purchase whose function stopped just before writing the account or the notice. */
    const aPurchaseStoppedBefore = async (write: 'account' | 'notice') => {
      const requestId = newRequestId()
      stopTheFunctionAt(
        double,
        write === 'account'
          ? { action: 'modifyDocument', collection: COLLECTIONS.pointsAccounts }
          : { action: 'insertDocument', collection: COLLECTIONS.outbox },
      )
      await expect(purchase(requestId)).rejects.toThrow('the function stopped here')
      return requestId
    }
    const state = async () => ({
      balance: (await deps.store.read.points.account(atCounter.member.id))?.balance,
      lots: (await deps.store.read.points.account(atCounter.member.id))?.lots.length,
      ledgerSum: await deps.store.read.points.ledgerSum(atCounter.member.id),
      notices: (await deps.store.read.outbox.forMember(atCounter.member.id)).filter(
        (m) => m.kind === 'points.earned',
      ).length,
    })
    const pendingMarks = () =>
      double.documents(COLLECTIONS.pointsLedger).filter((d) => d.pendingCredit === true).length
    return { ...counted, ...atCounter, purchase, aPurchaseStoppedBefore, state, pendingMarks }
  }

  it('makes, after its scene, three writes and no transaction: entry, account, notice', async () => {
    const { double, purchase, cleanup } = await aCounterOnCloudbase()
    try {
      const from = double.requests.length

      expect(await purchase(newRequestId())).toMatchObject({ ok: true, data: { points: 128 } })

      expect(double.requests.slice(from).map((r) => `${r.action} ${r.collection}`)).toEqual([
        'database.aggregateDocuments staff',
        'database.insertDocument points_ledger',
        'database.modifyDocument points_accounts',
        'database.insertDocument outbox',
      ])
    } finally {
      await cleanup()
    }
  })

  it("stopped after its entry, is finished by the clerk's retry: the points once, the notice once", async () => {
    const { purchase, aPurchaseStoppedBefore, state, cleanup } = await aCounterOnCloudbase()
    try {
      const requestId = await aPurchaseStoppedBefore('account')
      // The entry is on file, its points not yet on the account.
      expect(await state()).toEqual({ balance: 100, lots: 1, ledgerSum: 228, notices: 1 })

      const retry = await purchase(requestId)
      const again = await purchase(requestId)

      expect(retry).toMatchObject({ ok: true, data: { points: 128, balance: 228 } })
      expect(again).toEqual(retry)
      expect(await state()).toEqual({ balance: 228, lots: 2, ledgerSum: 228, notices: 2 })
    } finally {
      await cleanup()
    }
  })

  it('stopped after its entry and never retried, is finished by the purchaseCredits timer, once', async () => {
    const { deps, clock, purchase, aPurchaseStoppedBefore, state, pendingMarks, cleanup } =
      await aCounterOnCloudbase()
    try {
      const requestId = await aPurchaseStoppedBefore('account')

      const tooSoon = await settlePurchaseCredits(deps, TIMER)
      clock.set('2026-11-23T02:02:00.000Z')
      const run = await settlePurchaseCredits(deps, TIMER)
      const second = await settlePurchaseCredits(deps, TIMER)
      const lateRetry = await purchase(requestId)

      // The purchase made for the setup was left marked too (nothing clears a mark on the way):
      // the timer looks at both, and puts on the account only what is missing.
      expect(tooSoon).toMatchObject({ ok: true, data: { totals: { settled: 0 } } })
      expect(run).toMatchObject({ ok: true, data: { totals: { settled: 2 } } })
      expect(second).toMatchObject({ ok: true, data: { totals: { settled: 0 } } })
      expect(pendingMarks()).toBe(0)
      expect(await state()).toEqual({ balance: 228, lots: 2, ledgerSum: 228, notices: 2 })
      expect(lateRetry).toMatchObject({ ok: true, data: { points: 128, balance: 228 } })
    } finally {
      await cleanup()
    }
  })

  it('stopped before its notice, with the account changed meanwhile: the retry tells the member, credits nothing twice', async () => {
    const { deps, member, purchase, aPurchaseStoppedBefore, state, cleanup } =
      await aCounterOnCloudbase()
    try {
      const requestId = await aPurchaseStoppedBefore('notice')
      // An admin's adjustment saves the account in a transaction between the two calls.
      const admin = await addStaff(deps, 'admin')
      const adjusted = await adjustPoints(
        deps,
        callerOf(admin.openid),
        { cardNo: member.cardNo!, points: 20, reason: '活动补偿' },
        newRequestId(),
      )
      expect(adjusted).toMatchObject({ ok: true, data: { balance: 248 } })

      const retry = await purchase(requestId)

      // The first answer's balance: what the credit left, before the adjustment.
      expect(retry).toMatchObject({ ok: true, data: { points: 128, balance: 228 } })
      expect(await state()).toEqual({ balance: 248, lots: 3, ledgerSum: 248, notices: 2 })
    } finally {
      await cleanup()
    }
  })

  it('answers a refused retry (the card shown too long ago) with the purchase on file', async () => {
    const { clock, purchase, aPurchaseStoppedBefore, state, double, cleanup } =
      await aCounterOnCloudbase()
    try {
      const requestId = await aPurchaseStoppedBefore('account')
      clock.set('2026-11-23T03:00:00.000Z')

      const retry = await purchase(requestId)

      expect(retry).toMatchObject({ ok: true, data: { points: 128, balance: 228 } })
      expect(await state()).toMatchObject({ balance: 228, lots: 2 })
      expect(double.documents(COLLECTIONS.pointsLedger).map((d) => d._id)).toContain(
        purchaseEntryIdOf(requestId),
      )
    } finally {
      await cleanup()
    }
  })

  it('loses none of ten purchases of one member recorded at once on the wire, each answered its own balance', async () => {
    const { double, purchase, state, cleanup } = await aCounterOnCloudbase()
    try {
      // Every request takes 10 ms there and back, so the ten calls' writes interleave.
      double.options.wireDelayMs = 10

      const answers = await Promise.all(Array.from({ length: 10 }, () => purchase(newRequestId())))

      double.options.wireDelayMs = 0
      expect(answers.every((a) => a.ok)).toBe(true)
      const balances = answers.map((a) => (a.ok ? a.data.balance : 0)).sort((x, y) => x - y)
      expect(balances).toEqual(Array.from({ length: 10 }, (_, i) => 100 + 128 * (i + 1)))
      expect(await state()).toEqual({ balance: 1380, lots: 11, ledgerSum: 1380, notices: 11 })
    } finally {
      await cleanup()
    }
  })

  it('stopped after its entry, then reversed by an admin: the reversal takes its lot, and the timer adds nothing after', async () => {
    const { deps, clock, aPurchaseStoppedBefore, state, pendingMarks, cleanup } =
      await aCounterOnCloudbase()
    try {
      const requestId = await aPurchaseStoppedBefore('account')
      const admin = await addStaff(deps, 'admin')

      const reversed = await reverseEntry(
        deps,
        callerOf(admin.openid),
        { entryId: purchaseEntryIdOf(requestId), reason: '收银员录错金额' },
        newRequestId(),
      )
      clock.set('2026-11-23T02:05:00.000Z')
      await settlePurchaseCredits(deps, TIMER)

      expect(reversed).toMatchObject({ ok: true, data: { points: -128, balance: 100 } })
      expect(pendingMarks()).toBe(0)
      expect(await state()).toMatchObject({ balance: 100, lots: 1, ledgerSum: 100 })
    } finally {
      await cleanup()
    }
  })

  it('stopped after its entry, then the member cancelled: the closure clears its points too, and the timer adds nothing after', async () => {
    const { deps, clock, member, aPurchaseStoppedBefore, state, cleanup } =
      await aCounterOnCloudbase()
    try {
      await aPurchaseStoppedBefore('account')
      const admin = await addStaff(deps, 'admin')

      const sanction = await issueSanction(
        deps,
        callerOf(admin.openid),
        { memberId: member.id, kind: 'cancellation', reason: '伪造消费记录骗取积分' },
        newRequestId(),
      )
      clock.set('2026-11-23T02:05:00.000Z')
      await settlePurchaseCredits(deps, TIMER)

      expect(sanction).toMatchObject({ ok: true, data: { memberStatus: 'cancelled' } })
      expect(await state()).toMatchObject({ balance: 0, lots: 0, ledgerSum: 0 })
    } finally {
      await cleanup()
    }
  })

  it('whose member is cancelled right after its scene was read: refused, its entry taken off again, nothing credited', async () => {
    const { deps, double, member, purchase, state, cleanup } = await aCounterOnCloudbase()
    try {
      const cancellation = await cancelledRightAfterTheScene(deps, member.cardNo!)
      const requestId = newRequestId()

      const result = await purchase(requestId)

      expect(cancellation()).toMatchObject({ ok: true })
      expect(result).toMatchObject({ ok: false, error: { code: 'POINTS.MEMBER_NOT_ACTIVE' } })
      expect(await deps.store.read.points.entry(purchaseEntryIdOf(requestId))).toBeNull()
      expect(await state()).toMatchObject({ balance: 0, lots: 0, ledgerSum: 0 })
      expect(double.documents(COLLECTIONS.pointsLedger).some((d) => d.pendingCredit)).toBe(false)
    } finally {
      await cleanup()
    }
  })

  it('stopped after an entry written once its member was cancelled: the timer takes the entry off, credits nothing', async () => {
    const { deps, double, clock, member, purchase, state, pendingMarks, cleanup } =
      await aCounterOnCloudbase()
    try {
      const cancellation = await cancelledRightAfterTheScene(deps, member.cardNo!, () =>
        stopTheFunctionAt(double, {
          action: 'modifyDocument',
          collection: COLLECTIONS.pointsAccounts,
        }),
      )
      const requestId = newRequestId()
      await expect(purchase(requestId)).rejects.toThrow('the function stopped here')
      const left = await deps.store.read.points.entry(purchaseEntryIdOf(requestId))

      clock.set('2026-11-23T02:05:00.000Z')
      await settlePurchaseCredits(deps, TIMER)

      expect(cancellation()).toMatchObject({ ok: true })
      expect(left).toMatchObject({ points: 128 })
      expect(await deps.store.read.points.entry(purchaseEntryIdOf(requestId))).toBeNull()
      expect(await state()).toMatchObject({ balance: 0, lots: 0, ledgerSum: 0, notices: 1 })
      expect(pendingMarks()).toBe(0)
    } finally {
      await cleanup()
    }
  })

  it('costs the purchaseCredits timer four requests for a batch of purchases that finished on their own, writing only the cleared marks', async () => {
    const { deps, clock, double, purchase, state, pendingMarks, cleanup } =
      await aCounterOnCloudbase()
    try {
      for (let i = 0; i < 5; i++) await purchase(newRequestId())
      const before = await state()
      clock.set('2026-11-23T02:05:00.000Z')
      const from = double.requests.length

      const run = await settlePurchaseCredits(deps, TIMER)

      const sent = double.requests.slice(from).map((r) => `${r.action} ${r.collection}`)
      expect(run).toMatchObject({ ok: true, data: { totals: { settled: 6 } } })
      expect(sent).toEqual([
        'database.getDocument points_ledger',
        'database.getDocument points_accounts',
        'database.getDocument outbox',
        'database.modifyDocument points_ledger',
      ])
      expect(pendingMarks()).toBe(0)
      expect(await state()).toEqual(before)
    } finally {
      await cleanup()
    }
  })
})
