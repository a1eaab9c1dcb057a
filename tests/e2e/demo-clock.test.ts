import type { Page } from 'playwright-core'
import { codeShownBy, phoneContext, signInAs, tapButton, verifyAtCounter } from './support/browser'
import { useLocalHostAndBrowser } from './support/local-host'

const banner = (page: Page) => page.locator('[data-testid=demo-clock-banner]')

describe('the demo clock, on the local host in the H5 build', () => {
  const world = useLocalHostAndBrowser()

  it('an admin moves the clock a day forward: every page says so, and the member card still works at the counter; reset, the banner goes', async () => {
    const admin = await (await phoneContext(world.browser)).newPage()
    await signInAs(admin, world.host.url, 'o_demo_admin')
    expect(await banner(admin).count()).toBe(0)

    await tapButton(admin, '演示时钟')
    await admin.locator('[data-testid=demo-clock-now]').waitFor()
    await tapButton(admin, '拨快1天')

    await admin.locator('[data-testid=demo-clock-jobs]').waitFor()
    await banner(admin).waitFor()
    expect(await banner(admin).innerText()).toContain('已拨快1天')
    expect(await banner(admin).innerText()).toContain('仅本地演示环境')
    expect(await admin.locator('[data-testid=demo-clock-job]').count()).toBeGreaterThan(0)

    const member = await (await phoneContext(world.browser)).newPage()
    await signInAs(member, world.host.url, 'o_demo_member')
    await banner(member).waitFor()
    const digits = await codeShownBy(member, world.host.url)
    expect(await banner(member).innerText()).toContain('已拨快1天')
    // The banner covers nothing: the card's first panel starts below it.
    const bannerBottom = await banner(member).evaluate((el) => el.getBoundingClientRect().bottom)
    const firstPanelTop = await member
      .locator('.panel:visible')
      .first()
      .evaluate((el) => el.getBoundingClientRect().top)
    expect(firstPanelTop).toBeGreaterThanOrEqual(bannerBottom)
    const clerk = await (await phoneContext(world.browser)).newPage()
    await signInAs(clerk, world.host.url, 'o_demo_clerk')
    await tapButton(clerk, '门店收银')

    await verifyAtCounter(clerk, digits)

    await clerk.locator('[data-testid=cardholder]').getByText('王建国').waitFor()

    await tapButton(admin, '恢复真实时间')
    await banner(admin).waitFor({ state: 'detached' })
    await member.reload()
    await member.locator('[data-testid=card-code]').waitFor()
    expect(await banner(member).count()).toBe(0)
  })
})
