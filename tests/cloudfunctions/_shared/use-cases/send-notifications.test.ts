import type { Deps, OutboxMessage } from '../../../../cloudfunctions/_shared/ports'
import { sendNotifications } from '../../../../cloudfunctions/_shared/use-cases/send-notifications'
import { claim } from '@/domain/notification/delivery'
import { recordingSender, subscribed, TIMER, wechatError } from '../../../support/notification-flow'
import { anActiveMember, callerOf } from '../../../support/registration-flow'
import { addStaff, testDeps } from '../../../support/test-deps'

const NOW = '2026-11-23T02:00:00.000Z'
const later = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString()
const MINUTE = 60_000

describe('sendNotifications', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps(NOW)))
  afterEach(() => t.cleanup())

  /** An approved member: their registration.approved message waits in the outbox. */
  async function anApprovedMember() {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const member = await anActiveMember(t.deps, reviewer)
    const [message] = await t.deps.store.read.outbox.forMember(member.memberId)
    return { ...member, messageId: message!.id }
  }
  const run = (deps: Deps, input: { limit?: number } = {}) => sendNotifications(deps, TIMER, input)
  const statusOf = async (id: string) => (await t.deps.store.read.outbox.get(id))!
  const creditsOf = (memberId: string) => t.deps.store.read.subscriptions.credits(memberId)

  it('sends a due message once, to the member, with its template, page and fields, using one subscription', async () => {
    const member = await anApprovedMember()
    await subscribed(t.deps, member.openid, ['review'])
    const wechat = recordingSender()
    const deps = { ...t.deps, sender: wechat.sender }

    const first = await run(deps)
    const again = await run(deps)

    expect(wechat.sent).toEqual([
      {
        openid: member.openid,
        templateId: 'local-review',
        page: 'pages/index/index',
        data: {
          thing1: { value: '会员注册' },
          phrase2: { value: '已通过' },
          thing3: { value: `会员卡号${member.cardNo}` },
          time4: { value: '2026-11-23 10:00' },
        },
      },
    ])
    expect(first).toMatchObject({ ok: true, data: { totals: { sent: 1 } } })
    expect(again).toMatchObject({ ok: true, data: { totals: { sent: 0 } } })
    expect(await statusOf(member.messageId)).toMatchObject({
      status: 'sent',
      attempts: 1,
      sentAt: NOW,
      claimedAt: null,
    })
    expect(await creditsOf(member.memberId)).toEqual({ review: 0 })
  })

  it('skips a message whose member holds no subscription for its template: nothing is sent', async () => {
    const member = await anApprovedMember()
    await subscribed(t.deps, member.openid, ['points'])
    const wechat = recordingSender()

    const result = await run({ ...t.deps, sender: wechat.sender })

    expect(wechat.sent).toEqual([])
    expect(result).toMatchObject({ ok: true, data: { totals: { skipped: 1, sent: 0 } } })
    expect(await statusOf(member.messageId)).toMatchObject({
      status: 'skipped',
      attempts: 0,
      lastError: 'no-subscription',
    })
    expect(await creditsOf(member.memberId)).toEqual({ points: 1 })
  })

  it('retries a transient error on the backoff (1 min, then 5 min), keeping the subscription until delivered', async () => {
    const member = await anApprovedMember()
    await subscribed(t.deps, member.openid, ['review'])
    const wechat = recordingSender([wechatError(-1), wechatError(45009)])
    const deps = { ...t.deps, sender: wechat.sender }

    await run(deps)
    const afterFirst = await statusOf(member.messageId)
    const creditsBetween = await creditsOf(member.memberId)
    t.clock.set(later(MINUTE - 1))
    await run(deps)
    const sentEarly = wechat.sent.length
    t.clock.set(later(MINUTE))
    await run(deps)
    const afterSecond = await statusOf(member.messageId)
    t.clock.set(later(MINUTE + 5 * MINUTE))
    await run(deps)

    expect(afterFirst).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'wechat:-1',
      nextAttemptAt: later(MINUTE),
    })
    expect(creditsBetween).toEqual({ review: 1 })
    expect(sentEarly).toBe(1)
    expect(afterSecond).toMatchObject({
      status: 'pending',
      attempts: 2,
      lastError: 'wechat:45009',
      nextAttemptAt: later(MINUTE + 5 * MINUTE),
    })
    expect(wechat.sent).toHaveLength(3)
    expect(await statusOf(member.messageId)).toMatchObject({ status: 'sent', attempts: 3 })
    expect(await creditsOf(member.memberId)).toEqual({ review: 0 })
  })

  it('fails a message after its sixth attempt, when the last retry (12 h) fails too', async () => {
    const member = await anApprovedMember()
    await subscribed(t.deps, member.openid, ['review'])
    const wechat = recordingSender(Array.from({ length: 6 }, () => wechatError(-1)))
    const deps = { ...t.deps, sender: wechat.sender }

    for (const wait of [0, 1, 5, 30, 120, 720]) {
      t.clock.set(new Date(t.clock.now().getTime() + wait * MINUTE).toISOString())
      await run(deps)
    }
    t.clock.set(later(7 * 24 * 60 * MINUTE))
    await run(deps)

    expect(wechat.sent).toHaveLength(6)
    expect(await statusOf(member.messageId)).toMatchObject({
      status: 'failed',
      attempts: 6,
      lastError: 'wechat:-1',
      nextAttemptAt: null,
    })
  })

  it('fails a message at once on a permanent error, giving back the subscription WeChat did not use', async () => {
    const member = await anApprovedMember()
    await subscribed(t.deps, member.openid, ['review'])
    const wechat = recordingSender([wechatError(47003, true)])
    const deps = { ...t.deps, sender: wechat.sender }

    await run(deps)
    t.clock.set(later(24 * 60 * MINUTE))
    await run(deps)

    expect(wechat.sent).toHaveLength(1)
    expect(await statusOf(member.messageId)).toMatchObject({
      status: 'failed',
      lastError: 'wechat:47003',
    })
    expect(await creditsOf(member.memberId)).toEqual({ review: 1 })
  })

  it('keeps no subscription when WeChat says the member holds none (43101)', async () => {
    const member = await anApprovedMember()
    await subscribed(t.deps, member.openid, ['review'])
    const wechat = recordingSender([wechatError(43101, true)])

    await run({ ...t.deps, sender: wechat.sender })

    expect(await statusOf(member.messageId)).toMatchObject({ status: 'failed' })
    expect(await creditsOf(member.memberId)).toEqual({ review: 0 })
  })

  it('sends each message exactly once when two senders run at the same time', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const members = []
    for (let i = 0; i < 8; i++) {
      const member = await anActiveMember(t.deps, reviewer)
      await subscribed(t.deps, member.openid, ['review'])
      members.push(member)
    }
    const wechat = recordingSender()
    const deps = { ...t.deps, sender: wechat.sender }

    const [a, b] = await Promise.all([run(deps), run(deps)])

    const recipients = wechat.sent.map((m) => m.openid).sort()
    expect(recipients).toEqual(members.map((m) => m.openid).sort())
    expect([a, b].reduce((sum, r) => sum + (r.ok ? (r.data.totals.sent ?? 0) : 0), 0)).toBe(8)
  })

  it('never sends again a message whose send threw: it may have reached WeChat (unknown)', async () => {
    const member = await anApprovedMember()
    // Enough subscriptions for a second send, were one (wrongly) attempted.
    await subscribed(t.deps, member.openid, ['review'])
    await subscribed(t.deps, member.openid, ['review'])
    const wechat = recordingSender(['throw'])
    const deps = { ...t.deps, sender: wechat.sender }

    const first = await run(deps)
    t.clock.set(later(24 * 60 * MINUTE))
    await run(deps)

    expect(wechat.sent).toHaveLength(1)
    expect(first).toMatchObject({ ok: true, data: { totals: { unknown: 1 } } })
    expect(await statusOf(member.messageId)).toMatchObject({
      status: 'unknown',
      lastError: 'send-threw',
    })
    expect(t.errors).toEqual([
      expect.objectContaining({ message: 'subscribe message outcome unknown' }),
    ])
  })

  it('gives up a claim never settled (its sender died after sending) as unknown after 10 minutes, never sending it', async () => {
    const member = await anApprovedMember()
    await subscribed(t.deps, member.openid, ['review'])
    await t.deps.store.transaction(async (tx) => {
      const message = (await tx.outbox.get(member.messageId))!
      await tx.outbox.save(claim(message, t.clock.now()))
    })
    const wechat = recordingSender()
    const deps = { ...t.deps, sender: wechat.sender }

    t.clock.set(later(10 * MINUTE - 1))
    await run(deps)
    const stillClaimed = await statusOf(member.messageId)
    t.clock.set(later(10 * MINUTE))
    const swept = await run(deps)
    t.clock.set(later(24 * 60 * MINUTE))
    await run(deps)

    expect(stillClaimed.status).toBe('sending')
    expect(swept).toMatchObject({ ok: true, data: { totals: { unknown: 1 } } })
    expect(await statusOf(member.messageId)).toMatchObject({
      status: 'unknown',
      lastError: 'claim-expired',
    })
    expect(wechat.sent).toEqual([])
  })

  it('fails a message of a kind no template is mapped to, sending nothing', async () => {
    const member = await anApprovedMember()
    const odd: OutboxMessage = {
      id: 'marketing:1',
      memberId: member.memberId,
      kind: 'marketing.blast',
      payload: {},
      createdAt: NOW,
      status: 'pending',
    }
    await t.deps.store.transaction((tx) => tx.outbox.add(odd))
    const wechat = recordingSender()

    await run({ ...t.deps, sender: wechat.sender })

    expect(await statusOf(odd.id)).toMatchObject({ status: 'failed', lastError: 'no-template' })
    expect(wechat.sent).toEqual([])
  })

  it('sends no more than the limit per call, the rest on the next', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    for (let i = 0; i < 3; i++) {
      const member = await anActiveMember(t.deps, reviewer)
      await subscribed(t.deps, member.openid, ['review'])
    }
    const wechat = recordingSender()
    const deps = { ...t.deps, sender: wechat.sender }

    await run(deps, { limit: 2 })
    const afterFirst = wechat.sent.length
    await run(deps, { limit: 2 })

    expect([afterFirst, wechat.sent.length]).toEqual([2, 3])
  })

  it('is run by the scheduler or an admin only', async () => {
    const member = await anApprovedMember()
    const clerk = await addStaff(t.deps, 'clerk')
    const admin = await addStaff(t.deps, 'admin')

    const asMember = await sendNotifications(t.deps, callerOf(member.openid), {})
    const asClerk = await sendNotifications(t.deps, callerOf(clerk.openid), {})
    const asAdmin = await sendNotifications(t.deps, callerOf(admin.openid), {})

    expect(asMember).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^AUTH\./) } })
    expect(asClerk).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(asAdmin).toMatchObject({ ok: true })
  })
})
