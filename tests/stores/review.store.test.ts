import type {
  RegistrationPage,
  RegistrationSummary,
  ReviewOutcome,
} from '@/contracts/admin.contract'
import type { Envelope } from '@/contracts/error-codes'
import type { MemberStatus } from '@/domain/member/member'
import { createReviewStore } from '@/stores/review.store'
import { deferred, failure, isAcceptedRequestId, networkDown, success } from './fake-transport'

// The store module also builds the app's own store over services/cloud.ts, which imports
// @tarojs/taro (ESM-only, unloadable by jest's CommonJS runtime). These tests inject their own
// api, so Taro is never called: an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

function aSummary(memberId: string, status: MemberStatus = 'pending'): RegistrationSummary {
  return {
    memberId,
    status,
    realName: '王建国',
    mobileMasked: '139****0001',
    licenceMasked: '3201****0001',
    shopName: '建国便利店',
    shopAddress: '江苏省南京市鼓楼区中山路100号',
    age: 41,
    channel: 'oa_menu',
    referred: false,
    submittedAt: '2026-11-20T02:00:00.000Z',
    reviewDueDate: '2026-11-24',
    overdue: false,
    cardNo: null,
    rejectReason: null,
    heldElsewhere: [],
  }
}

const page = (...items: RegistrationSummary[]) =>
  success<RegistrationPage>({ items, total: items.length })
const approved = (memberId: string) =>
  success<ReviewOutcome>({ memberId, status: 'active', cardNo: '88000001' })
const rejected = (memberId: string) =>
  success<ReviewOutcome>({ memberId, status: 'rejected', cardNo: null })

/** An admin api whose queue answers with `pages` in turn (then an empty page). */
function fakeApi(...pages: Envelope<RegistrationPage>[]) {
  return {
    registrations: jest.fn(
      async (_query: { status: MemberStatus; offset?: number; limit?: number }) =>
        pages.shift() ?? page(),
    ),
    approveRegistration: jest.fn(async (memberId: string, _requestId: string) =>
      approved(memberId),
    ),
    rejectRegistration: jest.fn(async (memberId: string, _reason: string, _requestId: string) =>
      rejected(memberId),
    ),
  }
}

/** The card api's re-key, answering each call with the card's next version. */
function fakeCards() {
  let version = 1
  return {
    rekey: jest.fn(async (_requestId: string, _memberId?: string) =>
      success({ cardNo: '860000000015', version: ++version }),
    ),
  }
}

