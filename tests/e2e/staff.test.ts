import { fillField, phonePageAs, tapButton } from './support/browser'
import { useLocalHostAndBrowser } from './support/local-host'

describe('staff management, end to end in the H5 build', () => {
  const world = useLocalHostAndBrowser()

  const pageAs = (openid: string) => phonePageAs(world.browser, world.host.url, openid)

  it('an admin invites a clerk, a new WeChat user accepts the code and works as clerk, moves to another outlet, until revoked', async () => {
    const admin = await pageAs('o_demo_admin')
    await tapButton(admin, '员工管理')
    const form = admin.locator('[data-testid=staff-invite-form]')
    await form.locator('taro-button-core', { hasText: '店员' }).click()
    await fillField(admin, 'inviteName', '吴新')
    await fillField(admin, 'inviteSite', '建邺万达门店')
    await tapButton(admin, '生成邀请码')
    const shown = admin.locator('[data-testid=invite-code]')
    await shown.waitFor()
    const code = (await shown.innerText()).trim()
    expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/)
    await admin.locator('[data-testid=invite-qr]').waitFor()
    await admin.locator('[data-testid=staff-invite][data-name="吴新"]').waitFor()

    const invitee = await pageAs('fresh')
    await tapButton(invitee, '员工邀请')
    await fillField(invitee, 'inviteCode', code.toLowerCase())
    await tapButton(invitee, '接受邀请')
    const joined = invitee.locator('[data-testid=joined-staff]')
    await joined.getByText('吴新，您已成为店员').waitFor()
    await tapButton(invitee, '进入员工工作台')
    await invitee.locator('[data-testid=staff-identity]').getByText('吴新 · 店员').waitFor()
    await invitee.locator('taro-button-core', { hasText: '门店收银' }).waitFor()
    await invitee.goto(`${world.host.url}/#/pages/mine/index`)
    const profile = invitee.locator('[data-testid=staff-profile]')
    await profile.getByText('吴新').waitFor()
    expect(await profile.innerText()).toContain('店员')
    expect(await profile.innerText()).toContain('建邺万达门店')
    expect(await profile.innerText()).toContain('门店收银')

    await admin.reload()
    const row = admin.locator('[data-testid=staff-row][data-name="吴新"]')
    await row.waitFor()
    expect(await row.innerText()).toContain('建邺万达门店')
    expect(await admin.locator('[data-testid=staff-invite][data-name="吴新"]').count()).toBe(0)
    // Moved to another outlet: the row shows it at once.
    await row.locator('taro-button-core', { hasText: '修改门店' }).click()
    await fillField(admin, 'newSite', '秦淮夫子庙门店')
    await row.locator('textarea').fill('调往夫子庙店')
    await row.locator('taro-button-core', { hasText: '确认修改' }).click()
    await row.getByText('秦淮夫子庙门店').waitFor()
    await row.locator('taro-button-core', { hasText: '停用' }).click()
    await row.locator('textarea').fill('已离职')
    await row.locator('taro-button-core', { hasText: '确认停用' }).click()
    await admin.locator('[data-testid=staff-row][data-name="吴新"][data-status=revoked]').waitFor()

    await invitee.reload()
    await invitee.locator('taro-button-core', { hasText: '立即注册' }).waitFor()
    expect(await invitee.getByText('员工工作台').count()).toBe(0)
    const page = await world.host.deps.store.read.staff.list(0, 100)
    const stored = page.items.find((s) => s.name === '吴新')
    expect(stored).toMatchObject({ role: 'clerk', status: 'revoked' })
    const trail = await world.host.deps.store.read.audit.forTarget('staff', stored!.id)
    expect(trail.map((r) => r.action)).toEqual(['staff.accept', 'staff.changeSite', 'staff.revoke'])
    expect(stored!.site).toBe('秦淮夫子庙门店')
  })

  it('a member cannot accept a staff invite, and is told why', async () => {
    const member = await pageAs('o_demo_member')
    await member.goto(`${world.host.url}/#/staff/join/index`)
    await fillField(member, 'inviteCode', 'ABCDE-FGHJK-MNPQR-STVWX')

    await tapButton(member, '接受邀请')

    const refusal = member.locator('[data-testid=join-error]')
    await refusal.getByText('该微信号已注册为会员').waitFor()
    expect(await world.host.deps.store.read.staff.byOpenid('o_demo_member')).toBeNull()
  })
})
