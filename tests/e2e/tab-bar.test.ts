import type { Page } from 'playwright-core'
import { phonePageAs } from './support/browser'
import { useLocalHostAndBrowser } from './support/local-host'

/** The bottom bar on screen (H5 keeps visited tab pages, hidden, with their own bars). */
const bar = (page: Page) => page.locator('[data-testid=tab-bar]:visible')

async function tabTexts(page: Page): Promise<string[]> {
  await bar(page).locator('[data-testid=tab]').first().waitFor()
  return bar(page).locator('[data-testid=tab]').allInnerTexts()
}

const selectedTab = (page: Page) =>
  bar(page).locator('[data-testid=tab][data-selected=true]').innerText()

/** Waits for the tab switch to settle: the page left (kept, hidden) takes its own bar with it. */
async function switchedTo(page: Page, tab: string, left: string): Promise<void> {
  const lit = (text: string) =>
    page.locator('[data-testid=tab][data-selected=true]', { hasText: text })
  await lit(tab).waitFor()
  await lit(left).waitFor({ state: 'hidden' })
}

const tapTab = (page: Page, text: string) =>
  bar(page).locator('[data-testid=tab]', { hasText: text }).click()

describe('the bottom bar, drawn for who is signed in (H5 build)', () => {
  const world = useLocalHostAndBrowser()

  const signedIn = (openid: string) => phonePageAs(world.browser, world.host.url, openid)

  it('a member gets 首页 / 会员卡 / 积分 / 活动 / 我的, and a tap on 积分 shows the points with 积分 lit', async () => {
    const page = await signedIn('o_demo_member')

    expect(await tabTexts(page)).toEqual(['首页', '会员卡', '积分', '活动', '我的'])
    expect(await selectedTab(page)).toBe('首页')

    await tapTab(page, '积分')
    await page.waitForURL(/pages\/points\/index/)
    await switchedTo(page, '积分', '首页')
    expect(await selectedTab(page)).toBe('积分')
  })

  it('a guest gets the member tabs too: each page invites them to join', async () => {
    const page = await signedIn('fresh')

    expect(await tabTexts(page)).toEqual(['首页', '会员卡', '积分', '活动', '我的'])
  })

  it('a clerk gets 工作台 / 收银 / 签到 / 我的, never a member card; 收银 opens the counter', async () => {
    const page = await signedIn('o_demo_clerk')

    expect(await tabTexts(page)).toEqual(['工作台', '收银', '签到', '我的'])
    expect(await selectedTab(page)).toBe('工作台')

    await tapTab(page, '收银')
    await page.waitForURL(/staff\/counter\/index/)
    await page.locator('[data-field="code"] input').waitFor()
  })

  it('a reviewer gets 工作台 / 审核 / 我的; 我的 shows their staff account with 我的 lit', async () => {
    const page = await signedIn('o_demo_reviewer')

    expect(await tabTexts(page)).toEqual(['工作台', '审核', '我的'])
    await tapTab(page, '我的')
    await page.locator('[data-testid=staff-profile]').waitFor()
    await switchedTo(page, '我的', '工作台')
    expect(await selectedTab(page)).toBe('我的')
  })

  it('an admin gets every staff tool: 工作台 / 收银 / 签到 / 审核 / 我的', async () => {
    const page = await signedIn('o_demo_admin')

    expect(await tabTexts(page)).toEqual(['工作台', '收银', '签到', '审核', '我的'])
  })

  it('never hides the end of a page: the last button of 我的 stays above the bar', async () => {
    const page = await signedIn('o_demo_member')
    await page.goto(`${world.host.url}/#/pages/mine/index`)
    const last = page.locator('taro-button-core:visible', { hasText: '消息收件箱' })
    await last.waitFor()
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    await page.mouse.wheel(0, 5000)

    const buttonBottom = await last.evaluate((el) => el.getBoundingClientRect().bottom)
    const barTop = await bar(page).evaluate((el) => el.getBoundingClientRect().top)
    expect(buttonBottom).toBeLessThanOrEqual(barTop)
  })
})
