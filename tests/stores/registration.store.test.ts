import type { Envelope } from '@/contracts/error-codes'
import type { RegisterInput, RegisterOutput } from '@/contracts/member.contract'
import { CURRENT_POLICY_VERSION } from '@/domain/privacy/policy'
import { createRegistrationStore, type RegistrationDraft } from '@/stores/registration.store'
import { aRegistration } from '../support/builders'
import { deferred, failure, isAcceptedRequestId, networkDown, success } from './fake-transport'

// The store module also builds the app's own store over services/cloud.ts, which imports
// @tarojs/taro (ESM-only, unloadable by jest's CommonJS runtime). These tests inject their own
// api, so Taro is never called: an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

const POLICY = CURRENT_POLICY_VERSION
const registered = success<RegisterOutput>({ memberId: 'm-1', status: 'pending' })
const CHINESE = /[\u4e00-\u9fff]/

/** What the form holds when filled in correctly, consent ticked. */
function aDraft(overrides: Partial<RegistrationDraft> = {}): RegistrationDraft {
  const form = aRegistration()
  return {
    realName: form.realName,
    mobile: form.mobile,
    phoneCode: '',
    shopName: form.shopName,
    shopAddress: form.shopAddress,
    licenceNo: form.licenceNo,
    birthday: form.birthday,
    consentVersion: '',
    referralCode: '',
    channel: form.channel ?? '',
    consentAccepted: true,
    ...overrides,
  }
}

function fakeApi(...answers: Envelope<RegisterOutput>[]) {
  const register = jest.fn(
    async (_form: RegisterInput, _requestId: string) => answers.shift() ?? registered,
  )
  return { register }
}

