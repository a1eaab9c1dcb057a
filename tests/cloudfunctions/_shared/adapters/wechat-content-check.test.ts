const mockMsgSecCheck = jest.fn()
const mockMediaCheckAsync = jest.fn()
const mockGetTempFileURL = jest.fn()
const mockInit = jest.fn()
jest.mock(
  'wx-server-sdk',
  () => ({
    init: mockInit,
    DYNAMIC_CURRENT_ENV: 'dynamic-env',
    getTempFileURL: mockGetTempFileURL,
    openapi: {
      security: { msgSecCheck: mockMsgSecCheck, mediaCheckAsync: mockMediaCheckAsync },
    },
  }),
  { virtual: true },
)

import {
  CONTENT_CHECK_SETUP_FAILURES,
  wechatContentCheck,
} from '../../../../cloudfunctions/_shared/adapters/cloudbase/wechat-content-check'
import { PlatformFailure } from '../../../../cloudfunctions/_shared/platform-failure'
import { memberFunction } from '../../../../cloudfunctions/member/index'
import { callerOf } from '../../../support/registration-flow'
import { aRegistration } from '../../../support/builders'
import { newRequestId, sqliteTestDeps } from '../../../support/test-deps'

/** What wx-server-sdk throws for a WeChat errcode (a CloudSDKError carries it as `errCode`). */
const wechatError = (errCode: number) =>
  Object.assign(new Error(`errCode: ${errCode} | errMsg: fail`), { errCode })

/** msgSecCheck v2's answer (camel-cased by wx-server-sdk). */
const verdict = (suggest: string) => ({
  errCode: 0,
  errMsg: 'openapi.security.msgSecCheck:ok',
  result: { suggest, label: suggest === 'pass' ? 100 : 20001 },
  detail: [],
})

describe('wechatContentCheck', () => {
  beforeEach(() => mockMsgSecCheck.mockReset())

  it('asks msgSecCheck v2 with the member’s openid and WeChat’s scene number, and answers its suggestion', async () => {
    mockMsgSecCheck.mockResolvedValue(verdict('risky'))

    const answer = await wechatContentCheck.text({
      openid: 'o_member',
      scene: 'comment',
      content: '投诉内容',
    })

    expect(answer).toBe('risky')
    expect(mockInit).toHaveBeenCalledWith({ env: 'dynamic-env' })
    expect(mockMsgSecCheck).toHaveBeenCalledWith({
      openid: 'o_member',
      scene: 2,
      version: 2,
      content: '投诉内容',
    })
  })

  it.each([
    ['profile', 1],
    ['comment', 2],
  ] as const)('uses scene %s = %i', async (scene, number) => {
    mockMsgSecCheck.mockResolvedValue(verdict('pass'))

    await wechatContentCheck.text({ openid: 'o_member', scene, content: '王建国' })

    expect(mockMsgSecCheck).toHaveBeenCalledWith(expect.objectContaining({ scene: number }))
  })

  it('turns a missing permission into a PlatformFailure that says what to fix', async () => {
    mockMsgSecCheck.mockRejectedValue(wechatError(-604101))

    const failure = await wechatContentCheck
      .text({ openid: 'o_member', scene: 'comment', content: '投诉内容' })
      .catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(PlatformFailure)
    expect((failure as PlatformFailure).instruction).toContain(
      CONTENT_CHECK_SETUP_FAILURES[-604101],
    )
  })

  it('throws on a busy answer or one without a suggestion, so nothing is kept unchecked', async () => {
    mockMsgSecCheck.mockResolvedValueOnce({ errCode: -1, errMsg: 'system busy' })
    mockMsgSecCheck.mockResolvedValueOnce({ errCode: 0 })

    const check = () => wechatContentCheck.text({ openid: 'o', scene: 'comment', content: 'x' })
    await expect(check()).rejects.toThrow()
    await expect(check()).rejects.toThrow(/without a suggestion/)
  })
})

describe('wechatContentCheck.image', () => {
  const FILE_ID = 'cloud://club-prod-1a2b.636c-club-prod-1a2b-1250000000/complaints/a1.jpg'
  const LINK = 'https://636c-club-prod-1a2b-1250000000.tcb.qcloud.la/complaints/a1.jpg?sign=x'
  beforeEach(() => {
    mockMediaCheckAsync.mockReset()
    mockGetTempFileURL.mockReset()
    mockGetTempFileURL.mockResolvedValue({
      fileList: [{ fileID: FILE_ID, tempFileURL: LINK, status: 0, errMsg: 'ok' }],
    })
  })

  it('hands WeChat a temporary link to the photo for mediaCheckAsync v2, scene comment, and answers its trace id', async () => {
    mockMediaCheckAsync.mockResolvedValue({
      errCode: 0,
      errMsg: 'openapi.security.mediaCheckAsync:ok',
      traceId: '6593a1f0-3c1e9b2a-7d4f8e61',
    })

    const started = await wechatContentCheck.image({ openid: 'o_member', photoId: FILE_ID })

    expect(started).toEqual({ traceId: '6593a1f0-3c1e9b2a-7d4f8e61' })
    expect(mockGetTempFileURL).toHaveBeenCalledWith({
      fileList: [{ fileID: FILE_ID, maxAge: 3600 }],
    })
    expect(mockMediaCheckAsync).toHaveBeenCalledWith({
      mediaUrl: LINK,
      mediaType: 2,
      version: 2,
      openid: 'o_member',
      scene: 2,
    })
  })

  it('throws when storage gives no link, without asking WeChat', async () => {
    mockGetTempFileURL.mockResolvedValue({
      fileList: [{ fileID: FILE_ID, tempFileURL: '', status: -503003, errMsg: 'file not exist' }],
    })

    await expect(
      wechatContentCheck.image({ openid: 'o_member', photoId: FILE_ID }),
    ).rejects.toThrow(/file not exist/)
    expect(mockMediaCheckAsync).not.toHaveBeenCalled()
  })

  it('turns a missing permission into a PlatformFailure, and an answer without a trace into an error', async () => {
    mockMediaCheckAsync.mockRejectedValueOnce(wechatError(-604101))
    mockMediaCheckAsync.mockResolvedValueOnce({ errCode: 0 })

    const check = () => wechatContentCheck.image({ openid: 'o_member', photoId: FILE_ID })
    await expect(check()).rejects.toBeInstanceOf(PlatformFailure)
    await expect(check()).rejects.toThrow(/without a trace id/)
  })
})

describe('registration on CloudBase with WeChat’s content check', () => {
  let t: ReturnType<typeof sqliteTestDeps>
  beforeEach(() => {
    t = sqliteTestDeps()
    mockMsgSecCheck.mockReset()
  })
  afterEach(() => t.cleanup())

  it('refuses a shop name WeChat judges risky, by field, storing nothing', async () => {
    mockMsgSecCheck.mockImplementation(async ({ content }: { content: string }) =>
      verdict(content.includes('赌场') ? 'risky' : 'pass'),
    )
    const deps = { ...t.deps, content: wechatContentCheck }
    const before = t.snapshot()

    const answer = await memberFunction.handle(
      {
        action: 'register',
        payload: aRegistration({ shopName: '澳门赌场' }),
        requestId: newRequestId(),
      },
      callerOf('o_applicant'),
      deps,
    )

    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'INPUT.CONTENT_RISKY',
        message: '内容含有不适宜的信息，请修改后再提交',
        fields: { shopName: '该内容未通过微信内容安全检测，请修改' },
      },
    })
    expect(mockMsgSecCheck).toHaveBeenCalledTimes(3) // name, shop name, address
    expect(t.snapshot()).toEqual(before)
  })
})
