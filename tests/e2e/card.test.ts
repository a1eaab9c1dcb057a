import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  codeShownBy,
  fillField,
  launchChromium,
  phoneContext,
  qrShownBy,
  signInAs,
  tapButton,
  verifyAtCounter,
} from './support/browser'
import { fakeCameraArgs, qrCodeVideo } from './support/fake-camera'
import { useLocalHostAndBrowser } from './support/local-host'

describe('the member card, end to end in the H5 build', () => {
  const world = useLocalHostAndBrowser()

  it('member opens the card → clerk types the 22 digits under the QR → summary appears → the same digits again are refused', async () => {
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

  it('a clerk who types the card number printed on the card is told to ask for the digits under the QR', async () => {
    const clerk = await (await phoneContext(world.browser)).newPage()
    await signInAs(clerk, world.host.url, 'o_demo_clerk')
    await tapButton(clerk, '门店收银')

    await fillField(clerk, 'code', '8600 0000 0015')
    await tapButton(clerk, '核验会员码')

    await clerk.getByText('读出二维码下方的22位数字动态码').first().waitFor()
    expect(await clerk.locator('[data-testid=cardholder]').count()).toBe(0)
  })

  it("the clerk scans the member's QR with the browser's camera → the summary appears", async () => {
    const member = await (await phoneContext(world.browser)).newPage()
    await signInAs(member, world.host.url, 'o_demo_star')
    await codeShownBy(member, world.host.url)
    const code = await qrShownBy(member)
    expect(code).toMatch(/^RCC1\./)
    const dir = mkdtempSync(join(tmpdir(), 'club-camera-'))
    const camera = await launchChromium(fakeCameraArgs(qrCodeVideo(code, join(dir, 'qr.y4m'))))
    try {
      const clerk = await (await phoneContext(camera)).newPage()
      await signInAs(clerk, world.host.url, 'o_demo_clerk')
      await tapButton(clerk, '门店收银')

      await tapButton(clerk, '扫码')

      const summary = clerk.locator('[data-testid=cardholder]')
      // ZXing decodes the fake camera's frames on the page's own thread: on a busy 2-core machine
      // the first readable frame can take longer than the default 15 s.
      await summary.getByText('孙丽华').waitFor({ timeout: 45_000 })
      expect(await clerk.locator('[data-testid=camera-scanner]').count()).toBe(0)
      expect(await clerk.locator('[data-field="code"] input').inputValue()).toBe(code)
    } finally {
      await camera.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a suspended member sees the card marked unusable, with no code to show', async () => {
    const { store } = world.host.deps
    const record = (await store.read.members.byOpenid('o_demo_star'))!
    await store.transaction((tx) =>
      tx.members.update({ ...record, status: 'suspended', version: record.version + 1 }),
    )
    const member = await (await phoneContext(world.browser)).newPage()
    await signInAs(member, world.host.url, 'o_demo_star')

    await member.goto(`${world.host.url}/#/pages/card/index`)

    const unusable = member.locator('[data-testid=card-unusable]')
    await unusable.waitFor()
    expect(await unusable.innerText()).toContain('不可用')
    expect(await member.locator('[data-testid=card-code]').count()).toBe(0)
  })
})
