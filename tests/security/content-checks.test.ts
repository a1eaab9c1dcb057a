import { memberFunction } from '../../cloudfunctions/member/index'
import type { ContentCheck, Deps } from '../../cloudfunctions/_shared/ports'
import { anActiveMember, callerOf } from '../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../support/test-deps'

/** WeChat's content check as the member function meets it: risky when the text has a banned word. */
const wechatJudging = (banned: string): ContentCheck & { checked: string[] } => {
  const checked: string[] = []
  return {
    checked,
    text: async ({ content }) => {
      checked.push(content)
      return content.includes(banned) ? 'risky' : 'pass'
    },
  }
}

/**
 * The attack: a member uses the club to carry text WeChat forbids — abuse in a complaint, an
 * advertisement in a suggestion, a gambling den as a shop name — to staff and, through exports and
 * rosters, further. Every member-written field others read now goes through WeChat's content
 * check first; a risky text is refused by field and nothing is stored, and when the check cannot
 * answer the text waits rather than going in unchecked.
 */
describe('member text others will read', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-11-23T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  const call = (deps: Deps, openid: string, action: string, payload: unknown) =>
    memberFunction.handle({ action, payload, requestId: newRequestId() }, callerOf(openid), deps)

  it.each([
    ['fileComplaint', { category: 'service', text: '加微信领取赌场返利，店员态度很差' }],
    ['suggest', { text: '建议俱乐部组织去赌场参观' }],
  ])('refuses %s with risky text, by field, storing nothing', async (action, payload) => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const member = await anActiveMember(t.deps, reviewer)
    const wechat = wechatJudging('赌场')
    const before = t.snapshot()

    const answer = await call({ ...t.deps, content: wechat }, member.openid, action, payload)

    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'INPUT.CONTENT_RISKY',
        fields: { text: '该内容未通过微信内容安全检测，请修改' },
      },
    })
    expect(wechat.checked).toEqual([payload.text])
    expect(t.snapshot()).toEqual(before)
  })

  it('keeps a complaint out while the check cannot answer, and logs it', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const member = await anActiveMember(t.deps, reviewer)
    const down: ContentCheck = { text: async () => Promise.reject(new Error('ETIMEDOUT')) }
    const before = t.snapshot()

    const answer = await call({ ...t.deps, content: down }, member.openid, 'fileComplaint', {
      category: 'service',
      text: '店员服务态度需要改进一下',
    })

    expect(answer).toMatchObject({ ok: false, error: { code: 'SYS.CONTENT_CHECK_UNAVAILABLE' } })
    expect(t.snapshot()).toEqual(before)
    expect(t.errors).toEqual([expect.objectContaining({ message: 'content check failed' })])
  })

  it('passes clean text on to the action', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const member = await anActiveMember(t.deps, reviewer)
    const wechat = wechatJudging('赌场')

    const answer = await call({ ...t.deps, content: wechat }, member.openid, 'fileComplaint', {
      category: 'service',
      text: '店员服务态度需要改进一下',
    })

    expect(answer).toMatchObject({ ok: true })
    expect(wechat.checked).toEqual(['店员服务态度需要改进一下'])
  })
})
