import type { Envelope } from '@/contracts/error-codes'
import type { MeView } from '@/contracts/member.contract'
import { createSessionStore } from '@/stores/session.store'
import { deferred, failure, networkDown, success } from './fake-transport'

// The store module also builds the app's own store over services/cloud.ts, which imports
// @tarojs/taro (ESM-only, unloadable by jest's CommonJS runtime). These tests inject their own
// api, so Taro is never called: an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

const guest: MeView = { role: 'guest', policyVersion: '2026-11', member: null, staff: null }
const reviewer: MeView = {
  role: 'reviewer',
  policyVersion: '2026-11',
  member: null,
  staff: { name: '周敏', role: 'reviewer', site: null, since: '2026-01-05T02:00:00.000Z' },
}

function fakeApi(...answers: Envelope<MeView>[]) {
  const me = jest.fn(async () => answers.shift() ?? networkDown<MeView>())
  return { me }
}

describe('createSessionStore', () => {
  it('starts idle, knowing nobody', () => {
    const store = createSessionStore(fakeApi())

    const state = store.getState()

    expect(state).toMatchObject({ status: 'idle', me: null, error: null })
  })

  it('is loading while the first call is in flight, then ready with the caller', async () => {
    const answer = deferred<Envelope<MeView>>()
    const store = createSessionStore({ me: () => answer.promise })

    const loading = store.getState().load()
    const during = store.getState().status
    answer.resolve(success(guest))
    await loading

    expect(during).toBe('loading')
    expect(store.getState()).toMatchObject({ status: 'ready', me: guest, error: null })
  })

  it('ends in error with the ApiError and nobody known when the call fails', async () => {
    const store = createSessionStore(fakeApi(networkDown()))

    await store.getState().load()

    expect(store.getState()).toMatchObject({
      status: 'error',
      me: null,
      error: { code: 'NETWORK' },
    })
  })

  it('keeps showing the known caller, still ready, while reloading', async () => {
    const answer = deferred<Envelope<MeView>>()
    const api = { me: jest.fn(async () => success(guest)) }
    const store = createSessionStore(api)
    await store.getState().load()
    api.me.mockImplementationOnce(() => answer.promise)

    const reloading = store.getState().load()
    const during = store.getState()
    answer.resolve(success(reviewer))
    await reloading

    expect(during).toMatchObject({ status: 'ready', me: guest })
    expect(store.getState()).toMatchObject({ status: 'ready', me: reviewer })
  })

  it('recovers from an error on the next successful load, clearing the error', async () => {
    const store = createSessionStore(fakeApi(failure('SYS.INTERNAL'), success(guest)))
    await store.getState().load()

    await store.getState().load()

    expect(store.getState()).toMatchObject({ status: 'ready', me: guest, error: null })
  })

  it('forgets the caller when a reload fails, so no page acts on a stale role', async () => {
    const store = createSessionStore(fakeApi(success(reviewer), failure('AUTH.NOT_SIGNED_IN')))
    await store.getState().load()

    await store.getState().load()

    expect(store.getState()).toMatchObject({
      status: 'error',
      me: null,
      error: { code: 'AUTH.NOT_SIGNED_IN' },
    })
  })
})
