import type { Envelope } from '@/contracts/error-codes'
import type { NotificationSettingsView, SubscriptionCredits } from '@/contracts/notifications'
import { createNotificationsStore } from '@/stores/notifications.store'
import { isAcceptedRequestId, networkDown, success } from './fake-transport'

// The store module also builds the app's own store over services/cloud.ts, which imports
// @tarojs/taro (ESM-only); these tests inject their own api, so an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

const settings: NotificationSettingsView = {
  templates: [
    { key: 'review', templateId: 'tmpl-R' },
    { key: 'points', templateId: 'tmpl-P' },
  ],
  credits: { points: 1 },
}

function fakeApi(answers: Envelope<{ credits: SubscriptionCredits }>[] = []) {
  return {
    settings: jest.fn(async () => success(settings)),
    subscribe: jest.fn(
      async (_accepted: readonly string[], _requestId: string) =>
        answers.shift() ?? success({ credits: { points: 2 } }),
    ),
  }
}

describe('createNotificationsStore', () => {
  it('loads each template’s id and the member’s unused sends', async () => {
    const store = createNotificationsStore(fakeApi())

    await store.getState().load()

    expect(store.getState()).toMatchObject({
      status: 'ready',
      templates: settings.templates,
      credits: { points: 1 },
      error: null,
    })
  })

  it('reports the accepted templates under a fresh request id and keeps the new counts', async () => {
    const api = fakeApi()
    const store = createNotificationsStore(api)

    const error = await store.getState().report(['points'])

    expect(error).toBeNull()
    expect(api.subscribe).toHaveBeenCalledWith(['points'], expect.any(String))
    expect(isAcceptedRequestId(api.subscribe.mock.calls[0]![1])).toBe(true)
    expect(store.getState().credits).toEqual({ points: 2 })
  })

  it('reports nothing when nothing was accepted', async () => {
    const api = fakeApi()
    const store = createNotificationsStore(api)

    const error = await store.getState().report([])

    expect(error).toBeNull()
    expect(api.subscribe).not.toHaveBeenCalled()
  })

  it('sends a report again under the same request id after a network failure, so it counts once', async () => {
    const api = fakeApi([networkDown()])
    const store = createNotificationsStore(api)

    const failed = await store.getState().report(['review'])
    await store.getState().report(['review'])
    await store.getState().report(['review'])

    const ids = api.subscribe.mock.calls.map(([, requestId]) => requestId)
    expect(failed).toMatchObject({ code: 'NETWORK' })
    expect(ids[1]).toBe(ids[0])
    expect(ids[2]).not.toBe(ids[1])
  })

  it('ends in error when the settings cannot be loaded', async () => {
    const api = fakeApi()
    api.settings.mockResolvedValueOnce(networkDown())
    const store = createNotificationsStore(api)

    await store.getState().load()

    expect(store.getState()).toMatchObject({ status: 'error', error: { code: 'NETWORK' } })
  })
})
