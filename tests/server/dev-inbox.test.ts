import { buildLocalHost } from '../../server/app'
import { DEMO_IDENTITIES } from '../../server/demo-identities'
import { FUNCTIONS } from '../../server/functions'
import { startTestHost } from '../support/local-host-client'
import { aMemberAtTheCounter, purchaseOf } from '../support/points-flow'
import { newRequestId, sqliteTestDeps } from '../support/test-deps'

describe('the dev inbox of the local host (GET /dev/inbox)', () => {
  let t: ReturnType<typeof sqliteTestDeps>
  beforeEach(() => (t = sqliteTestDeps('2026-11-23T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  it('shows the subscribe messages sent, newest first, with their template’s fields', async () => {
    const counter = await aMemberAtTheCounter(t.deps)
    const host = await startTestHost(t.deps)
    try {
      const cookie = await host.signIn(counter.member.openid)
      const subscribed = await host.call(
        cookie,
        'member',
        'subscribe',
        { accepted: ['review', 'points'] },
        newRequestId(),
      )
      const inbox = () => fetch(`${host.base}/dev/inbox`).then((res) => res.text())
      const sendNow = () =>
        fetch(`${host.base}/dev/inbox/send`, { method: 'POST', redirect: 'manual' })

      const empty = await inbox()
      const pressed = await sendNow()
      t.clock.set('2026-11-23T03:00:00.000Z')
      await purchaseOf(t.deps, counter.clerk.openid, counter.member.cardNo!, 150)
      await sendNow()
      const shown = await fetch(`${host.base}${pressed.headers.get('location')}`)
      const page = await shown.text()

      expect(subscribed).toMatchObject({ ok: true, data: { credits: { review: 1, points: 1 } } })
      expect(empty).toContain('还没有发出的消息')
      expect(pressed.status).toBe(302)
      expect(pressed.headers.get('location')).toMatch(/^\/dev\/inbox\?sent=1&skipped=0/)
      expect(shown.headers.get('content-type')).toMatch(/text\/html/)
      expect(page).toContain('刚才发送：发出 1 条')
      expect(page).toContain(`会员卡号${counter.member.cardNo}`)
      expect(page).toContain(counter.member.realName)
      expect(page).toContain('local-review')
      const points = page.indexOf('积分变动提醒')
      const review = page.indexOf('审核结果通知')
      expect(points).toBeGreaterThan(-1)
      expect(review).toBeGreaterThan(points)
      expect(page).toContain('消费积分到账')
      expect(page).toContain('<dd>150</dd>')
    } finally {
      await host.close()
    }
  })

  it('is for this machine only', async () => {
    const app = buildLocalHost({
      functions: FUNCTIONS,
      deps: t.deps,
      sessionSecret: 'dev-inbox-test-secret-dev-inbox-test-secret',
      identities: DEMO_IDENTITIES,
    })
    try {
      const page = await app.inject({ method: 'GET', url: '/dev/inbox', remoteAddress: '10.1.2.3' })
      const send = await app.inject({
        method: 'POST',
        url: '/dev/inbox/send',
        remoteAddress: '10.1.2.3',
      })

      expect([page.statusCode, send.statusCode]).toEqual([403, 403])
    } finally {
      await app.close()
    }
  })
})
