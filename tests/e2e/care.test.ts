import { phonePageAs, tapButton } from './support/browser'
import { useLocalHostAndBrowser } from './support/local-host'

/** The smallest valid PNG (1×1, one grey pixel): what a member's photo upload carries here. */
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==',
  'base64',
)

describe('trust and care, end to end in the H5 build', () => {
  const world = useLocalHostAndBrowser()

  const pageAs = (openid: string) => phonePageAs(world.browser, world.host.url, openid)

  it('a member files a complaint with a photo, a reviewer answers it in the queue, and the member reads the answer', async () => {
    const member = await pageAs('o_demo_member')
    await member.goto(`${world.host.url}/#/member/complaints/index`)
    await member.getByText('服务态度', { exact: true }).click()
    await member.locator('[data-field="text"] textarea').fill('收银员态度冷淡，积分也没有告知')
    const chooser = member.waitForEvent('filechooser')
    await tapButton(member, '添加图片')
    await (
      await chooser
    ).setFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PIXEL_PNG })
    await member.locator('[data-testid=photo-strip] img').first().waitFor()
    await tapButton(member, '提交')
    const mine = member.locator('[data-testid=complaint]', { hasText: '收银员态度冷淡' })
    await mine.getByText('待回复').waitFor()

    const reviewer = await pageAs('o_demo_reviewer')
    await tapButton(reviewer, '投诉处理')
    const item = reviewer.locator('[data-testid=complaint-item]', { hasText: '收银员态度冷淡' })
    await item.waitFor()
    expect(await item.locator('img').count()).toBe(1)
    await item.locator('textarea').fill('已约谈门店负责人，并为您补录说明，感谢反馈')
    await item.locator('taro-button-core', { hasText: '回复' }).click()
    await item.waitFor({ state: 'detached' })
    const overdue = reviewer.locator('[data-testid=complaint-item]', { hasText: '代金券' })
    await overdue.getByText('已超时').waitFor()

    await member.reload()
    await mine.getByText('已回复').waitFor()
    await mine.getByText('回复：已约谈门店负责人，并为您补录说明，感谢反馈').waitFor()
    const stored = await world.host.deps.store.read.members.byOpenid('o_demo_member')
    const [complaint] = await world.host.deps.store.read.complaints.forMember(stored!.id)
    expect(complaint).toMatchObject({ category: 'service', answer: expect.any(String) })
    expect(complaint!.photos).toHaveLength(1)
    const notices = await world.host.deps.store.read.outbox.forMember(stored!.id)
    expect(notices.map((n) => n.kind)).toContain('complaint.answered')
  })

  it('a member asks to withdraw, a reviewer confirms, and the account is closed with the personal data gone', async () => {
    const before = (await world.host.deps.store.read.members.byOpenid('o_demo_member'))!
    const member = await pageAs('o_demo_member')
    await member.goto(`${world.host.url}/#/pages/mine/index`)
    await member.getByText('我的数据', { exact: true }).click()
    // The 我的 page stays in the DOM, hidden, with the same name on it: look at the visible one.
    await member.getByText('王建国').filter({ visible: true }).first().waitFor()
    await tapButton(member, '申请注销')
    await member.locator('.taro-model__confirm', { hasText: '确定注销' }).click()
    const status = member.locator('[data-testid=withdrawal-status]')
    await status.getByText('注销申请处理中').waitFor()

    const reviewer = await pageAs('o_demo_reviewer')
    await tapButton(reviewer, '注销申请')
    const request = reviewer.locator('[data-testid=withdrawal-request]', { hasText: '王建国' })
    await request.getByText('处理期限').waitFor()
    await request.locator('taro-button-core', { hasText: '确认注销' }).click()
    await reviewer.locator('.taro-model__confirm').click()
    await reviewer.getByText('暂无待处理的注销申请').waitFor()

    await member.goto(`${world.host.url}/#/pages/mine/index`)
    await member.reload()
    await member.locator('taro-button-core', { hasText: '立即注册' }).waitFor()
    const after = (await world.host.deps.store.read.members.byId(before.id))!
    expect(after).toMatchObject({ status: 'withdrawn', realName: '已注销会员', shopAddress: '' })
    expect(after.openid).not.toBe('o_demo_member')
    expect(await world.host.deps.store.read.points.ledgerSum(before.id)).toBe(0)
    expect((await world.host.deps.store.read.cards.byCardNo(before.cardNo!))?.status).toBe(
      'revoked',
    )
  })
})
