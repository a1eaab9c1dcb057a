import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

/**
 * Debian's Chromium, never a downloaded one; the flags keep it off this machine's closed network.
 * `extraArgs` add switches, such as a fake camera.
 */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  })
}

/** A phone-sized browser context, like the H5 app in WeChat's in-app browser. */
export async function phoneContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
  })
  context.setDefaultTimeout(15_000)
  return context
}

/** Picks a dev identity on the local host's sign-in page ('fresh' = a new WeChat user). */
export async function signInAs(page: Page, baseUrl: string, openid: string): Promise<void> {
  await page.goto(`${baseUrl}/dev/login`)
  await page.click(`button[data-openid="${openid}"]`)
  await page.waitForURL(`${baseUrl}/**`)
}

/** A new phone-sized page with `openid` signed in on the local host at `baseUrl`. */
export async function phonePageAs(
  browser: Browser,
  baseUrl: string,
  openid: string,
): Promise<Page> {
  const page = await (await phoneContext(browser)).newPage()
  await signInAs(page, baseUrl, openid)
  return page
}

/** Clicks a NutUI button by its text (the button element, not its inner label, takes the tap). */
export async function tapButton(page: Page, text: string): Promise<void> {
  await page.locator('taro-button-core', { hasText: text }).first().click()
}

/** Types into the Taro <Input> of a form field. */
export async function fillField(page: Page, field: string, value: string): Promise<void> {
  await page.locator(`[data-field="${field}"] input`).fill(value)
}

/**
 * Opens the member's card page and reads the 22 digits shown under the QR: what a clerk types when
 * the scanner fails (spaces between the groups, as shown).
 */
export async function codeShownBy(page: Page, baseUrl: string): Promise<string> {
  await page.goto(`${baseUrl}/#/pages/card/index`)
  const code = page.locator('[data-testid=card-code]')
  await code.waitFor()
  return (await code.innerText()).trim()
}

/** The text the card page's QR encodes (kept on the image as `data-code`): what a scanner reads. */
export async function qrShownBy(page: Page): Promise<string> {
  const qr = page.locator('[data-testid=card-qr]')
  await qr.waitFor()
  const code = await qr.getAttribute('data-code')
  if (!code) throw new Error('the QR carries no data-code')
  return code
}

/** As the clerk on the counter page: types the shown code and verifies it. */
export async function verifyAtCounter(clerk: Page, code: string): Promise<void> {
  await clerk.locator('[data-field="code"] input').fill(code)
  await tapButton(clerk, '核验会员码')
}
