const mockGetPhoneNumber = jest.fn()
const mockInit = jest.fn()
jest.mock(
  'wx-server-sdk',
  () => ({
    init: mockInit,
    DYNAMIC_CURRENT_ENV: 'dynamic-env',
    openapi: { phonenumber: { getPhoneNumber: mockGetPhoneNumber } },
  }),
  { virtual: true },
)

import {
  PHONE_SETUP_FAILURES,
  wechatPhones,
} from '../../../../cloudfunctions/_shared/adapters/cloudbase/wechat-phones'
import { PlatformFailure } from '../../../../cloudfunctions/_shared/platform-failure'
import { memberFunction } from '../../../../cloudfunctions/member/index'
import { ERROR_MESSAGES } from '@/constants/error-messages'
import { callerOf } from '../../../support/registration-flow'
import { aRegistration } from '../../../support/builders'
import { newRequestId, sqliteTestDeps } from '../../../support/test-deps'

const CHINESE = /[\u4e00-\u9fff]/

/** What wx-server-sdk throws for a WeChat errcode (a CloudSDKError carries it as `errCode`). */
const wechatError = (errCode: number) =>
  Object.assign(new Error(`errCode: ${errCode} | errMsg: fail`), { errCode })

describe('wechatPhones', () => {
  beforeEach(() => mockGetPhoneNumber.mockReset())

  it('exchanges the code through phonenumber.getPhoneNumber for the mainland number', async () => {
    mockGetPhoneNumber.mockResolvedValue({
      errCode: 0,
      phoneInfo: { phoneNumber: '13900001111', purePhoneNumber: '13900001111', countryCode: '86' },
    })

    const mobile = await wechatPhones.exchange('code-1')

    expect(mobile).toBe('13900001111')
    expect(mockInit).toHaveBeenCalledWith({ env: 'dynamic-env' })
    expect(mockGetPhoneNumber).toHaveBeenCalledWith({ code: 'code-1' })
  })

  it('reads the snake-case answer too', async () => {
    mockGetPhoneNumber.mockResolvedValue({ phone_info: { purePhoneNumber: '13900002222' } })

    expect(await wechatPhones.exchange('code-1')).toBe('13900002222')
  })

  it('gives no number for a number outside the mainland (country code other than 86)', async () => {
    mockGetPhoneNumber.mockResolvedValue({
      phoneInfo: { purePhoneNumber: '91234567', countryCode: '852' },
    })

    expect(await wechatPhones.exchange('code-1')).toBeNull()
  })

  it.each([
    [40029, 'an invalid, used or expired code'],
    [-1, 'WeChat busy'],
    [45011, 'too many calls'],
  ])('gives no number for errcode %i (%s): the member authorises again', async (errCode) => {
    mockGetPhoneNumber.mockRejectedValue(wechatError(errCode))

    expect(await wechatPhones.exchange('code-1')).toBeNull()
  })

  it.each(Object.keys(PHONE_SETUP_FAILURES).map(Number))(
    'turns errcode %i, which no new code fixes, into MEMBER.PHONE_UNAVAILABLE with an instruction',
    async (errCode) => {
      mockGetPhoneNumber.mockRejectedValue(wechatError(errCode))

      const failure = await wechatPhones.exchange('code-1').catch((e: unknown) => e)

      expect(failure).toBeInstanceOf(PlatformFailure)
      const { error, instruction } = failure as PlatformFailure
      expect(error).toMatchObject({ code: 'MEMBER.PHONE_UNAVAILABLE', fields: { mobile: CHINESE } })
      expect(instruction).toContain(`errcode ${errCode}`)
      expect(instruction).toMatch(/docs\/deploy\.md §\d/)
    },
  )

  it('names the permission and the DevTools upload for -604101', async () => {
    mockGetPhoneNumber.mockRejectedValue(wechatError(-604101))

    const failure = (await wechatPhones.exchange('code-1').catch((e: unknown) => e)) as Error

    expect(failure.message).toContain('`member` lacks the open-API permission')
    expect(failure.message).toContain('phonenumber.getPhoneNumber')
    expect(failure.message).toContain('WeChat DevTools')
  })

  it('rethrows a failure without an errcode', async () => {
    mockGetPhoneNumber.mockRejectedValue(new Error('ETIMEDOUT'))

    await expect(wechatPhones.exchange('code-1')).rejects.toThrow('ETIMEDOUT')
  })
})

describe('registering when the member function lacks the phone permission', () => {
  let t: ReturnType<typeof sqliteTestDeps>
  beforeEach(() => {
    t = sqliteTestDeps()
    t.deps.settings.phoneSource = 'wechat'
    t.deps.phones = wechatPhones
    mockGetPhoneNumber.mockReset()
    mockGetPhoneNumber.mockRejectedValue(wechatError(-604101))
  })
  afterEach(() => t.cleanup())

  const register = (requestId: string) => {
    const { mobile: _typed, ...form } = aRegistration()
    return memberFunction.handle(
      { action: 'register', payload: { ...form, phoneCode: 'code-1' }, requestId },
      callerOf('o_applicant'),
      t.deps,
    )
  }

  it('tells the member in Chinese that the phone number cannot be fetched now', async () => {
    const envelope = await register(newRequestId())

    expect(envelope).toEqual({
      ok: false,
      error: {
        code: 'MEMBER.PHONE_UNAVAILABLE',
        message: expect.stringMatching(CHINESE),
        fields: { mobile: expect.stringMatching(CHINESE) },
      },
    })
    expect(ERROR_MESSAGES['MEMBER.PHONE_UNAVAILABLE']).toMatch(CHINESE)
    expect(await t.deps.store.read.members.byOpenid('o_applicant')).toBeNull()
  })

  it('logs once, in English, what the person deploying must do', async () => {
    const requestId = newRequestId()

    await register(requestId)

    expect(t.errors).toEqual([
      {
        message: 'platform setup needed',
        fn: 'member',
        action: 'register',
        requestId,
        instruction: expect.stringContaining(
          'the function `member` lacks the open-API permission phonenumber.getPhoneNumber',
        ),
      },
    ])
  })

  it('keeps no result of the request, so it succeeds once the permission is registered', async () => {
    const requestId = newRequestId()
    await register(requestId)
    mockGetPhoneNumber.mockResolvedValue({ phoneInfo: { purePhoneNumber: '13900003333' } })

    const retry = await register(requestId)

    expect(retry).toMatchObject({ ok: true, data: { status: 'pending' } })
  })
})
