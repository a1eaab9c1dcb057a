import { fillField, phoneContext, signInAs, tapButton } from './support/browser'
import { useLocalHostAndBrowser } from './support/local-host'

describe('registration, end to end in the H5 build', () => {
  const world = useLocalHostAndBrowser()

  it('a new WeChat user is welcomed with what the club gives and the three steps to join, and 立即注册 opens the form', async () => {
    const guest = await (await phoneContext(world.browser)).newPage()
    await signInAs(guest, world.host.url, 'fresh')
    const welcome = guest.locator('[data-testid=guest-welcome]')
    await welcome.waitFor()

    const benefits = await welcome.locator('[data-testid=benefit]').allInnerTexts()
    const steps = await welcome.locator('[data-testid=join-step]').allInnerTexts()
    await tapButton(guest, '立即注册')

    expect(benefits.join('\n')).toContain('每实付1元积1分')
    expect(benefits.join('\n')).toContain('三星及以上可申请')
    expect(steps).toHaveLength(3)
    expect(steps[1]).toContain('2个工作日内审核')
    await guest.locator('[data-field="realName"] input').waitFor()
  })

  it('a pending applicant sees what was sent, corrects the shop address, and the reviewer sees the correction', async () => {
    const applicant = await (await phoneContext(world.browser)).newPage()
    await signInAs(applicant, world.host.url, 'o_demo_applicant')
    const sent = applicant.locator('[data-testid=application]')
    await sent.getByText('秀英烟酒商行').waitFor()
    expect(await sent.innerText()).toContain('139****4321')

    await tapButton(applicant, '修改申请')
    await applicant.locator('[data-testid=correcting]').waitFor()
    expect(await applicant.locator('[data-field="shopName"] input').inputValue()).toBe(
      '秀英烟酒商行',
    )
    await fillField(applicant, 'shopAddress', '江苏省南京市玄武区珠江路60号')
    await applicant.locator('.nut-checkbox-icon').first().click()
    await tapButton(applicant, '提交修改')
    await sent.getByText('江苏省南京市玄武区珠江路60号').waitFor()

    const reviewer = await (await phoneContext(world.browser)).newPage()
    await signInAs(reviewer, world.host.url, 'o_demo_reviewer')
    await tapButton(reviewer, '注册审核')
    const row = reviewer.locator('[data-testid=registration][data-name="李秀英"]')
    await row.getByText('珠江路60号').waitFor()
    expect(await reviewer.locator('[data-testid=registration]').count()).toBe(1)
  })

  it('a new retailer registers, a reviewer approves, and the retailer sees 已通过 and a card number', async () => {
    const applicant = await (await phoneContext(world.browser)).newPage()
    await signInAs(applicant, world.host.url, 'fresh')
    await tapButton(applicant, '立即注册')
    await fillField(applicant, 'realName', '孙志强')
    await fillField(applicant, 'mobile', '13655557777')
    await fillField(applicant, 'shopName', '志强副食店')
    await fillField(applicant, 'shopAddress', '江苏省南京市建邺区江东中路8号')
    await fillField(applicant, 'licenceNo', '320105200088')
    await applicant.locator('[data-testid=birthday]').click()
    await applicant.locator('.weui-picker__action', { hasText: '确定' }).click()
    await applicant.locator('.nut-checkbox-icon').first().click()
    await tapButton(applicant, '提交注册')
    await applicant.getByText('审核中').first().waitFor()

    const reviewer = await (await phoneContext(world.browser)).newPage()
    await signInAs(reviewer, world.host.url, 'o_demo_reviewer')
    await tapButton(reviewer, '注册审核')
    const row = reviewer.locator('[data-testid=registration][data-name="孙志强"]')
    await row.waitFor()
    await expectText(row, '136****7777')
    await row.locator('taro-button-core', { hasText: '通过' }).click()
    await row.waitFor({ state: 'detached' })

    await applicant.reload()
    const status = applicant.locator('[data-testid=registration-status]')
    await status.getByText('已通过').waitFor()
    const cardNo = (await applicant.locator('[data-testid=card-number]').innerText()).replace(
      /\s/g,
      '',
    )
    expect(cardNo).toMatch(/^86\d{10}$/)
  })

  it('shows field-level errors in Chinese and saves nothing when the form is incomplete', async () => {
    const page = await (await phoneContext(world.browser)).newPage()
    await signInAs(page, world.host.url, 'fresh')
    await tapButton(page, '立即注册')
    await fillField(page, 'realName', '测试')
    await fillField(page, 'mobile', '12345')

    await tapButton(page, '提交注册')

    await expectText(page.locator('[data-testid=error-realName]'), '请填写真实姓名')
    await expectText(page.locator('[data-testid=error-mobile]'), '请填写11位大陆手机号')
    await expectText(
      page.locator('[data-testid=error-consentVersion]'),
      '请阅读并同意会员协议与隐私政策',
    )
    const pending = await world.host.deps.store.read.members.listByStatus('pending', 0, 100)
    expect(pending.items.map((m) => m.realName)).not.toContain('测试')
  })
})

async function expectText(
  locator: { innerText(): Promise<string>; waitFor(): Promise<void> },
  text: string,
) {
  await locator.waitFor()
  expect(await locator.innerText()).toContain(text)
}
