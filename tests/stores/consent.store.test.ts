import { createConsentStore } from '@/stores/consent.store'
import { deferred, failure, networkDown, success } from './fake-transport'

// The store module also builds the app's own store over services/cloud.ts, which imports
// @tarojs/taro (ESM-only); these tests inject their own api, so an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

const OUTCOME = { consentVersion: '2026-11', consentAt: '2026-11-23T02:00:00.000Z' }

function privacyApi() {
  return {
    consent: jest.fn(async (_version: string, _requestId: string) => success(OUTCOME)),
  }
}

describe('createConsentStore', () => {
  it('records the consent to the version in force', async () => {
    const api = privacyApi()
    const store = createConsentStore(api)

    const result = await store.getState().consent('2026-11')

    expect(result).toBeNull()
    expect(api.consent).toHaveBeenCalledWith('2026-11', expect.any(String))
    expect(store.getState().consenting).toBe(false)
  })

  it('sends one consent while one is in flight', async () => {
    const api = privacyApi()
    const answer = deferred<ReturnType<typeof success<typeof OUTCOME>>>()
    api.consent.mockReturnValueOnce(answer.promise)
    const store = createConsentStore(api)

    const first = store.getState().consent('2026-11')
    const second = await store.getState().consent('2026-11')
    answer.resolve(success(OUTCOME))
    await first

    expect(second).toBeNull()
    expect(api.consent).toHaveBeenCalledTimes(1)
  })

  it('retries a consent whose answer was lost with the same request id', async () => {
    const api = privacyApi()
    api.consent.mockResolvedValueOnce(networkDown())
    const store = createConsentStore(api)

    const first = await store.getState().consent('2026-11')
    const second = await store.getState().consent('2026-11')

    expect(first?.code).toBe('NETWORK')
    expect(second).toBeNull()
    const [firstId, secondId] = api.consent.mock.calls.map(([, requestId]) => requestId)
    expect(secondId).toBe(firstId)
  })

  it('answers the refusal of the function', async () => {
    const api = privacyApi()
    api.consent.mockResolvedValueOnce(failure('INPUT.INVALID'))
    const store = createConsentStore(api)

    const result = await store.getState().consent('2025-01')

    expect(result?.code).toBe('INPUT.INVALID')
  })
})
