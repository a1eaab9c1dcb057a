import type { Page } from 'playwright-core'
import { fillField, phoneContext, signInAs, tapButton } from './support/browser'
import { useLocalHostAndBrowser } from './support/local-host'

describe('points administration, end to end in the H5 build', () => {
  const world = useLocalHostAndBrowser()

  async function adminPage(): Promise<Page> {
    const page = await (await phoneContext(world.browser)).newPage()
    await signInAs(page, world.host.url, 'o_demo_admin')
    return page
  }

  it('an admin adds a reward of 12000 points with a stock of 3, and it is listed', async () => {
    const page = await adminPage()
    await tapButton(page, '商品管理')
    await tapButton(page, '新增商品')
    await fillField(page, 'name', '精品茶具')
    await fillField(page, 'pointsPrice', '12000')
    await fillField(page, 'stock', '3')
    await tapButton(page, '保存')

    const row = page.locator('[data-testid=catalogue-item][data-name="精品茶具"]')
    await row.waitFor()
    const text = await row.innerText()
    expect(text).toContain('12000 积分')
    expect(text).toContain('库存 3')
    expect(text).toContain('上架')
    const saved = (await world.host.deps.store.read.catalogue.all()).find(
      (i) => i.name === '精品茶具',
    )
    expect(saved).toMatchObject({ pointsPrice: 12000, stock: 3, faceValueFen: null, active: true })
  })

  it('an admin adds 50 points to a member with a reason, and finds the entry in their ledger', async () => {
    const member = await world.host.deps.store.read.members.byOpenid('o_demo_member')
    const before = (await world.host.deps.store.read.points.account(member!.id))!.balance
    const page = await adminPage()
    await tapButton(page, '积分管理')
    await fillField(page, 'adjustCardNo', member!.cardNo!)
    await fillField(page, 'adjustPoints', '+50')
    await page.locator('[data-field="adjustReason"] textarea').fill('补录漏积分')
    await tapButton(page, '确认调整')

    const newest = page.locator('[data-testid=ledger-entry]').first()
    await newest.getByText('+50').waitFor()
    const text = await newest.innerText()
    expect(text).toContain('人工调整')
    expect(text).toContain('补录漏积分')
    expect(await page.locator('[data-testid=ledger-balance]').innerText()).toBe(String(before + 50))
    expect((await world.host.deps.store.read.points.account(member!.id))!.balance).toBe(before + 50)
  })
})
