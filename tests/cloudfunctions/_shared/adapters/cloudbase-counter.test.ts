import {
  getMyCard,
  verifyCardCodeUseCase,
} from '../../../../cloudfunctions/_shared/use-cases/card-use-cases'
import { codeUseId } from '../../../../cloudfunctions/_shared/ports'
import { cardFunction } from '../../../../cloudfunctions/card/index'
import { RATE_RULES } from '@/domain/shared/rate-limits'
import { cardCode, timeStep } from '@/domain/card/card-code'
import { aCountedCloudbase, roundTripsOf } from '../../../support/cloudbase/round-trips'
import { aMemberAtTheCounter } from '../../../support/points-flow'
import { callerOf } from '../../../support/registration-flow'
import { newRequestId } from '../../../support/test-deps'

/**
 * The card verify on CloudBase writes twice without a transaction (cloudbase-scenes.ts): the
 * code's audit record, then the card's scan. A function can stop between the two; these show
 * that nothing is lost or granted by it.
 */
describe('card verify on CloudBase, stopped between its two writes', () => {
  async function aVerifyCutShort() {
    const counted = aCountedCloudbase('2026-11-23T02:00:00.000Z')
    const { deps, clock } = counted
    const { member: record, clerk, clerkCaller } = await aMemberAtTheCounter(deps)
    const member = { ...record, cardNo: record.cardNo! }
    clock.set('2026-11-23T02:01:00.000Z')
    const card = await getMyCard(deps, callerOf(member.openid))
    if (!card.ok) throw new Error(card.error.code)
    const step = timeStep(clock.now())
    const code = cardCode(Buffer.from(card.data.secret, 'base64'), card.data, step)
    const requestId = newRequestId()
    // The first attempt's audit record went in; then the function stopped.
    const useId = codeUseId(member.cardNo, card.data.version, step)
    const firstAttempt = {
      id: useId,
      actorId: clerk.id,
      actorRole: 'clerk',
      action: 'card.verify',
      targetType: 'member',
      targetId: member.id,
      before: null,
      after: { cardNo: member.cardNo },
      reason: 'counter',
      requestId,
      at: clock.now().toISOString(),
    }
    await deps.store.transaction((tx) => tx.audit.append(firstAttempt))
    return { ...counted, member, clerk, clerkCaller, code, requestId, useId }
  }

  it("finishes on the retry: the clerk sees the member and the card remembers the clerk's scan", async () => {
    const { deps, member, clerk, clerkCaller, code, requestId, useId, cleanup } =
      await aVerifyCutShort()
    try {
      const retry = await verifyCardCodeUseCase(deps, clerkCaller, { code }, requestId)

      expect(retry).toMatchObject({ ok: true, data: { memberId: member.id } })
      expect(await deps.store.read.cards.byCardNo(member.cardNo)).toMatchObject({
        lastScanBy: clerk.id,
        lastScanRequestId: requestId,
      })
      const audit = await deps.store.read.audit.forTarget('member', member.id)
      expect(audit.filter((record) => record.id === useId)).toHaveLength(1)
    } finally {
      await cleanup()
    }
  })

  it('refuses the same code from any other request, and the card keeps its earlier scan', async () => {
    const { deps, member, clerkCaller, code, cleanup } = await aVerifyCutShort()
    try {
      const before = await deps.store.read.cards.byCardNo(member.cardNo)

      const other = await verifyCardCodeUseCase(deps, clerkCaller, { code }, newRequestId())

      expect(other).toMatchObject({ ok: false, error: { code: 'CARD.CODE_REPLAYED' } })
      expect(await deps.store.read.cards.byCardNo(member.cardNo)).toEqual(before)
    } finally {
      await cleanup()
    }
  })
})

/**
 * A verify's rate count goes out alongside its scene's read (one round trip for both). A clerk's
 * phone over its limit has its scene read, but nothing is written and nothing of it answered.
 */
describe('card verify on CloudBase, counted alongside its read', () => {
  it(`answers a clerk's phone past ${RATE_RULES.codeCheck.points} checks a minute as limited, right code or not, writing nothing but the count`, async () => {
    const { deps, double, clock, cleanup } = aCountedCloudbase('2026-11-23T02:00:00.000Z')
    try {
      const { member, clerk } = await aMemberAtTheCounter(deps)
      const card = await getMyCard(deps, callerOf(member.openid))
      if (!card.ok) throw new Error(card.error.code)
      clock.set('2026-11-23T02:05:00.000Z')
      const step = timeStep(clock.now())
      const verify = (code: string) =>
        cardFunction.handle(
          { action: 'verify', payload: { code }, requestId: newRequestId() },
          callerOf(clerk.openid),
          deps,
        )
      for (let i = 0; i < RATE_RULES.codeCheck.points; i++) {
        const guess = await verify(`RCC1.${member.cardNo}.1.${step.toString(36)}.AAAAAAAAAAAAAAAA`)
        expect(guess).toMatchObject({ ok: false, error: { code: 'CARD.CODE_FORGED' } })
      }
      const cards = double.documents('cards')
      const audit = double.documents('audit_log')

      const right = cardCode(Buffer.from(card.data.secret, 'base64'), card.data, step)
      const { value: refused, trips } = await roundTripsOf(double, () => verify(right))

      expect(refused).toMatchObject({ ok: false, error: { code: 'SYS.RATE_LIMITED' } })
      // Past the limit the count itself takes a transaction (cloudbase-rate-counts.ts); beside
      // it, the one read of the scene, and no other request.
      const beside = trips.actions
        .map((a) => a.replace('∥ ', ''))
        .filter((a) => !a.endsWith(' rate_counts') && !a.endsWith('Transaction'))
      expect(beside).toEqual(['aggregateDocuments staff'])
      expect(double.documents('cards')).toEqual(cards)
      expect(double.documents('audit_log')).toEqual(audit)
    } finally {
      await cleanup()
    }
  })
})
