import type { Page } from 'playwright-core'
import { adjustStars } from '../../cloudfunctions/_shared/use-cases/adjust-stars'
import { applyClub, approveClub } from '../../cloudfunctions/_shared/use-cases/club-membership'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { callerOf } from '../support/registration-flow'
import { TIMER } from '../support/star-flow'
import { newRequestId } from '../support/test-deps'
import { codeShownBy, fillField, phonePageAs, tapButton } from './support/browser'
import { useLocalHostAndBrowser } from './support/local-host'

const MINUTE = 60 * 1000

describe('events, end to end in the H5 build', () => {
  const world = useLocalHostAndBrowser()

  const pageAs = (openid: string) => phonePageAs(world.browser, world.host.url, openid)

  /** The clerk opens 活动签到, picks the event titled `title` and checks in the member's `code`. */
  async function checkInAt(clerk: Page, title: string, code: string) {
    await tapButton(clerk, '活动签到')
    const choice = clerk.locator('[data-testid=checkin-event]', { hasText: title })
    await choice.waitFor()
    await choice.click()
    await fillField(clerk, 'code', code)
    // The home page stays in the DOM (hidden) with its 活动签到 button: take the visible 签到.
    await clerk
      .locator('taro-button-core:visible')
      .filter({ hasText: /^\s*签到\s*$/ })
      .click()
  }

  /** 孙丽华 becomes a 3★ club member the way the product does it: adjustment, application, approval. */
  async function aThreeStarClubMember() {
    const { deps } = world.host
    const member = callerOf('o_demo_star')
    const steps = [
      await adjustStars(deps, TIMER, {}),
      await applyClub(deps, member, newRequestId()),
      await approveClub(
        deps,
        callerOf('o_demo_reviewer'),
        { memberId: (await deps.store.read.members.byOpenid('o_demo_star'))!.id },
        newRequestId(),
      ),
    ]
    for (const step of steps) if (!step.ok) throw new Error(JSON.stringify(step.error))
  }

  it('admin publishes a club-only event → a 3★ club member signs up → the clerk checks them in → the member sees 已签到 and the points', async () => {
    await aThreeStarClubMember()
    const now = Date.now()
    const shanghai = (offsetMs: number) =>
      formatShanghaiDateTime(new Date(now + offsetMs).toISOString())

    const admin = await pageAs('o_demo_admin')
    await tapButton(admin, '活动管理')
    await tapButton(admin, '新建活动')
    await tapButton(admin, '品鉴会')
    await fillField(admin, 'title', '总经理见面会')
    await admin.locator('[data-field="description"] textarea').fill('与总经理面对面交流来年合作。')
    await fillField(admin, 'place', '供应商总部三楼会议室')
    await fillField(admin, 'contact', '周敏 025-84561234')
    await fillField(admin, 'startAt', shanghai(60 * MINUTE))
    await fillField(admin, 'endAt', shanghai(180 * MINUTE))
    await fillField(admin, 'signupOpensAt', shanghai(-60 * MINUTE))
    await fillField(admin, 'signupClosesAt', shanghai(50 * MINUTE))
    await fillField(admin, 'capacity', '20')
    await fillField(admin, 'attendancePoints', '120')
    await admin.locator('[data-field="clubOnly"] .nut-switch').click()
    await tapButton(admin, '保存')
    const row = admin.locator('[data-testid=admin-event][data-title="总经理见面会"]')
    await row.waitFor()
    await row.locator('taro-button-core', { hasText: '发布' }).click()
    await admin
      .locator('[data-testid=admin-event][data-title="总经理见面会"][data-status=published]')
      .waitFor()

    const outsider = await pageAs('o_demo_member')
    await outsider.goto(`${world.host.url}/#/pages/events/index`)
    const shownToOutsider = outsider.locator('[data-testid=event-card][data-title="总经理见面会"]')
    await shownToOutsider.getByText('仅限俱乐部会员').waitFor()

    const member = await pageAs('o_demo_star')
    await member.goto(`${world.host.url}/#/pages/events/index`)
    await member.locator('[data-testid=event-card][data-title="总经理见面会"]').click()
    await tapButton(member, '立即报名')
    await member.locator('[data-testid=signup-status]').getByText('已确认').waitFor()

    const code = await codeShownBy(member, world.host.url)
    const clerk = await pageAs('o_demo_clerk')
    await checkInAt(clerk, '总经理见面会', code)
    const result = clerk.locator('[data-testid=checkin-result]')
    await result.getByText('孙丽华 签到成功').waitFor()
    expect(await result.innerText()).toContain('+120 积分')

    const event = (
      await world.host.deps.store.read.events.list({ statuses: ['published'] }, 0, 10)
    ).items.find((e) => e.title === '总经理见面会')!
    await member.goto(`${world.host.url}/#/member/event-detail/index?id=${event.id}`)
    await member.locator('[data-testid=signup-status]').getByText('已签到').waitFor()
    await member.goto(`${world.host.url}/#/pages/points/index`)
    await member.getByText('+120').first().waitFor()
  })

  it('right after start, the demo has an event open for check-in today: the clerk checks the demo member in with the code on their card', async () => {
    const member = await pageAs('o_demo_member')
    const code = await codeShownBy(member, world.host.url)
    const clerk = await pageAs('o_demo_clerk')

    await checkInAt(clerk, '今日门店陈列实操培训', code)

    const result = clerk.locator('[data-testid=checkin-result]')
    await result.getByText('王建国 签到成功').waitFor()
    expect(await result.innerText()).toContain('+20 积分')
    expect(await clerk.getByText('当前没有可签到的活动').count()).toBe(0)
  })

  it('the 活动 tab keeps time and status apart from the categories: 运动会 shows the sports day only, 往期活动 shows none yet', async () => {
    const member = await pageAs('o_demo_member')
    await member.goto(`${world.host.url}/#/pages/events/index`)
    const cards = member.locator('[data-testid=event-card]:visible')
    await cards.first().waitFor()

    await member.locator('[data-testid=kind-filter] [data-kind=sports]').click()
    await member.locator('[data-testid=kind-filter] [data-kind=sports][data-active=true]').waitFor()
    await member.waitForFunction(() =>
      Array.from(document.querySelectorAll('[data-testid=event-card]')).every(
        (card) => card.getAttribute('data-title') === '零售户秋季运动会',
      ),
    )
    const sportsOnly = await cards.evaluateAll((all) =>
      all.map((c) => c.getAttribute('data-title')),
    )
    await member.locator('[data-testid=when-filter] [data-when=past]').click()
    await member.getByText('暂无活动').waitFor()

    expect(sportsOnly).toEqual(['零售户秋季运动会'])
    // The filters are text tabs and segments, not the filled labels each event card carries.
    expect(await member.locator('[data-testid=kind-filter] .nut-tag').count()).toBe(0)
    expect(
      await member
        .locator('[data-testid=kind-filter] [data-kind=sports]')
        .evaluate((chip) => getComputedStyle(chip).backgroundColor),
    ).toBe('rgba(0, 0, 0, 0)')
  })
})
