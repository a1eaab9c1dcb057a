import type { Envelope } from '@/contracts/error-codes'
import type { MemberEventPage, MemberEventView } from '@/contracts/events.contract'
import { createEventsStore } from '@/stores/events.store'
import { deferred, isAcceptedRequestId, networkDown, success } from './fake-transport'

// The store module also builds the app's own store over services/cloud.ts, which imports
// @tarojs/taro (ESM-only); these tests inject their own api, so an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

function anEvent(overrides: Partial<MemberEventView> = {}): MemberEventView {
  return {
    id: 'ev-1',
    kind: 'tasting',
    title: '新品品鉴会',
    description: '介绍',
    coverImage: null,
    place: '展厅',
    contact: '周敏',
    startAt: '2026-05-20T11:00:00.000Z',
    endAt: '2026-05-20T13:00:00.000Z',
    signupOpensAt: '2026-05-01T00:00:00.000Z',
    signupClosesAt: '2026-05-19T00:00:00.000Z',
    capacity: 10,
    remaining: 10,
    attendancePoints: 50,
    clubOnly: false,
    minStar: null,
    acknowledgement: null,
    mode: 'fcfs',
    status: 'published',
    confirmed: 0,
    checkedIn: 0,
    cancelReason: null,
    createdAt: '',
    updatedAt: '',
    publishedAt: '',
    version: 2,
    eligibility: { ok: true },
    mine: null,
    ...overrides,
  }
}

const page = (items: MemberEventView[], blockedUntil: string | null = null): MemberEventPage => ({
  items,
  total: items.length,
  blockedUntil,
})

function fakeApi() {
  return {
    list: jest.fn(async (_query: unknown) => success(page([anEvent()]))),
    detail: jest.fn(async (_id: string) => success(anEvent())),
    signUp: jest.fn(async (_id: string, _ack: boolean, _requestId: string) =>
      success({
        status: 'confirmed' as const,
        position: null,
        checkedInAt: null,
        noShow: false,
        cancellable: true,
        cancelDeadline: '2026-05-20T08:00:00.000Z',
      }),
    ),
    cancelSignup: jest.fn(async (_id: string, _requestId: string) => networkDown()),
    mySignups: jest.fn(async () => success([anEvent()])),
  }
}

describe('createEventsStore', () => {
  it('lists under the filter chosen, sending only the kind when one is chosen', async () => {
    const api = fakeApi()
    const store = createEventsStore(api)

    await store.getState().load({ kind: 'sports', when: 'past' })

    expect(api.list).toHaveBeenCalledWith({ when: 'past', kind: 'sports', offset: 0, limit: 50 })
    expect(store.getState()).toMatchObject({
      status: 'ready',
      filter: { kind: 'sports', when: 'past' },
    })
  })

  it('keeps the list of the filter chosen last when answers arrive out of order', async () => {
    const api = fakeApi()
    const slow = deferred<Envelope<MemberEventPage>>()
    api.list.mockReturnValueOnce(slow.promise)
    const store = createEventsStore(api)

    const first = store.getState().load({ kind: 'tasting' })
    await store.getState().load({ kind: 'sports' })
    slow.resolve(success(page([anEvent({ id: 'stale' })])))
    await first

    expect(store.getState().items.map((e) => e.id)).toEqual(['ev-1'])
    expect(store.getState().filter.kind).toBe('sports')
  })

  it('shows the no-show block with the list', async () => {
    const api = fakeApi()
    api.list.mockResolvedValueOnce(success(page([], '2026-08-14T13:30:00.000Z')))
    const store = createEventsStore(api)

    await store.getState().load()

    expect(store.getState().blockedUntil).toBe('2026-08-14T13:30:00.000Z')
  })

  it('signs up for the event on show with the acknowledgement, then reloads it', async () => {
    const api = fakeApi()
    const store = createEventsStore(api)
    await store.getState().loadDetail('ev-1')

    const result = await store.getState().signUp(true)

    expect(result).toBeNull()
    expect(api.signUp).toHaveBeenCalledWith('ev-1', true, expect.any(String))
    expect(isAcceptedRequestId(api.signUp.mock.calls[0]![2])).toBe(true)
    expect(api.detail).toHaveBeenCalledTimes(2)
  })

  it('sends a sign-up still queued again with the same request id until it is answered, saying 排队中 meanwhile', async () => {
    const api = fakeApi()
    const answer = await api.signUp('ev-1', true, 'r')
    api.signUp.mockClear()
    const queuedReply = {
      ok: false as const,
      error: {
        code: 'EVENT.SIGNUP_QUEUED' as const,
        message: '报名人数较多，正在按到达顺序处理，请稍候查看报名结果',
      },
    }
    api.signUp
      .mockResolvedValueOnce(queuedReply as never)
      .mockResolvedValueOnce(queuedReply as never)
      .mockResolvedValueOnce(answer)
    const store = createEventsStore(api, { waitMs: 1, retries: 5 })
    await store.getState().loadDetail('ev-1')
    const seen: boolean[] = []
    store.subscribe((state) => seen.push(state.queued))

    const result = await store.getState().signUp(true)

    expect(result).toBeNull()
    const ids = api.signUp.mock.calls.map(([, , requestId]) => requestId)
    expect(ids).toHaveLength(3)
    expect(new Set(ids).size).toBe(1)
    expect(seen).toContain(true)
    expect(store.getState()).toMatchObject({ queued: false, busy: false })
  })

  it('stops sending a queued sign-up after its retries, and says it is still queued', async () => {
    const api = fakeApi()
    api.signUp.mockResolvedValue({
      ok: false,
      error: {
        code: 'EVENT.SIGNUP_QUEUED',
        message: '报名人数较多，正在按到达顺序处理，请稍候查看报名结果',
      },
    } as never)
    const store = createEventsStore(api, { waitMs: 1, retries: 2 })
    await store.getState().loadDetail('ev-1')

    const result = await store.getState().signUp(true)

    expect(result?.code).toBe('EVENT.SIGNUP_QUEUED')
    expect(api.signUp).toHaveBeenCalledTimes(3)
  })

  it('sends a cancellation again with the same request id after a network failure', async () => {
    const api = fakeApi()
    const store = createEventsStore(api)
    await store.getState().loadDetail('ev-1')

    const first = await store.getState().cancel()
    await store.getState().cancel()

    expect(first?.code).toBe('NETWORK')
    const ids = api.cancelSignup.mock.calls.map(([, requestId]) => requestId)
    expect(ids[1]).toBe(ids[0])
  })
})
