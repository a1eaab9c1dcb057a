import type { Page } from 'playwright-core'
import { phoneContext, signInAs } from './support/browser'
import { useLocalHostAndBrowser } from './support/local-host'

type AppConfig = { pages: string[]; subPackages: { root: string; pages: string[] }[] }
// src/app.config.ts calls Taro's build-time global; here it only has to hand the config back.
Object.assign(globalThis, { defineAppConfig: (config: AppConfig) => config })
const { pages, subPackages } = jest.requireActual<{ default: AppConfig }>(
  '../../src/app.config',
).default
const inPackage = (root: string) =>
  subPackages.find((s) => s.root === root)!.pages.map((p) => `${root}/${p}`)

/** Pages that open only with an id in the address; their flows are in events.test.ts. */
const NEEDS_AN_ID = ['member/event-detail/index', 'staff/event-roster/index']

/** Everything a page did that a user should never see in the console or on the wire. */
function watch(page: Page, host: string): string[] {
  const seen: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') seen.push(`console error: ${m.text()}`)
  })
  page.on('pageerror', (e) => seen.push(`page error: ${e.message}`))
  page.on('response', (r) => {
    if (r.status() >= 400) seen.push(`${r.status()} ${r.url()}`)
  })
  page.on('request', (r) => {
    const url = r.url()
    if (!url.startsWith(host) && !url.startsWith('data:') && !url.startsWith('blob:'))
      seen.push(`outside request: ${url}`)
  })
  return seen
}

describe('every page loads with no console error and no request outside the host', () => {
  const world = useLocalHostAndBrowser()

  it.each([
    ['a member', 'o_demo_member', [...pages, ...inPackage('member')]],
    ['an admin', 'o_demo_admin', inPackage('staff')],
  ])('for %s', async (_who, openid, paths) => {
    const page = await (await phoneContext(world.browser)).newPage()
    const seen = watch(page, world.host.url)
    await signInAs(page, world.host.url, openid)

    for (const path of paths.filter((p) => !NEEDS_AN_ID.includes(p))) {
      seen.push(`-- ${path}`)
      await page.goto(`${world.host.url}/#/${path}`)
      await page.waitForLoadState('networkidle')
      // The page's own calls answer after the route changes: give them a moment to show.
      await page.waitForTimeout(400)
    }

    expect(seen.filter((line) => !line.startsWith('-- '))).toEqual([])
  })
})
