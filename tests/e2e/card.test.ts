import { codeShownBy, phoneContext, signInAs, tapButton, verifyAtCounter } from './support/browser'
import { useLocalHostAndBrowser } from './support/local-host'

describe('the member card, end to end in the H5 build', () => {
  const world = useLocalHostAndBrowser()

  it('member opens the card → clerk enters the shown code → summary appears → the same code again is refused', async () => {
    const member = await (await phoneContext(world.browser)).newPage()
    await signInAs(member, world.host.url, 'o_demo_member')
    const code = await codeShownBy(member, world.host.url)
    await member.locator('[data-testid=card-qr]').waitFor()
    const clerk = await (await phoneContext(world.browser)).newPage()
    await signInAs(clerk, world.host.url, 'o_demo_clerk')
    await tapButton(clerk, '门店收银')

    await verifyAtCounter(clerk, code)
    const summary = clerk.locator('[data-testid=cardholder]')
    await summary.getByText('王建国').waitFor()
    expect(await summary.innerText()).toContain('138****5678')
    await tapButton(clerk, '下一位')
    await verifyAtCounter(clerk, code)

    const refusal = clerk.locator('[data-testid=verify-error]')
    await refusal.waitFor()
    expect(await refusal.innerText()).toContain('该会员码已被使用')
  })
})
