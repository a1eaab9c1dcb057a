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

import { wechatSubscribeSender } from '../../../../cloudfunctions/_shared/adapters/cloudbase/wechat-subscribe-sender'
import type { SubscribeMessage } from '../../../../cloudfunctions/_shared/ports'

const message: SubscribeMessage = {
  openid: 'o_member_1',
  templateId: 'tmpl-review',
  page: 'pages/index/index',
  data: { thing1: { value: '会员注册' }, phrase2: { value: '已通过' } },
}

describe('wechatSubscribeSender', () => {
  const state = process.env.CLUB_MINIPROGRAM_STATE
  beforeEach(() => mockSend.mockReset())
  afterEach(() => {
    if (state === undefined) delete process.env.CLUB_MINIPROGRAM_STATE
    else process.env.CLUB_MINIPROGRAM_STATE = state
  })

  it('calls subscribeMessage.send of the cloud-call open API with the message, for the released version', async () => {
    delete process.env.CLUB_MINIPROGRAM_STATE
    mockSend.mockResolvedValue({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' })

    const outcome = await wechatSubscribeSender.send(message)

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

    await wechatSubscribeSender.send(message)

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
      mockSend.mockRejectedValue(Object.assign(new Error('errCode: fail'), { errCode }))

      const outcome = await wechatSubscribeSender.send(message)

      expect(outcome).toEqual({ ok: false, errcode: errCode, permanent })
    },
  )

  it('reports a non-zero errCode returned without a throw as an outcome', async () => {
    mockSend.mockResolvedValue({ errCode: 43101, errMsg: 'user refuse to accept the msg' })

    const outcome = await wechatSubscribeSender.send(message)

    expect(outcome).toEqual({ ok: false, errcode: 43101, permanent: true })
  })

  it('rethrows a failure without an errcode: the message may have reached WeChat', async () => {
    mockSend.mockRejectedValue(new Error('ETIMEDOUT'))

    await expect(wechatSubscribeSender.send(message)).rejects.toThrow('ETIMEDOUT')
  })

  it('loads wx-server-sdk once', async () => {
    mockSend.mockResolvedValue({ errCode: 0 })

    await wechatSubscribeSender.send(message)
    await wechatSubscribeSender.send(message)

    expect(mockInit).toHaveBeenCalledTimes(1)
  })
})