describe('createRegistrationStore', () => {
  it('starts with nothing sent and no errors', () => {
    const store = createRegistrationStore(fakeApi())

    const state = store.getState()

    expect(state).toMatchObject({
      submitting: false,
      fieldErrors: {},
      error: null,
      pendingRequestId: null,
    })
  })

  it('sends the form as the contract reads it, with the policy version consented to', async () => {
    const api = fakeApi()
    const store = createRegistrationStore(api)
    const draft = aDraft({ realName: '  王建国 ', licenceNo: ' 3201ab 1234 56 ', referralCode: '' })

    const done = await store.getState().submit(draft, POLICY)

    expect(done).toBe(true)
    expect(api.register).toHaveBeenCalledTimes(1)
    const [form, requestId] = api.register.mock.calls[0]!
    expect(form).toEqual({
      realName: '王建国',
      mobile: draft.mobile,
      shopName: draft.shopName,
      shopAddress: draft.shopAddress,
      licenceNo: '3201AB123456',
      birthday: draft.birthday,
      consentVersion: POLICY,
      channel: draft.channel,
    })
    expect(isAcceptedRequestId(requestId)).toBe(true)
  })

  it('sends the WeChat phone authorisation code instead of a typed mobile when there is one', async () => {
    const api = fakeApi()
    const store = createRegistrationStore(api)

    await store.getState().submit(aDraft({ mobile: '', phoneCode: 'wx-phone-code-1' }), POLICY)

    const [form] = api.register.mock.calls[0]!
    expect(form).toMatchObject({ phoneCode: 'wx-phone-code-1' })
    expect(form).not.toHaveProperty('mobile')
  })

  it('checks the form locally first: a bad draft gets Chinese messages by field and is not sent', async () => {
    const api = fakeApi()
    const store = createRegistrationStore(api)

    const done = await store
      .getState()
      .submit(aDraft({ realName: '', mobile: '12345', birthday: '1985-02-30' }), POLICY)

    expect(done).toBe(false)
    expect(api.register).not.toHaveBeenCalled()
    const { fieldErrors, error } = store.getState()
    expect(Object.keys(fieldErrors).sort()).toEqual(['birthday', 'mobile', 'realName'])
    for (const message of Object.values(fieldErrors)) expect(message).toMatch(CHINESE)
    expect(fieldErrors.mobile).toBe('请填写11位大陆手机号')
    expect(error).toBeNull()
  })

  it('asks for consent when the box is unticked, without sending anything', async () => {
    const api = fakeApi()
    const store = createRegistrationStore(api)

    const done = await store.getState().submit(aDraft({ consentAccepted: false }), POLICY)

    expect(done).toBe(false)
    expect(api.register).not.toHaveBeenCalled()
    expect(store.getState().fieldErrors).toEqual({
      consentVersion: '请阅读并同意会员协议与隐私政策',
    })
  })

  it('is submitting while the call is in flight, and not once it returns', async () => {
    const answer = deferred<Envelope<RegisterOutput>>()
    const store = createRegistrationStore({ register: () => answer.promise })

    const sending = store.getState().submit(aDraft(), POLICY)
    const during = store.getState().submitting
    answer.resolve(registered)
    await sending

    expect(during).toBe(true)
    expect(store.getState().submitting).toBe(false)
  })

  it('clears earlier errors as soon as a new submission is sent', async () => {
    const answer = deferred<Envelope<RegisterOutput>>()
    const api = fakeApi(failure('MEMBER.DUPLICATE', { mobile: '该手机号已注册' }))
    const store = createRegistrationStore(api)
    await store.getState().submit(aDraft(), POLICY)
    api.register.mockImplementationOnce(() => answer.promise)

    const sending = store.getState().submit(aDraft(), POLICY)
    const during = store.getState()
    answer.resolve(registered)
    await sending

    expect(during).toMatchObject({ submitting: true, fieldErrors: {}, error: null })
  })

  it('forgets the request id after a success, so the next registration is a new request', async () => {
    const api = fakeApi(registered, registered)
    const store = createRegistrationStore(api)
    await store.getState().submit(aDraft(), POLICY)

    await store.getState().submit(aDraft(), POLICY)

    const [first, second] = api.register.mock.calls.map(([, requestId]) => requestId)
    expect(store.getState().pendingRequestId).toBeNull()
    expect(second).not.toBe(first)
  })

  it('keeps the request id after a network failure, so the retry is the same request', async () => {
    const api = fakeApi(networkDown(), registered)
    const store = createRegistrationStore(api)
    const draft = aDraft()
    await store.getState().submit(draft, POLICY)
    const kept = store.getState().pendingRequestId

    const done = await store.getState().submit(draft, POLICY)

    const [first, retry] = api.register.mock.calls.map(([, requestId]) => requestId)
    expect(kept).toBe(first)
    expect(retry).toBe(first)
    expect(done).toBe(true)
    expect(store.getState().pendingRequestId).toBeNull()
  })

  it('keeps the request id after an internal error too, since the server recorded nothing', async () => {
    const api = fakeApi(failure('SYS.INTERNAL'), registered)
    const store = createRegistrationStore(api)
    const draft = aDraft()
    await store.getState().submit(draft, POLICY)

    await store.getState().submit(draft, POLICY)

    const [first, retry] = api.register.mock.calls.map(([, requestId]) => requestId)
    expect(retry).toBe(first)
  })

  it('sends a form edited after a network failure as a new request, not a retry of the old one', async () => {
    const api = fakeApi(networkDown(), registered)
    const store = createRegistrationStore(api)
    const draft = aDraft()
    await store.getState().submit(draft, POLICY)

    await store.getState().submit({ ...draft, shopName: '改过的店名' }, POLICY)

    const [first, second] = api.register.mock.calls.map(([, requestId]) => requestId)
    expect(second).not.toBe(first)
  })

  it('sends a second tap while the first is in flight as the same request', async () => {
    const answer = deferred<Envelope<RegisterOutput>>()
    const api = fakeApi()
    api.register.mockImplementationOnce(() => answer.promise)
    const store = createRegistrationStore(api)
    const draft = aDraft()

    const firstTap = store.getState().submit(draft, POLICY)
    const secondTap = store.getState().submit(draft, POLICY)
    answer.resolve(registered)
    await Promise.all([firstTap, secondTap])

    const [first, second] = api.register.mock.calls.map(([, requestId]) => requestId)
    expect(second).toBe(first)
  })

  it('reports a network failure as an error without field messages', async () => {
    const store = createRegistrationStore(fakeApi(networkDown()))

    const done = await store.getState().submit(aDraft(), POLICY)

    expect(done).toBe(false)
    expect(store.getState()).toMatchObject({
      submitting: false,
      error: { code: 'NETWORK' },
      fieldErrors: {},
    })
  })

  it('forgets the request id after a business refusal, so a corrected form is a new request', async () => {
    const api = fakeApi(failure('MEMBER.UNDERAGE', { birthday: '年满18周岁方可注册' }), registered)
    const store = createRegistrationStore(api)
    await store.getState().submit(aDraft(), POLICY)
    const afterRefusal = store.getState().pendingRequestId

    await store.getState().submit(aDraft(), POLICY)

    const [first, second] = api.register.mock.calls.map(([, requestId]) => requestId)
    expect(afterRefusal).toBeNull()
    expect(second).not.toBe(first)
  })

  it("shows the server's field errors by field, with the error itself", async () => {
    const store = createRegistrationStore(
      fakeApi(failure('MEMBER.DUPLICATE', { mobile: '该手机号已注册' })),
    )

    const done = await store.getState().submit(aDraft(), POLICY)

    expect(done).toBe(false)
    expect(store.getState().fieldErrors).toEqual({ mobile: '该手机号已注册' })
    expect(store.getState().error).toMatchObject({ code: 'MEMBER.DUPLICATE' })
  })

  it('keeps the error, with no field messages, for a refusal that names no field', async () => {
    const store = createRegistrationStore(fakeApi(failure('MEMBER.ALREADY_REGISTERED')))

    await store.getState().submit(aDraft(), POLICY)

    expect(store.getState().fieldErrors).toEqual({})
    expect(store.getState().error).toMatchObject({ code: 'MEMBER.ALREADY_REGISTERED' })
  })

  it('clears one field message when that field is edited, keeping the others', async () => {
    const store = createRegistrationStore(fakeApi())
    await store.getState().submit(aDraft({ realName: '', mobile: '123' }), POLICY)

    store.getState().clearField('mobile')

    expect(Object.keys(store.getState().fieldErrors)).toEqual(['realName'])
  })

  it('ignores clearing a field that has no message', async () => {
    const store = createRegistrationStore(fakeApi())
    await store.getState().submit(aDraft({ mobile: '123' }), POLICY)

    store.getState().clearField('shopName')

    expect(store.getState().fieldErrors).toEqual({ mobile: '请填写11位大陆手机号' })
  })
})
