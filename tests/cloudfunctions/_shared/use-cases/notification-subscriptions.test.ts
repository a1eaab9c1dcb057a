import {
  notificationSettings,
  subscribe,
} from '../../../../cloudfunctions/_shared/use-cases/notification-subscriptions'
import { TEMPLATE_KEYS } from '@/domain/notification/templates'
import { anActiveMember, callerOf } from '../../../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

describe('subscribe', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps()))
  afterEach(() => t.cleanup())

  async function aMember() {
    const reviewer = await addStaff(t.deps, 'reviewer')
    return anActiveMember(t.deps, reviewer)
  }

  it('gives the member one more send of each template accepted in WeChat’s dialog', async () => {
    const member = await aMember()

    const first = await subscribe(
      t.deps,
      callerOf(member.openid),
      { accepted: ['points', 'star'] },
      newRequestId(),
    )
    const second = await subscribe(
      t.deps,
      callerOf(member.openid),
      { accepted: ['points'] },
      newRequestId(),
    )

    expect(first).toEqual({ ok: true, data: { credits: { points: 1, star: 1 } } })
    expect(second).toEqual({ ok: true, data: { credits: { points: 2, star: 1 } } })
  })

  it('counts a template named twice in one answer once', async () => {
    const member = await aMember()

    const result = await subscribe(
      t.deps,
      callerOf(member.openid),
      { accepted: ['review', 'review'] },
      newRequestId(),
    )

    expect(result).toEqual({ ok: true, data: { credits: { review: 1 } } })
  })

  it('adds the sends once per request id: a retry returns the first result and adds nothing', async () => {
    const member = await aMember()
    const requestId = newRequestId()
    const send = () =>
      subscribe(t.deps, callerOf(member.openid), { accepted: ['eventReminder'] }, requestId)

    const first = await send()
    const before = t.snapshot()
    const retry = await send()

    expect(retry).toEqual(first)
    expect(t.snapshot()).toEqual(before)
    expect(await t.deps.store.read.subscriptions.credits(member.memberId)).toEqual({
      eventReminder: 1,
    })
  })

  it('is for members: a guest, a staff account or nobody signed in is refused', async () => {
    const clerk = await addStaff(t.deps, 'clerk')
    const before = t.snapshot()

    const refused = await Promise.all(
      [callerOf('o_guest_1'), callerOf(clerk.openid), callerOf('')].map((caller) =>
        subscribe(t.deps, caller, { accepted: ['points'] }, newRequestId()),
      ),
    )

    for (const result of refused) {
      expect(result).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^AUTH\./) } })
    }
    expect(t.snapshot()).toEqual(before)
  })
})

describe('notificationSettings', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps()))
  afterEach(() => t.cleanup())

  it('gives the template id of every key and the member’s unused sends', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const member = await anActiveMember(t.deps, reviewer)
    await subscribe(t.deps, callerOf(member.openid), { accepted: ['star'] }, newRequestId())

    const settings = await notificationSettings(t.deps, callerOf(member.openid))

    expect(settings).toEqual({
      ok: true,
      data: {
        templates: TEMPLATE_KEYS.map((key) => ({ key, templateId: `local-${key}` })),
        credits: { star: 1 },
      },
    })
  })

  it('gives a WeChat user who is not a member yet the templates, to ask for at registration', async () => {
    const settings = await notificationSettings(t.deps, callerOf('o_new_user'))

    expect(settings).toMatchObject({ ok: true, data: { credits: {} } })
    expect(settings.ok && settings.data.templates).toHaveLength(TEMPLATE_KEYS.length)
  })

  it('uses the template ids set in CLUB_SUBSCRIBE_TEMPLATES', async () => {
    const deps = {
      ...t.deps,
      settings: {
        ...t.deps.settings,
        subscribeTemplates: { ...t.deps.settings.subscribeTemplates, points: 'tmpl-PTS' },
      },
    }

    const settings = await notificationSettings(deps, callerOf('o_new_user'))

    expect(settings.ok && settings.data.templates).toContainEqual({
      key: 'points',
      templateId: 'tmpl-PTS',
    })
  })

  it('needs someone signed in', async () => {
    const settings = await notificationSettings(t.deps, callerOf(''))

    expect(settings).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_SIGNED_IN' } })
  })
})
