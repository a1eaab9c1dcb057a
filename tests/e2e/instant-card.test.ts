import type { Page } from 'playwright-core'
import {
  codeShownBy,
  phoneContext,
  qrShownBy,
  signInAs,
  tapButton,
  verifyAtCounter,
} from './support/browser'
import { useLocalHostAndBrowser } from './support/local-host'

type Seen = { code: string | null; text: string; appStarted: boolean } | null

/**
 * Records what the page showed before the app (src/instant-card): the first QR's code and whether
 * the app had mounted anything by then. Installed before any of the page's own scripts.
 */
async function watchInstantCard(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { instantSeen: Seen }
    w.instantSeen = null
    new MutationObserver((changes) => {
      for (const change of changes) {
        for (const node of Array.from(change.addedNodes)) {
          if ((node as Element).id !== 'instant-card' || w.instantSeen) continue
          const qr = (node as Element).querySelector('[data-testid=card-qr]')
          w.instantSeen = {
            code: qr?.getAttribute('data-code') ?? null,
            text: (node as HTMLElement).innerText,
            // Taro's page container, or the app's own script in the page: the app had started.
            appStarted: !!document.querySelector('#container, .taro_page, script[src*="/js/app."]'),
          }
        }
      }
    }).observe(document, { childList: true, subtree: true })
  })
}
const seen = (page: Page) =>
  page.evaluate(() => (window as unknown as { instantSeen: Seen }).instantSeen)

describe('the H5 card page shows the kept card’s QR before the app has started', () => {
  const world = useLocalHostAndBrowser()

  it('opened on the card: the QR is there before the app, then the card page’s own, and a clerk accepts it', async () => {
    const member = await (await phoneContext(world.browser)).newPage()
    await signInAs(member, world.host.url, 'o_demo_member')
    await codeShownBy(member, world.host.url) // the card is now kept on the device
    await watchInstantCard(member)
    await member.goto('about:blank')

    await member.goto(`${world.host.url}/#/pages/card/index`)
    const before = await seen(member)
    const shown = await qrShownBy(member)

    expect(before).toMatchObject({ appStarted: false, code: expect.stringMatching(/^RCC1\./) })
    expect(await member.locator('#instant-card').count()).toBe(0)
    expect(await member.locator('[data-testid=card-qr]').count()).toBe(1)
    // Made of the same card: the same code, or the next step's if a step ended in between.
    const stepOf = (code: string) => parseInt(code.split('.')[3]!, 36)
    const [beforeStep, shownStep] = [stepOf(before!.code!), stepOf(shown)]
    expect(shownStep - beforeStep).toBeGreaterThanOrEqual(0)
    expect(shownStep - beforeStep).toBeLessThanOrEqual(1)
    if (shownStep === beforeStep) {
      expect(shown).toBe(before!.code)
      // The digits under it too, as the card page shows them.
      const digits = await member.locator('[data-testid=card-code]').innerText()
      expect(before!.text).toContain(digits.trim())
    }

    const clerk = await (await phoneContext(world.browser)).newPage()
    await signInAs(clerk, world.host.url, 'o_demo_clerk')
    await tapButton(clerk, '门店收银')
    await verifyAtCounter(clerk, before!.code!)
    await clerk.locator('[data-testid=cardholder]').getByText('王建国').waitFor()
  })

  it('opened on another page, or with no card kept, shows nothing before the app', async () => {
    const member = await (await phoneContext(world.browser)).newPage()
    await signInAs(member, world.host.url, 'o_demo_member')
    await codeShownBy(member, world.host.url)
    await watchInstantCard(member)
    await member.goto('about:blank')

    await member.goto(`${world.host.url}/#/pages/points/index`)
    await member.locator('.taro_page').first().waitFor({ state: 'attached' })
    expect(await seen(member)).toBeNull()

    const stranger = await (await phoneContext(world.browser)).newPage()
    await watchInstantCard(stranger)
    await stranger.goto(`${world.host.url}/#/pages/card/index`)
    await stranger.locator('.taro_page').first().waitFor({ state: 'attached' })
    expect(await seen(stranger)).toBeNull()
  })
})
