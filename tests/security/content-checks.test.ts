import { adminFunction } from '../../cloudfunctions/admin/index'
import { memberFunction } from '../../cloudfunctions/member/index'
import { takeMessagePush } from '../../cloudfunctions/_shared/media-check-push'
import {
  photoToShow,
  recordPhotoUpload,
} from '../../cloudfunctions/_shared/use-cases/photo-uploads'
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
    image: async () => ({ verdict: 'pass' }),
  }
}

const call = (deps: Deps, openid: string, action: string, payload: unknown) =>
  memberFunction.handle({ action, payload, requestId: newRequestId() }, callerOf(openid), deps)

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
    const down: ContentCheck = {
      text: async () => Promise.reject(new Error('ETIMEDOUT')),
      image: async () => Promise.reject(new Error('ETIMEDOUT')),
    }
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

/** WeChat's asynchronous media check: each photo gets a trace, and the verdict comes by push. */
const wechatMediaCheck = (): ContentCheck & { traces: string[] } => {
  const traces: string[] = []
  return {
    traces,
    text: async () => 'pass',
    image: async ({ photoId }) => {
      traces.push(`trace-${traces.length + 1}-${photoId.slice(-8)}`)
      return { traceId: traces[traces.length - 1]! }
    },
  }
}

/** The message push WeChat sends when the check traced `traceId` ends. */
const verdictPush = (traceId: string, suggest: 'pass' | 'review' | 'risky') => ({
  ToUserName: 'gh_0123456789ab',
  FromUserName: 'o_wechat_system',
  CreateTime: 1_790_000_000,
  MsgType: 'event',
  Event: 'wxa_media_check',
  appid: 'wx0123456789abcdef',
  trace_id: traceId,
  version: 2,
  errcode: 0,
  errmsg: 'ok',
  result: { suggest, label: suggest === 'pass' ? 100 : 20002 },
  detail: [],
})

/**
 * The attack: a member files a complaint with a photo WeChat forbids (pornography, an
 * advertisement) for staff to open, and then tries to pass it off as checked by sending the
 * function a verdict of their own. A complaint photo now goes through WeChat's media check
 * (`mediaCheckAsync`) as it is filed; staff see it only once WeChat's pushed verdict passes it,
 * and only a verdict naming the trace WeChat gave the server — never shown to anyone — counts.
 */