describe('createReviewStore', () => {
  it('starts idle on the pending queue, with nothing loaded', () => {
    const store = createReviewStore(fakeApi(), fakeCards())

    const state = store.getState()

    expect(state).toMatchObject({
      filter: 'pending',
      status: 'idle',
      items: [],
      total: 0,
      error: null,
      busyId: null,
    })
  })

  describe('load', () => {
    it('is loading while the queue is fetched, then ready with its rows and total', async () => {
      const answer = deferred<Envelope<RegistrationPage>>()
      const api = fakeApi()
      api.registrations.mockImplementationOnce(() => answer.promise)
      const store = createReviewStore(api, fakeCards())

      const loading = store.getState().load()
      const during = store.getState().status
      answer.resolve(success({ items: [aSummary('m-1')], total: 7 }))
      await loading

      expect(during).toBe('loading')
      expect(store.getState()).toMatchObject({
        status: 'ready',
        items: [aSummary('m-1')],
        total: 7,
        error: null,
      })
      expect(api.registrations).toHaveBeenCalledWith({ status: 'pending', offset: 0, limit: 50 })
    })

    it('switches to another status and keeps it for the next load', async () => {
      const api = fakeApi()
      const store = createReviewStore(api, fakeCards())
      await store.getState().load('rejected')

      await store.getState().load()

      expect(store.getState().filter).toBe('rejected')
      expect(api.registrations.mock.calls.map(([query]) => query.status)).toEqual([
        'rejected',
        'rejected',
      ])
    })

    it('shows the rows of the status last asked for, even when an earlier answer comes in later', async () => {
      const slowPending = deferred<Envelope<RegistrationPage>>()
      const api = fakeApi()
      api.registrations
        .mockImplementationOnce(() => slowPending.promise)
        .mockResolvedValueOnce(page(aSummary('m-9', 'rejected')))
      const store = createReviewStore(api, fakeCards())

      const pending = store.getState().load('pending')
      await store.getState().load('rejected')
      slowPending.resolve(page(aSummary('m-1', 'pending')))
      await pending

      expect(store.getState().filter).toBe('rejected')
      expect(store.getState().items).toEqual([aSummary('m-9', 'rejected')])
    })

    it('ends in error with the ApiError when the queue cannot be fetched', async () => {
      const store = createReviewStore(fakeApi(failure('AUTH.FORBIDDEN')), fakeCards())

      await store.getState().load()

      expect(store.getState()).toMatchObject({ status: 'error', error: { code: 'AUTH.FORBIDDEN' } })
    })

    it('clears the error on the next successful load', async () => {
      const store = createReviewStore(fakeApi(networkDown(), page(aSummary('m-1'))), fakeCards())
      await store.getState().load()

      await store.getState().load()

      expect(store.getState()).toMatchObject({ status: 'ready', error: null, total: 1 })
    })
  })

  describe('approve', () => {
    it('sends the member with a request id the functions accept, and returns null on success', async () => {
      const api = fakeApi()
      const store = createReviewStore(api, fakeCards())

      const outcome = await store.getState().approve('m-1')

      expect(outcome).toBeNull()
      expect(api.approveRegistration).toHaveBeenCalledWith('m-1', expect.any(String))
      expect(isAcceptedRequestId(api.approveRegistration.mock.calls[0]![1])).toBe(true)
    })

    it('sends a fresh request id for every decision', async () => {
      const api = fakeApi()
      const store = createReviewStore(api, fakeCards())

      await store.getState().approve('m-1')
      await store.getState().approve('m-1')
      await store.getState().reject('m-2', '许可证号不符')

      const ids = [
        ...api.approveRegistration.mock.calls.map(([, requestId]) => requestId),
        ...api.rejectRegistration.mock.calls.map(([, , requestId]) => requestId),
      ]
      expect(new Set(ids).size).toBe(3)
    })

    it('marks the member busy while the decision is sent, and not once it returns', async () => {
      const answer = deferred<Envelope<ReviewOutcome>>()
      const api = fakeApi()
      api.approveRegistration.mockImplementationOnce(() => answer.promise)
      const store = createReviewStore(api, fakeCards())

      const sending = store.getState().approve('m-1')
      const during = store.getState().busyId
      answer.resolve(approved('m-1'))
      await sending

      expect(during).toBe('m-1')
      expect(store.getState().busyId).toBeNull()
    })

    it('reloads the queue afterwards, so the approved member leaves it', async () => {
      const api = fakeApi(page(aSummary('m-1'), aSummary('m-2')), page(aSummary('m-2')))
      const store = createReviewStore(api, fakeCards())
      await store.getState().load()

      await store.getState().approve('m-1')

      expect(api.registrations).toHaveBeenCalledTimes(2)
      expect(store.getState()).toMatchObject({
        status: 'ready',
        items: [aSummary('m-2')],
        total: 1,
      })
    })

    it('returns the ApiError when refused, clears busy and still reloads the queue', async () => {
      const api = fakeApi()
      api.approveRegistration.mockResolvedValueOnce(failure('MEMBER.NOT_PENDING'))
      const store = createReviewStore(api, fakeCards())

      const outcome = await store.getState().approve('m-1')

      expect(outcome).toMatchObject({ code: 'MEMBER.NOT_PENDING' })
      expect(store.getState().busyId).toBeNull()
      expect(api.registrations).toHaveBeenCalledTimes(1)
    })
  })

  describe('reject', () => {
    it('sends the member and the reason with a fresh request id, and returns null on success', async () => {
      const api = fakeApi()
      const store = createReviewStore(api, fakeCards())

      const outcome = await store.getState().reject('m-1', '许可证号与营业执照不一致')

      expect(outcome).toBeNull()
      expect(api.rejectRegistration).toHaveBeenCalledWith(
        'm-1',
        '许可证号与营业执照不一致',
        expect.any(String),
      )
      expect(isAcceptedRequestId(api.rejectRegistration.mock.calls[0]![2])).toBe(true)
    })

    it('marks the member busy while the decision is sent, and reloads the queue afterwards', async () => {
      const answer = deferred<Envelope<ReviewOutcome>>()
      const api = fakeApi()
      api.rejectRegistration.mockImplementationOnce(() => answer.promise)
      const store = createReviewStore(api, fakeCards())

      const sending = store.getState().reject('m-1', '信息不全')
      const during = store.getState().busyId
      answer.resolve(rejected('m-1'))
      await sending

      expect(during).toBe('m-1')
      expect(store.getState().busyId).toBeNull()
      expect(api.registrations).toHaveBeenCalledTimes(1)
    })

    it('returns the ApiError with its field messages when refused', async () => {
      const api = fakeApi()
      api.rejectRegistration.mockResolvedValueOnce(
        failure('INPUT.INVALID', { reason: '驳回原因为2–200个字' }),
      )
      const store = createReviewStore(api, fakeCards())

      const outcome = await store.getState().reject('m-1', '不')

      expect(outcome).toMatchObject({
        code: 'INPUT.INVALID',
        fields: { reason: '驳回原因为2–200个字' },
      })
      expect(store.getState().busyId).toBeNull()
    })

    it('returns the network failure when the decision never reached the function', async () => {
      const api = fakeApi()
      api.rejectRegistration.mockResolvedValueOnce(networkDown())
      const store = createReviewStore(api, fakeCards())

      const outcome = await store.getState().reject('m-1', '信息不全')

      expect(outcome).toMatchObject({ code: 'NETWORK' })
    })
  })

  describe('rekeyCard', () => {
    it('re-keys the member’s card on their behalf with a fresh request id, null on success', async () => {
      const cards = fakeCards()
      const store = createReviewStore(fakeApi(), cards)

      const first = await store.getState().rekeyCard('m-1')
      await store.getState().rekeyCard('m-1')

      expect(first).toBeNull()
      const [[idA, memberA], [idB]] = cards.rekey.mock.calls as unknown as [
        [string, string],
        [string],
      ]
      expect(memberA).toBe('m-1')
      expect(idA).not.toBe(idB)
      expect(store.getState().busyId).toBeNull()
    })
  })
})
