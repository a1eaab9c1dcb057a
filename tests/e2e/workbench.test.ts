import type { Browser, Page } from 'playwright-core'
import { codeShownBy, phoneContext, signInAs, tapButton, verifyAtCounter } from './support/browser'
import { useLocalHostAndBrowser } from './support/local-host'

/** A PC's browser window, where admins read reports and run the club. */
async function desktopPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
  })
  return context.newPage()
}

/** How many tiles one row of a tool group holds: those sharing the first tile's top edge. */
const tilesInFirstRow = (page: Page) =>
  page
    .locator('.home__tiles')
    .last()
    .evaluate((grid) => {
      const tops = Array.from(grid.children).map((tile) => tile.getBoundingClientRect().top)
      return tops.filter((top) => top === tops[0]).length
    })

describe('the staff workbench, in the H5 build', () => {
  const world = useLocalHostAndBrowser()

  it("a clerk sees today's work at a glance, and one more sale once they record one", async () => {
    const clerk = await (await phoneContext(world.browser)).newPage()
    await signInAs(clerk, world.host.url, 'o_demo_clerk')
    const tally = clerk.locator('[data-testid=today-tally]')
    await tally.waitFor()
    // The demo's sales were an hour before the host started: today's, unless that was yesterday.
    const [sales, checkIns] = (await tally.innerText()).match(/\d+/g)!.map(Number)
    expect((await tally.innerText()).replace(/\s+/g, ' ')).toBe(
      `${sales} 今日收银（笔） ${checkIns} 今日签到（人）`,
    )

    const member = await (await phoneContext(world.browser)).newPage()
    await signInAs(member, world.host.url, 'o_demo_member')
    const code = await codeShownBy(member, world.host.url)
    await tapButton(clerk, '门店收银')
    await verifyAtCounter(clerk, code)
    await clerk.locator('[data-field="lines.0.amountFen"] input').fill('88')
    await tapButton(clerk, '确认并积分')
    await clerk.locator('[data-testid=last-purchase]').getByText('+88').waitFor()
    await clerk.goto(`${world.host.url}/#/pages/index/index`)

    await tally.getByText(String(sales! + 1), { exact: true }).waitFor()
    expect((await tally.innerText()).replace(/\s+/g, ' ')).toBe(
      `${sales! + 1} 今日收银（笔） ${checkIns} 今日签到（人）`,
    )
  })

  it('a reviewer opening the app sees their name and role, and what waits: one registration, complaints past due in red', async () => {
    const page = await (await phoneContext(world.browser)).newPage()
    await signInAs(page, world.host.url, 'o_demo_reviewer')

    const identity = page.locator('[data-testid=staff-identity]')
    await identity.getByText('周敏').waitFor()
    const review = page.locator('taro-button-core', { hasText: '注册审核' })
    const complaints = page.locator('taro-button-core', { hasText: '投诉处理' })
    await review.locator('[data-testid=tool-count]').waitFor()

    expect(await identity.innerText()).toContain('审核员')
    expect(await review.locator('[data-testid=tool-count]').innerText()).toBe('1')
    expect(await complaints.locator('.home__count--urgent').innerText()).toBe('1')
    expect(await page.locator('taro-button-core', { hasText: '门店收银' }).count()).toBe(0)
    expect(await tilesInFirstRow(page)).toBe(2)
  })

  it('an admin on a PC gets tiles four to a row in a column of readable width, with phone-sized type', async () => {
    const page = await desktopPage(world.browser)
    await signInAs(page, world.host.url, 'o_demo_admin')
    await page.locator('[data-testid=workbench]').waitFor()

    const column = await page
      .locator('.page')
      .first()
      .evaluate((el) => el.getBoundingClientRect().width)
    const rootFont = await page.evaluate(() =>
      parseFloat(getComputedStyle(document.documentElement).fontSize),
    )

    expect(await tilesInFirstRow(page)).toBe(4)
    expect(column).toBeLessThanOrEqual(1040)
    expect(rootFont).toBeLessThanOrEqual(24)
  })
})
