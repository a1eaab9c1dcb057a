/**
 * Screenshots of the H5 app for the README (`npx tsx scripts/screenshots.ts` after `npm run build:h5`):
 * the real local host on a fresh demo store, driven in Debian's Chromium.
 */
import { join } from 'node:path'
import {
  codeShownBy,
  launchChromium,
  phoneContext,
  signInAs,
  tapButton,
  verifyAtCounter,
} from '../tests/e2e/support/browser'
import { startLocalHost } from '../tests/e2e/support/local-host'

const OUT = join(__dirname, '..', 'docs', 'screenshots')

async function main() {
  const host = await startLocalHost()
  const browser = await launchChromium()
  try {
    const shoot = async (
      openid: string,
      name: string,
      go?: (page: import('playwright-core').Page) => Promise<void>,
    ) => {
      const page = await (await phoneContext(browser)).newPage()
      await signInAs(page, host.url, openid)
      await page.waitForSelector('.page')
      if (go) await go(page)
      await page.waitForTimeout(600)
      await page.screenshot({ path: join(OUT, `${name}.png`) })
    }
    await shoot('o_demo_member', 'home-member')
    await shoot('fresh', 'register', (page) => tapButton(page, '立即注册'))
    await shoot('o_demo_reviewer', 'review-queue', (page) => tapButton(page, '注册审核'))
    await shoot('o_demo_rejected', 'home-rejected')
    await shoot('o_demo_member', 'points', async (page) => {
      await page.goto(`${host.url}/#/pages/points/index`)
      await page.locator('[data-testid=entry]').nth(1).click()
      await page.locator('[data-testid=entry-detail]').waitFor()
    })
    await shoot('o_demo_member', 'events', async (page) => {
      await page.goto(`${host.url}/#/pages/events/index`)
      await page.locator('[data-testid=event-card]').first().waitFor()
    })
    await shoot('o_demo_member', 'rewards', (page) =>
      page.goto(`${host.url}/#/member/rewards/index`).then(() => undefined),
    )
    await shoot('o_demo_member', 'card', (page) =>
      codeShownBy(page, host.url).then(() => undefined),
    )
    await shoot('o_demo_clerk', 'counter', async (page) => {
      const member = await (await phoneContext(browser)).newPage()
      await signInAs(member, host.url, 'o_demo_member')
      const code = await codeShownBy(member, host.url)
      await tapButton(page, '门店收银')
      await verifyAtCounter(page, code)
      await page.locator('[data-testid=cardholder]').waitFor()
    })
    await shoot('o_demo_admin', 'star-admin', async (page) => {
      await tapButton(page, '星级管理')
      await tapButton(page, '执行年度调整')
      await page.locator('[data-testid=adjustment]').getByText('已完成').waitFor()
      await page.waitForTimeout(2000) // the success toast fades
    })
    await shoot('o_demo_star', 'star-moment', (page) =>
      page.locator('[data-testid=star-moment]').waitFor(),
    )
    await shoot('o_demo_clerk', 'workbench', (page) =>
      page.locator('[data-testid=today-tally]').waitFor(),
    )
    await shoot('o_demo_star', 'star', (page) =>
      page.goto(`${host.url}/#/member/star/index`).then(() => undefined),
    )
    await shoot('o_demo_reviewer', 'complaints-queue', async (page) => {
      await tapButton(page, '投诉处理')
      await page.getByText('已超时').first().waitFor()
    })
    await shoot('o_demo_member', 'my-data', (page) =>
      page.goto(`${host.url}/#/member/my-data/index`).then(() => undefined),
    )
    await shoot('o_demo_admin', 'reports', async (page) => {
      await tapButton(page, '报表')
      await page.waitForTimeout(1500) // the charts draw after the figures arrive
    })
    await shoot('o_demo_admin', 'audit-log', (page) => tapButton(page, '审计日志'))
  } finally {
    await browser.close()
    await host.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
