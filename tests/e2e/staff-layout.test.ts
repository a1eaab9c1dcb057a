import type { Browser, Page } from 'playwright-core'
import { signInAs } from './support/browser'
import { useLocalHostAndBrowser } from './support/local-host'

type AppConfig = { subPackages: { root: string; pages: string[] }[] }
// src/app.config.ts calls Taro's build-time global; here it only has to hand the config back.
Object.assign(globalThis, { defineAppConfig: (config: AppConfig) => config })
const { subPackages } = jest.requireActual<{ default: AppConfig }>('../../src/app.config').default

/** Pages that open only with an id in the address (their flows are in events.test.ts). */
const NEEDS_AN_ID = ['staff/event-roster/index']
const STAFF_PAGES = [
  'pages/index/index',
  ...subPackages
    .find((s) => s.root === 'staff')!
    .pages.map((p) => `staff/${p}`)
    .filter((p) => !NEEDS_AN_ID.includes(p)),
]

const PC = { width: 1280, height: 800 }
const PHONE = { width: 390, height: 844 }

async function adminPage(browser: Browser, viewport: typeof PC): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' })
  const page = await context.newPage()
  return page
}

/** What the shown page looks like: its column, its widest point, its text and buttons. */
const measure = (page: Page) =>
  page.evaluate(() => {
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).find(
      (el) => getComputedStyle(el).display !== 'none',
    )!
    const column = shown.querySelector<HTMLElement>('.page')!.getBoundingClientRect()
    const buttons = Array.from(shown.querySelectorAll<HTMLElement>('.nut-button'))
      .filter((b) => b.getBoundingClientRect().height > 0)
      .map((b) => ({
        text: b.innerText.trim(),
        height: b.getBoundingClientRect().height,
        fontSize: parseFloat(getComputedStyle(b).fontSize),
      }))
    return {
      left: column.left,
      right: window.innerWidth - column.right,
      width: column.width,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      textSize: parseFloat(getComputedStyle(shown.querySelector('.page')!).fontSize),
      buttons,
    }
  })

describe('staff and admin pages, laid out for a PC and for a phone (H5 build)', () => {
  const world = useLocalHostAndBrowser()

  /** Every staff page as the admin opens it in a window of `viewport`, measured. */
  async function everyStaffPage(viewport: typeof PC) {
    const page = await adminPage(world.browser, viewport)
    await signInAs(page, world.host.url, 'o_demo_admin')
    const measured: [string, Awaited<ReturnType<typeof measure>>][] = []
    for (const path of STAFF_PAGES) {
      await page.goto(`${world.host.url}/#/${path}`)
      await page.waitForLoadState('networkidle')
      await page.waitForTimeout(300)
      measured.push([path, await measure(page)])
    }
    return measured
  }

  it('on a PC (1280×800) every staff page is one centred column of readable width, with desktop-sized type and buttons', async () => {
    const problems: string[] = []

    for (const [path, m] of await everyStaffPage(PC)) {
      if (m.width > 1040) problems.push(`${path}: column ${m.width}px wide`)
      if (Math.abs(m.left - m.right) > 2) problems.push(`${path}: column not centred`)
      if (m.overflow > 0) problems.push(`${path}: ${m.overflow}px wider than the window`)
      if (m.textSize < 14 || m.textSize > 20) problems.push(`${path}: text ${m.textSize}px`)
      for (const b of m.buttons) {
        if (b.height < 30 || b.fontSize < 13)
          problems.push(`${path}: button ${b.text} ${b.height}px / ${b.fontSize}px`)
      }
    }

    expect(problems).toEqual([])
  })

  it('on a phone (390×844) every staff page fills the screen without sideways scrolling', async () => {
    const problems: string[] = []

    for (const [path, m] of await everyStaffPage(PHONE)) {
      if (m.width !== PHONE.width) problems.push(`${path}: column ${m.width}px of ${PHONE.width}`)
      if (m.overflow > 0) problems.push(`${path}: ${m.overflow}px wider than the screen`)
      if (m.textSize < 12) problems.push(`${path}: text ${m.textSize}px`)
    }

    expect(problems).toEqual([])
  })

  it('the reports sit two abreast on a PC and one under another on a phone', async () => {
    const tops = async (viewport: typeof PC) => {
      const page = await adminPage(world.browser, viewport)
      await signInAs(page, world.host.url, 'o_demo_admin')
      await page.goto(`${world.host.url}/#/staff/reports/index`)
      await page.locator('[data-testid=report-members]').waitFor()
      return Promise.all(
        ['members', 'newMembers'].map((s) =>
          page
            .locator(`[data-testid=report-${s}]`)
            .evaluate((el) => el.getBoundingClientRect().top),
        ),
      )
    }

    const [pcFirst, pcSecond] = await tops(PC)
    const [phoneFirst, phoneSecond] = await tops(PHONE)

    expect(pcSecond).toBe(pcFirst)
    expect(phoneSecond).toBeGreaterThan(phoneFirst!)
  })
})