describe('complaint photos staff will open', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-11-23T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  /** A member who filed a complaint with one photo under `content`; the reviewer who answers it. */
  async function aFiledPhoto(content: ContentCheck) {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const member = await anActiveMember(t.deps, reviewer)
    const photoId = 'local://5f2c0e9a7b3d4c1e8f6a0b2c3d4e5f60.png'
    const recorded = await recordPhotoUpload(t.deps, callerOf(member.openid), {
      photoId,
      bytes: 64,
    })
    expect(recorded).toMatchObject({ ok: true })
    const filed = await memberFunction.handle(
      {
        action: 'fileComplaint',
        payload: { category: 'product', text: '收到的货品包装破损，见图', photos: [photoId] },
        requestId: newRequestId(),
      },
      callerOf(member.openid),
      { ...t.deps, content },
    )
    expect(filed).toMatchObject({ ok: true })
    return { reviewer, member, photoId }
  }

  /** Private cloud storage handing out links; records which photos staff were given one for. */
  const storageLinks = () => {
    const asked: string[] = []
    return {
      asked,
      forStaff: async (ids: readonly string[]) => {
        asked.push(...ids)
        return Object.fromEntries(ids.map((id) => [id, `https://tmp.example/${id.slice(-8)}`]))
      },
    }
  }

  const queue = async (reviewer: { openid: string }, photoLinks = storageLinks()) => {
    const page = await adminFunction.handle(
      { action: 'complaints', payload: { answered: false, offset: 0, limit: 20 } },
      callerOf(reviewer.openid),
      { ...t.deps, photoLinks },
    )
    if (!page.ok) throw new Error(JSON.stringify(page.error))
    return (page.data as { items: { photos: string[]; photosWithheld: unknown }[] }).items[0]!
  }

  it('keeps the photo from staff while WeChat checks it, and a forged verdict for a guessed trace changes nothing', async () => {
    const wechat = wechatMediaCheck()
    const { reviewer, photoId } = await aFiledPhoto(wechat)
    const before = t.snapshot()

    const forged = await takeMessagePush(t.deps, verdictPush('trace-1-guessed', 'pass'))

    expect(forged).toBe('success')
    expect(t.snapshot()).toEqual(before)
    const storage = storageLinks()
    expect(await queue(reviewer, storage)).toMatchObject({
      photos: [],
      photosWithheld: { checking: 1, refused: 0 },
      photoLinks: {},
    })
    expect(storage.asked).toEqual([])
    expect(await photoToShow(t.deps, callerOf(reviewer.openid), photoId)).toMatchObject({
      ok: false,
      error: { code: 'COMPLAINT.PHOTO_NOT_FOUND' },
    })
  })

  it('never shows a photo WeChat judged risky, and a later "pass" for its trace cannot undo it', async () => {
    const wechat = wechatMediaCheck()
    const { reviewer, member, photoId } = await aFiledPhoto(wechat)
    const trace = wechat.traces[0]!

    await takeMessagePush(t.deps, verdictPush(trace, 'risky'))
    const afterVerdict = t.snapshot()
    await takeMessagePush(t.deps, verdictPush(trace, 'pass'))

    expect(t.snapshot()).toEqual(afterVerdict)
    expect(await queue(reviewer)).toMatchObject({
      photos: [],
      photosWithheld: { checking: 0, refused: 1 },
    })
    expect(await photoToShow(t.deps, callerOf(reviewer.openid), photoId)).toMatchObject({
      ok: false,
    })
    expect(await photoToShow(t.deps, callerOf(member.openid), photoId)).toMatchObject({ ok: true })
  })

  it.each(['pass', 'review'] as const)(
    'shows the photo to the reviewer once WeChat answers %s',
    async (suggest) => {
      const wechat = wechatMediaCheck()
      const { reviewer, photoId } = await aFiledPhoto(wechat)

      await takeMessagePush(t.deps, verdictPush(wechat.traces[0]!, suggest))

      expect(await queue(reviewer)).toMatchObject({
        photos: [photoId],
        photosWithheld: { checking: 0, refused: 0 },
        photoLinks: { [photoId]: `https://tmp.example/${photoId.slice(-8)}` },
      })
      expect(await photoToShow(t.deps, callerOf(reviewer.openid), photoId)).toMatchObject({
        ok: true,
      })
    },
  )

  it('keeps a complaint with photos out while the check cannot start, and logs it', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const member = await anActiveMember(t.deps, reviewer)
    const photoId = 'local://0a1b2c3d4e5f60718293a4b5c6d7e8f9.png'
    await recordPhotoUpload(t.deps, callerOf(member.openid), { photoId, bytes: 64 })
    const down: ContentCheck = {
      text: async () => 'pass',
      image: async () => Promise.reject(new Error('ETIMEDOUT')),
    }
    const before = t.snapshot()

    const answer = await call({ ...t.deps, content: down }, member.openid, 'fileComplaint', {
      category: 'product',
      text: '收到的货品包装破损，见图',
      photos: [photoId],
    })

    expect(answer).toMatchObject({ ok: false, error: { code: 'SYS.CONTENT_CHECK_UNAVAILABLE' } })
    expect(t.snapshot()).toEqual(before)
    expect(t.errors).toEqual([expect.objectContaining({ message: 'photo check failed' })])
  })

  it('starts no check for a photo that is not the member’s, and refuses it by field', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const owner = await anActiveMember(t.deps, reviewer)
    const thief = await anActiveMember(t.deps, reviewer)
    const photoId = 'local://ffeeddccbbaa99887766554433221100.png'
    await recordPhotoUpload(t.deps, callerOf(owner.openid), { photoId, bytes: 64 })
    const wechat = wechatMediaCheck()

    const answer = await call({ ...t.deps, content: wechat }, thief.openid, 'fileComplaint', {
      category: 'product',
      text: '收到的货品包装破损，见图',
      photos: [photoId],
    })

    expect(answer).toMatchObject({
      ok: false,
      error: { fields: { photos: '图片无效，请重新上传' } },
    })
    expect(wechat.traces).toEqual([])
  })
})
