import type { Deps } from '../../../../cloudfunctions/_shared/ports'
import { getMyCard } from '../../../../cloudfunctions/_shared/use-cases/card-use-cases'
import { earnPurchase } from '../../../../cloudfunctions/_shared/use-cases/earn-purchase'
import { checkInMember } from '../../../../cloudfunctions/_shared/use-cases/event-check-in'
import { signUpForEvent } from '../../../../cloudfunctions/_shared/use-cases/event-signup'
import { sendNotifications } from '../../../../cloudfunctions/_shared/use-cases/send-notifications'
import { setStarThresholds } from '../../../../cloudfunctions/_shared/use-cases/star-settings'
import { cardCode, timeStep } from '@/domain/card/card-code'
import { aPublishedEvent } from '../../../support/event-flow'
import { recordingSender, subscribed, TIMER } from '../../../support/notification-flow'
import { aMemberAtTheCounter } from '../../../support/points-flow'
import {
  anActiveMember,
  approved,
  callerOf,
  newOpenid,
  registered,
  rejected,
} from '../../../support/registration-flow'
import { inClubState } from '../../../support/star-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

const NOW = '2026-05-10T02:00:00.000Z'

describe('notification producers (SPEC §10)', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps(NOW)))
  afterEach(() => t.cleanup())

  const kindsOf = async (memberId: string) =>
    (await t.deps.store.read.outbox.forMember(memberId)).map((m) => m.kind)
  const messagesOf = async (memberId: string, kind: string) =>
    (await t.deps.store.read.outbox.forMember(memberId)).filter((m) => m.kind === kind)

  describe('registration result', () => {
    it('tells an approved applicant, with the new card number', async () => {
      const reviewer = await addStaff(t.deps, 'reviewer')

      const member = await anActiveMember(t.deps, reviewer)

      expect(await messagesOf(member.memberId, 'registration.approved')).toEqual([
        expect.objectContaining({ payload: { cardNo: member.cardNo }, status: 'pending' }),
      ])
    })

    it('tells a rejected applicant the reason, once per decision, also after a resubmission', async () => {
      const reviewer = await addStaff(t.deps, 'reviewer')
      const openid = newOpenid()
      const memberId = await registered(t.deps, openid)

      await rejected(t.deps, reviewer, memberId, '许可证照片不清晰')
      await registered(t.deps, openid)
      await rejected(t.deps, reviewer, memberId, '店铺地址不完整')

      expect((await messagesOf(memberId, 'registration.rejected')).map((m) => m.payload)).toEqual([
        { reason: '许可证照片不清晰' },
        { reason: '店铺地址不完整' },
      ])
    })

    it('queues nothing when the approval is refused', async () => {
      const reviewer = await addStaff(t.deps, 'reviewer')
      const memberId = await registered(t.deps, newOpenid())
      await approved(t.deps, reviewer, memberId)

      await expect(approved(t.deps, reviewer, memberId)).rejects.toThrow('approval refused')

      expect(await messagesOf(memberId, 'registration.approved')).toHaveLength(1)
    })
  })

  describe('points earned', () => {
    it('tells the member the points of a purchase and the new balance, once per ledger entry', async () => {
      const counter = await aMemberAtTheCounter(t.deps)
      const requestId = newRequestId()
      const purchase = () =>
        earnPurchase(
          t.deps,
          counter.clerkCaller,
          {
            cardNo: counter.member.cardNo!,
            lines: [{ category: 'daily', amountFen: 15_000 }],
            voucherCodes: [],
            receiptNo: '',
          },
          requestId,
        )

      const first = await purchase()
      await purchase()

      expect(first.ok).toBe(true)
      const entryId = first.ok ? first.data.entryId : ''
      expect(await messagesOf(counter.member.id, 'points.earned')).toEqual([
        expect.objectContaining({
          id: `points-earned:${entryId}`,
          payload: { points: 150, balance: 150, label: 'purchase' },
        }),
      ])
    })

    it('tells a member checked in at an event the attendance points and the new balance', async () => {
      const clerk = await addStaff(t.deps, 'clerk')
      const event = await aPublishedEvent(t.deps, { attendancePoints: 80 })
      const reviewer = await addStaff(t.deps, 'reviewer')
      const member = await anActiveMember(t.deps, reviewer)
      await signUpForEvent(
        t.deps,
        callerOf(member.openid),
        { eventId: event.id, acknowledged: false },
        newRequestId(),
      )
      t.clock.set(event.startAt)
      const card = await getMyCard(t.deps, callerOf(member.openid))
      if (!card.ok) throw new Error(card.error.code)
      const secret = new Uint8Array(Buffer.from(card.data.secret, 'base64'))
      const code = cardCode(secret, card.data, timeStep(t.deps.clock.now()))

      const checked = await checkInMember(
        t.deps,
        callerOf(clerk.openid),
        { eventId: event.id, code },
        newRequestId(),
      )

      expect(checked).toMatchObject({ ok: true, data: { points: 80, balance: 80 } })
      expect(await messagesOf(member.memberId, 'points.earned')).toEqual([
        expect.objectContaining({
          id: `points-earned:event-${event.id}-${member.memberId}`,
          payload: { points: 80, balance: 80, label: 'event', title: event.title },
        }),
      ])
    })
  })

  describe('event published', () => {
    it('reaches only the members holding a new-event subscription, one message each, however often the sender runs', async () => {
      const reviewer = await addStaff(t.deps, 'reviewer')
      const [holder, other] = [
        await anActiveMember(t.deps, reviewer),
        await anActiveMember(t.deps, reviewer),
      ]
      await subscribed(t.deps, holder.openid, ['eventNew'])
      const event = await aPublishedEvent(t.deps)
      const wechat = recordingSender()
      const deps: Deps = { ...t.deps, sender: wechat.sender }

      const first = await sendNotifications(deps, TIMER, {})
      await sendNotifications(deps, TIMER, {})

      expect(first).toMatchObject({ ok: true, data: { totals: { fannedOut: 1 } } })
      expect(await messagesOf(holder.memberId, 'event.published')).toEqual([
        expect.objectContaining({
          id: `event-published:${event.id}:${holder.memberId}`,
          payload: {
            eventId: event.id,
            title: event.title,
            startAt: event.startAt,
            place: event.place,
          },
          status: 'sent',
        }),
      ])
      expect(await kindsOf(other.memberId)).not.toContain('event.published')
      expect(wechat.sent.filter((m) => m.templateId === 'local-eventNew')).toEqual([
        expect.objectContaining({
          openid: holder.openid,
          page: `member/event-detail/index?id=${event.id}`,
        }),
      ])
    })

    it('reaches only the club members among the holders for a club-only event', async () => {
      const reviewer = await addStaff(t.deps, 'reviewer')
      const [inClub, outside] = [
        await anActiveMember(t.deps, reviewer),
        await anActiveMember(t.deps, reviewer),
      ]
      await inClubState(t.deps, inClub.memberId, 'active')
      for (const m of [inClub, outside]) await subscribed(t.deps, m.openid, ['eventNew'])
      await aPublishedEvent(t.deps, { clubOnly: true })

      await sendNotifications(t.deps, TIMER, {})

      expect(await kindsOf(inClub.memberId)).toContain('event.published')
      expect(await kindsOf(outside.memberId)).not.toContain('event.published')
    })

    it('fans out page by page to more holders than one page holds', async () => {
      const reviewer = await addStaff(t.deps, 'reviewer')
      const holders = []
      for (let i = 0; i < 130; i++) {
        const member = await anActiveMember(t.deps, reviewer)
        await subscribed(t.deps, member.openid, ['eventNew'])
        holders.push(member)
      }
      const event = await aPublishedEvent(t.deps)

      const run = await sendNotifications(t.deps, TIMER, {})

      expect(run).toMatchObject({ ok: true, data: { totals: { fannedOut: 130, sent: 130 } } })
      const broadcast = await t.deps.store.read.broadcasts.get(`event-published:${event.id}`)
      expect(broadcast).toMatchObject({ status: 'done', fannedOut: 130 })
    })
  })

  describe('rule changes', () => {
    it('tells the holders of a star subscription when the thresholds change, once a day', async () => {
      const reviewer = await addStaff(t.deps, 'reviewer')
      const admin = await addStaff(t.deps, 'admin')
      const holder = await anActiveMember(t.deps, reviewer)
      // Two sends held: a second message, were one (wrongly) queued, could go too.
      await subscribed(t.deps, holder.openid, ['star'])
      await subscribed(t.deps, holder.openid, ['star'])
      const set = (thresholds: number[]) =>
        setStarThresholds(
          t.deps,
          callerOf(admin.openid),
          { effectiveYear: 2027, thresholds },
          newRequestId(),
        )

      await set([1000, 3000, 6000, 10000])
      await set([1200, 3000, 6000, 10000])
      await sendNotifications(t.deps, TIMER, {})

      expect(await messagesOf(holder.memberId, 'rules.changed')).toEqual([
        expect.objectContaining({
          payload: { rule: 'star-thresholds', effectiveYear: 2027 },
          status: 'sent',
        }),
      ])
    })
  })
})
