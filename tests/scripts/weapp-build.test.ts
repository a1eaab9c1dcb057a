import { existsSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import {
  WEAPP_MAIN_BUDGET_BYTES,
  WEAPP_PACKAGE_LIMIT_BYTES,
  weappPackageSizes,
} from '../../scripts/package-size'

const DIST = resolve(__dirname, '../../dist')

type AppJson = {
  pages: string[]
  subPackages: { root: string; pages: string[] }[]
  preloadRule?: Record<string, { network: string; packages: string[] }>
  tabBar: {
    custom?: boolean
    list: { pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }[]
  }
}

/** There is no WeChat DevTools on Linux: the weapp build is checked through the files it writes. */
describe('the weapp build in dist/ (run `npm run build:weapp` first; npm test does)', () => {
  let app: AppJson
  beforeAll(() => {
    if (!existsSync(join(DIST, 'app.json')))
      throw new Error('dist/app.json missing: run npm run build:weapp')
    app = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8')) as AppJson
  })

  it('has the tab bar 首页 / 会员卡 / 积分 / 活动 / 我的, each with icons of at most 40 KB', () => {
    expect(app.tabBar.list.map((t) => t.text)).toEqual(['首页', '会员卡', '积分', '活动', '我的'])
    for (const tab of app.tabBar.list) {
      for (const icon of [tab.iconPath, tab.selectedIconPath]) {
        expect(icon).toBeDefined()
        expect(statSync(join(DIST, icon!)).size).toBeLessThanOrEqual(40 * 1024)
      }
    }
  })

  it('draws the tab bar with its own component, custom-tab-bar, so staff get tabs of their own', () => {
    expect(app.tabBar.custom).toBe(true)
    for (const ext of ['js', 'json', 'wxml'])
      expect(existsSync(join(DIST, `custom-tab-bar/index.${ext}`))).toBe(true)
    const component = JSON.parse(readFileSync(join(DIST, 'custom-tab-bar/index.json'), 'utf8')) as {
      component?: boolean
    }
    expect(component.component).toBe(true)
  })

  it('writes the script, config and template of every page, tab pages in the main package', () => {
    const pages = [
      ...app.pages,
      ...app.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`)),
    ]
    for (const page of pages) {
      for (const ext of ['js', 'json', 'wxml'])
        expect(existsSync(join(DIST, `${page}.${ext}`))).toBe(true)
    }
    for (const tab of app.tabBar.list) expect(app.pages).toContain(tab.pagePath)
  })

  it('keeps only the tab pages in the main package; member and staff pages in subpackages', () => {
    expect(app.pages.sort()).toEqual(app.tabBar.list.map((tab) => tab.pagePath).sort())
    expect(app.subPackages).toEqual([
      { root: 'member', pages: expect.arrayContaining(['register/index', 'my-data/index']) },
      { root: 'staff', pages: expect.arrayContaining(['review/index']) },
    ])
  })

  it('preloads the member subpackage from the tabs that open its pages', () => {
    expect(app.preloadRule).toEqual({
      'pages/index/index': { network: 'all', packages: ['member'] },
      'pages/mine/index': { network: 'all', packages: ['member'] },
    })
  })

  it('keeps the main package and each subpackage under 2048 KB', () => {
    const sizes = weappPackageSizes(
      DIST,
      app.subPackages.map((s) => s.root),
    )

    expect(sizes.mainBytes).toBeLessThan(WEAPP_PACKAGE_LIMIT_BYTES)
    for (const bytes of Object.values(sizes.subpackageBytes))
      expect(bytes).toBeLessThan(WEAPP_PACKAGE_LIMIT_BYTES)
    console.log(
      `weapp main package ${(sizes.mainBytes / 1024).toFixed(0)} KB, total ${(sizes.totalBytes / 1024).toFixed(0)} KB`,
    )
  })

  it('keeps the main package within its 450 KB budget (WeChat allows 2048 KB)', () => {
    const sizes = weappPackageSizes(
      DIST,
      app.subPackages.map((s) => s.root),
    )

    expect(sizes.mainBytes).toBeLessThanOrEqual(WEAPP_MAIN_BUDGET_BYTES)
  })

  it('keeps the demo clock, a local-host feature, out of the main package', () => {
    const js = ['app.js', 'common.js', 'vendors.js']
      .map((file) => readFileSync(join(DIST, file), 'utf8'))
      .join('')

    expect(js).not.toContain('demo-clock-banner')
  })

  it('never bundles server code into the mini-program', () => {
    const js =
      readFileSync(join(DIST, 'vendors.js'), 'utf8') + readFileSync(join(DIST, 'common.js'), 'utf8')

    expect(js).not.toMatch(/better-sqlite3|@cloudbase\/node-sdk|fastify/)
  })
})
