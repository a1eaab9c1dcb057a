import { jobsFunction, JOB_TIMERS } from '../../cloudfunctions/jobs/index'
import { memberFunction } from '../../cloudfunctions/member/index'
import { sendNotificationsInput, subscribeInput } from '@/contracts/notifications'
import { CHINESE, sendAsOutsiders, sendSpoiledPayloads } from '../support/hostile-payloads'
import { anActiveMember, callerOf } from '../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../support/test-deps'

describe('notification actions of the member and jobs functions', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps()))
  afterEach(() => t.cleanup())

  async function aMember() {
    const reviewer = await addStaff(t.deps, 'reviewer')
    return anActiveMember(t.deps, reviewer)
  }

  it('turns away every spoiled subscribe payload as INPUT.INVALID, changing nothing', async () => {
    const member = await aMember()
    const before = t.snapshot()

    const sent = await sendSpoiledPayloads(
      memberFunction,
      'subscribe',
      { accepted: ['points'] },
      subscribeInput,
      callerOf(member.openid),
      t.deps,
    )

    expect(sent).toBeGreaterThanOrEqual(12)
    expect(t.snapshot()).toEqual(before)
  })

  it.each([
    ['an unknown template', { accepted: ['marketing'] }, 'accepted.0'],
    [
      'more than 3 templates, as WeChat asks at most 3',
      { accepted: ['points', 'star', 'review', 'reply'] },
      'accepted',
    ],
  ])('refuses %s with a Chinese message', async (_case, payload, field) => {
    const member = await aMember()

    const envelope = await memberFunction.handle(
      { action: 'subscribe', payload, requestId: newRequestId() },
      callerOf(member.openid),
      t.deps,
    )

    expect(envelope).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    const fields = (envelope as { error: { fields: Record<string, string> } }).error.fields
    expect(fields[field]).toMatch(CHINESE)
  })

  it('needs a request id to subscribe', async () => {
    const member = await aMember()

    const envelope = await memberFunction.handle(
      { action: 'subscribe', payload: { accepted: ['points'] } },
      callerOf(member.openid),
      t.deps,
    )

    expect(envelope).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
  })

  it('refuses subscriptions from staff and from WeChat users without an account', async () => {
    const clerk = await addStaff(t.deps, 'clerk')
    const before = t.snapshot()

    await sendAsOutsiders(
      memberFunction,
      'subscribe',
      { accepted: ['points'] },
      [callerOf(clerk.openid), callerOf('o_guest'), callerOf('')],
      t.deps,
    )

    expect(t.snapshot()).toEqual(before)
  })

  it('lets only the scheduler and admins run the sender and the reminders', async () => {
    const member = await aMember()
    const clerk = await addStaff(t.deps, 'clerk')
    const reviewer = await addStaff(t.deps, 'reviewer')
    const before = t.snapshot()

    for (const action of ['sendNotifications', 'remindEvents']) {
      await sendAsOutsiders(
        jobsFunction,
        action,
        {},
        [callerOf(member.openid), callerOf(clerk.openid), callerOf(reviewer.openid), callerOf('')],
        t.deps,
      )
    }

    expect(t.snapshot()).toEqual(before)
  })

  it('turns away a spoiled sender payload as INPUT.INVALID', async () => {
    const admin = await addStaff(t.deps, 'admin')

    const sent = await sendSpoiledPayloads(
      jobsFunction,
      'sendNotifications',
      { limit: 10 },
      sendNotificationsInput,
      callerOf(admin.openid),
      t.deps,
    )

    expect(sent).toBeGreaterThanOrEqual(10)
  })

  it('runs the sender every minute and the reminders hourly from their timers', () => {
    expect(JOB_TIMERS).toMatchObject({
      outboxSender: 'sendNotifications',
      eventReminders: 'remindEvents',
    })
  })
})
