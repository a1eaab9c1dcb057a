import {
  getMyCard,
  verifyCardCodeUseCase,
} from '../../../../cloudfunctions/_shared/use-cases/card-use-cases'
import { codeUseId } from '../../../../cloudfunctions/_shared/ports'
import { cardCode, timeStep } from '@/domain/card/card-code'
import { aCountedCloudbase } from '../../../support/cloudbase/round-trips'
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
