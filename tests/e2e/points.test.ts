import { codeShownBy, phoneContext, signInAs, tapButton, verifyAtCounter } from './support/browser'
import { useLocalHostAndBrowser } from './support/local-host'

describe('points, end to end in the H5 build', () => {
  const world = useLocalHostAndBrowser()

  /** The member `openid` shows their card's code; the clerk verifies it at 门店收银. */
  async function atTheCounter(openid: string) {
    const page = await (await phoneContext(world.browser)).newPage()
    await signInAs(page, world.host.url, openid)
    const code = await codeShownBy(page, world.host.url)
    const clerk = await (await phoneContext(world.browser)).newPage()
    await signInAs(clerk, world.host.url, 'o_demo_clerk')
    await tapButton(clerk, '门店收银')
    await verifyAtCounter(clerk, code)
    return { page, clerk }
  }

  it('a clerk records a ¥128.50 purchase for a member → the counter waits for the next member → the member sees +128 in the history', async () => {
    const member = await world.host.deps.store.read.members.byOpenid('o_demo_member')
    const before = (await world.host.deps.store.read.points.account(member!.id))!.balance
    const { page, clerk } = await atTheCounter('o_demo_member')
    await clerk.locator('[data-testid=cardholder]').getByText('王建国').waitFor()
    await clerk.locator('[data-field="lines.0.amountFen"] input').fill('128.50')
    await clerk.locator('[data-field="receiptNo"] input').fill('XP-20261207-0042')
    await tapButton(clerk, '确认并积分')
    await clerk.locator('[data-testid=last-purchase]').getByText('+128').waitFor()
    expect(await clerk.locator('[data-testid=last-done]').innerText()).toContain('王建国')
    expect(await clerk.locator('[data-testid=last-purchase]').innerText()).toContain(
      `积分余额 ${before + 128}`,
    )
    expect(await clerk.locator('[data-testid=cardholder]').count()).toBe(0)
    expect(await clerk.locator('[data-field="code"] input').inputValue()).toBe('')

    await page.goto(`${world.host.url}/#/pages/points/index`)
    const newest = page.locator('[data-testid=entry]').first()
    await newest.getByText('+128').waitFor()
    expect(await newest.innerText()).toContain('消费积分')
    expect(await newest.innerText()).toContain('消费 ¥128.50 · 鼓楼中山北路门店')
    expect(await page.locator('[data-testid=balance]').innerText()).toBe(String(before + 128))
    await newest.click()
    const detail = await page.locator('[data-testid=entry-detail]').innerText()
    expect(detail).toMatch(/消费金额\s*¥128\.50/)
    expect(detail).toMatch(/小票号\s*XP-20261207-0042/)
    expect(detail).toMatch(/门店\s*鼓楼中山北路门店/)
    expect(detail).toMatch(/经办店员\s*陈晓/)
  })

  it('a ¥0.99 sale (孙丽华, so no code of the test before is reused) is recorded with 0 points and a plain note, at the counter and in the history', async () => {
    const { page, clerk } = await atTheCounter('o_demo_star')
    await clerk.locator('[data-field="lines.0.amountFen"] input').fill('0.99')
    await tapButton(clerk, '确认并积分')

    await clerk.locator('[data-testid=last-purchase]').getByText('已记录消费').waitFor()
    expect(await clerk.locator('[data-testid=last-purchase]').innerText()).toContain(
      '可积分金额不足1元，本次未产生积分',
    )
    expect(await clerk.locator('.error-text').count()).toBe(0)
    await page.goto(`${world.host.url}/#/pages/points/index`)
    const newest = page.locator('[data-testid=entry]').first()
    await newest.getByText('消费 ¥0.99').waitFor()
    expect(await newest.innerText()).toContain('本次未产生积分')
  })

  it('a member redeems a ¥20 voucher and finds it among their vouchers', async () => {
    const page = await (await phoneContext(world.browser)).newPage()
    await signInAs(page, world.host.url, 'o_demo_member')
    await page.goto(`${world.host.url}/#/member/rewards/index`)
    const voucher = page.locator('[data-testid=reward][data-name="¥20 代金券"]')
    await voucher.locator('taro-button-core', { hasText: '兑换' }).click()
    await page.locator('.taro-modal__foot, .taro-modal__footer').getByText('确定').click()
    await page.getByText('兑换成功').waitFor()
    await page.locator('.taro-modal__foot, .taro-modal__footer').getByText('确定').click()

    await page.goto(`${world.host.url}/#/member/vouchers/index`)

    await page.locator('[data-testid=voucher]').getByText('¥20 代金券').first().waitFor()
    expect(await page.locator('[data-testid=voucher]').first().innerText()).toMatch(/V[0-9A-Z]{9}/)
  })
})
