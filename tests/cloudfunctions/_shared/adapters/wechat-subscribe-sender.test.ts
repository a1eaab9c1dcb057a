const mockSend = jest.fn()
const mockInit = jest.fn()
jest.mock(
  'wx-server-sdk',
  () => ({
    init: mockInit,
    DYNAMIC_CURRENT_ENV: 'dynamic-env',
    openapi: { subscribeMessage: { send: mockSend } },
  }),
  {
    virtual: true,
  },
)

import {
  SEND_SETUP_FAILURES,
  wechatSubscribeSender,
  wechatSubscribeSenderWith,
} from '../../../../cloudfunctions/_shared/adapters/cloudbase/wechat-subscribe-sender'
import type { SubscribeMessage } from '../../../../cloudfunctions/_shared/ports'
import { isPermanentError } from '@/domain/notification/delivery'

const message: SubscribeMessage = {
  openid: 'o_member_1',
  templateId: 'tmpl-review',
  page: 'pages/index/index',
  data: { thing1: { value: '会员注册' }, phrase2: { value: '已通过' } },
}

/** What wx-server-sdk throws for a WeChat errcode (a CloudSDKError carries it as `errCode`). */
const wechatError = (errCode: number) =>
  Object.assign(new Error(`errCode: ${errCode} | errMsg: fail`), { errCode })

const logged: Record<string, unknown>[] = []
const sender = wechatSubscribeSenderWith({
  error: (message, details) => logged.push({ message, ...details }),
})

describe('wechatSubscribeSender', () => {
  const state = process.env.CLUB_MINIPROGRAM_STATE
  beforeEach(() => {
    mockSend.mockReset()
    logged.length = 0
  })
  afterEach(() => {
    if (state === undefined) delete process.env.CLUB_MINIPROGRAM_STATE
    else process.env.CLUB_MINIPROGRAM_STATE = state
  })

  it('calls subscribeMessage.send of the cloud-call open API with the message, for the released version', async () => {
    delete process.env.CLUB_MINIPROGRAM_STATE
    mockSend.mockResolvedValue({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' })

    const outcome = await sender.send(message)

    expect(outcome).toEqual({ ok: true })
    expect(mockInit).toHaveBeenCalledWith({ env: 'dynamic-env' })
    expect(mockSend).toHaveBeenCalledWith({
      touser: 'o_member_1',
      templateId: 'tmpl-review',
      page: 'pages/index/index',
      data: { thing1: { value: '会员注册' }, phrase2: { value: '已通过' } },
      miniprogramState: 'formal',
    })
  })

  it('opens the trial version when CLUB_MINIPROGRAM_STATE says so', async () => {
    process.env.CLUB_MINIPROGRAM_STATE = 'trial'
    mockSend.mockResolvedValue({ errCode: 0 })

    await sender.send(message)

    expect(mockSend).toHaveBeenCalledWith(expect.objectContaining({ miniprogramState: 'trial' }))
  })

  it.each([
    [43101, true],
    [47003, true],
    [40003, true],
    [-1, false],
    [45009, false],
  ])(
    'reports errcode %i thrown by WeChat as an outcome, permanent: %s',
    async (errCode, permanent) => {
      mockSend.mockRejectedValue(wechatError(errCode))

      const outcome = await sender.send(message)

      expect(outcome).toEqual({ ok: false, errcode: errCode, permanent })
    },
  )

  it('reports a non-zero errCode returned without a throw as an outcome', async () => {
    mockSend.mockResolvedValue({ errCode: 43101, errMsg: 'user refuse to accept the msg' })

    const outcome = await sender.send(message)

    expect(outcome).toEqual({ ok: false, errcode: 43101, permanent: true })
  })

  it.each(Object.keys(SEND_SETUP_FAILURES).map(Number))(
    'keeps errcode %i an outcome and logs what the person deploying must do',
    async (errCode) => {
      mockSend.mockRejectedValue(wechatError(errCode))

      const outcome = await sender.send(message)

      expect(outcome).toEqual({ ok: false, errcode: errCode, permanent: isPermanentError(errCode) })
      expect(logged).toEqual([
        {
          message: 'platform setup needed',
          fn: 'jobs',
          api: 'subscribeMessage.send',
          errcode: errCode,
          templateId: 'tmpl-review',
          instruction: expect.stringMatching(
            new RegExp(
              `^subscribeMessage.send failed with errcode ${errCode}: .*docs/deploy\\.md §`,
            ),
          ),
        },
      ])
    },
  )

  it('retries a send refused for a missing permission (-604101), naming the fix', async () => {
    mockSend.mockRejectedValue(wechatError(-604101))

    const outcome = await sender.send(message)

    expect(outcome).toEqual({ ok: false, errcode: -604101, permanent: false })
    expect(logged[0]?.instruction).toContain(
      'the function `jobs` lacks the open-API permission subscribeMessage.send',
    )
    expect(logged[0]?.instruction).toContain('WeChat DevTools')
  })

  it.each([
    [43101, 'the member refused or holds no subscription'],
    [-1, 'WeChat busy'],
    [45009, 'quota'],
  ])('logs nothing for errcode %i (%s): nothing to fix in the deployment', async (errCode) => {
    mockSend.mockRejectedValue(wechatError(errCode))

    await sender.send(message)

    expect(logged).toEqual([])
  })

  it('rethrows the gateway timeout (-604102): the message may have reached WeChat', async () => {
    mockSend.mockRejectedValue(wechatError(-604102))

    await expect(sender.send(message)).rejects.toMatchObject({ errCode: -604102 })
  })

  it('writes the instruction of the jobs function as one JSON line on stderr', async () => {
    mockSend.mockRejectedValue(wechatError(-604101))
    const stderr = jest.spyOn(console, 'error').mockImplementation(() => undefined)

    await wechatSubscribeSender.send(message)

    expect(stderr).toHaveBeenCalledTimes(1)
    expect(JSON.parse(stderr.mock.calls[0]![0] as string)).toMatchObject({
      level: 'error',
      message: 'platform setup needed',
      errcode: -604101,
    })
    stderr.mockRestore()
  })

  it('rethrows a failure without an errcode: the message may have reached WeChat', async () => {
    mockSend.mockRejectedValue(new Error('ETIMEDOUT'))

    await expect(sender.send(message)).rejects.toThrow('ETIMEDOUT')
  })

  it('loads wx-server-sdk once', async () => {
    mockSend.mockResolvedValue({ errCode: 0 })

    await sender.send(message)
    await wechatSubscribeSender.send(message)

    expect(mockInit).toHaveBeenCalledTimes(1)
  })
})
