import { shanghaiYear } from '@/domain/shared/calendar'
import { phonePageAs, tapButton } from './support/browser'
import { useLocalHostAndBrowser } from './support/local-host'

describe('star levels and the club, end to end in the H5 build', () => {
  const world = useLocalHostAndBrowser()

  const pageAs = (openid: string) => phonePageAs(world.browser, world.host.url, openid)

  it("an admin runs last year's adjustment → the member with 3000 points is greeted with 升星 once, sees 3★, applies, and is admitted", async () => {
    const admin = await pageAs('o_demo_admin')
    await tapButton(admin, '星级管理')
    await tapButton(admin, '执行年度调整')
    const progress = admin.locator('[data-testid=adjustment-progress]')
    await admin.locator('[data-testid=adjustment]').getByText('已完成').waitFor()
    expect(await progress.innerText()).toContain('3 / 3')

    const member = await pageAs('o_demo_star')
    const moment = member.locator('[data-testid=star-moment]')
    await moment.getByText('恭喜升星！').waitFor()
    expect(await moment.innerText()).toContain(
      `${shanghaiYear(new Date())}年您已升至3★三星会员（上年1★）`,
    )
    await moment.locator('taro-button-core', { hasText: '知道了' }).click()
    await moment.waitFor({ state: 'detached' })
    await member.reload()
    await member.locator('[data-testid=registration-status]').waitFor()
    expect(await moment.count()).toBe(0)

    await member.goto(`${world.host.url}/#/member/star/index`)
    const star = member.locator('[data-testid=my-star]')
    await star.locator('[data-testid=star-badge][data-star="3"]').getByText('三星会员').waitFor()
    expect(await star.locator('[data-testid=star-benefits]').innerText()).toContain(
      '可申请加入俱乐部',
    )
    await tapButton(member, '申请加入俱乐部')
    const club = member.locator('[data-testid=club-status]')
    await club.getByText('申请审核中').waitFor()

    const reviewer = await pageAs('o_demo_reviewer')
    await tapButton(reviewer, '俱乐部审核')
    const application = reviewer.locator('[data-testid=club-application]', { hasText: '孙丽华' })
    await application.waitFor()
    await application.locator('taro-button-core', { hasText: '通过' }).click()
    await application.waitFor({ state: 'detached' })
    // 钱晓峰, the demo's 4★ applicant, still waits.
    await reviewer.locator('[data-testid=club-application]', { hasText: '钱晓峰' }).waitFor()

    await member.reload()
    await club.getByText('俱乐部会员', { exact: true }).waitFor()
    await member.goto(`${world.host.url}/#/pages/index/index`)
    await member.locator('[data-testid=club-badge]').waitFor()
    const stored = await world.host.deps.store.read.members.byOpenid('o_demo_star')
    expect((await world.host.deps.store.read.clubs.byMember(stored!.id))?.state).toBe('active')
  })

  it('an admin checks a star import, sees the bad rows by line, fixes them and imports', async () => {
    const admin = await pageAs('o_demo_admin')
    await tapButton(admin, '星级管理')
    const csv = admin.locator('[data-field="csv"] textarea')
    await csv.fill('许可证号,星级\n320106100001,4\n320105100004,7\n999999999999,2')
    await tapButton(admin, '检查')

    const report = admin.locator('[data-testid=import-report]')
    await report.getByText('1 行可导入，2 行有误').waitFor()
    const text = await report.innerText()
    expect(text).toContain('第3行')
    expect(text).toContain('星级应为1–5')
    expect(text).toContain('第4行')
    expect(text).toContain('没有该许可证号的会员')

    await csv.fill('许可证号,星级\n320106100001,4\n320105100004,5')
    await tapButton(admin, '检查')
    await tapButton(admin, '确认导入 2 行')
    await report.getByText('已导入 2 行').waitFor()
    const year = shanghaiYear(new Date()) + 1
    const stored = await world.host.deps.store.read.starImports.get(year)
    expect(stored?.rows.map((r) => r.star)).toEqual([4, 5])
  })
})
