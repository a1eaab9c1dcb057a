import type { StaffWithdrawalPage, StaffWithdrawalView } from '@/contracts/privacy'
import { createWithdrawalsStore } from '@/stores/withdrawals.store'
import { failure, isAcceptedRequestId, networkDown, success } from './fake-transport'

// The store module also builds the app's own store over services/cloud.ts, which imports
// @tarojs/taro (ESM-only); these tests inject their own api, so an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

const ROW: StaffWithdrawalView = {
  id: 'wd-m-1-1',
  status: 'requested',
  reason: '店铺转让',
  requestedAt: '2026-11-23T02:00:00.000Z',
  dueOn: '2026-11-30',
  confirmedAt: null,
  cancelledAt: null,
  memberId: 'm-1',
  realName: '王建国',
  mobileMasked: '139****5678',
  shopName: '建国便利店',
  cardNo: '100000000018',
  memberStatus: 'active',
  overdue: true,
}

const page = (items: StaffWithdrawalView[]): StaffWithdrawalPage => ({
  items,
  total: items.length,
  asOf: '2026-12-01T02:00:00.000Z',
})

function withdrawalsApi() {
  return {
    withdrawals: jest.fn(async (_offset?: number, _limit?: number) => success(page([ROW]))),
    confirmWithdrawal: jest.fn(async (id: string, _requestId: string) =>
      success({ id, memberId: 'm-1', status: 'confirmed' as const }),
    ),
  }
}

describe('createWithdrawalsStore', () => {
  it('loads the open requests', async () => {
    const store = createWithdrawalsStore(withdrawalsApi())

    await store.getState().load()

    expect(store.getState()).toMatchObject({ status: 'ready', items: [ROW], total: 1 })
  })

  it('shows why the queue cannot be read (a clerk)', async () => {
    const api = withdrawalsApi()
    api.withdrawals.mockResolvedValueOnce(failure('AUTH.FORBIDDEN'))
    const store = createWithdrawalsStore(api)

    await store.getState().load()

    expect(store.getState()).toMatchObject({ status: 'error', error: { code: 'AUTH.FORBIDDEN' } })
  })

  it('confirms a request and reloads the queue', async () => {
    const api = withdrawalsApi()
    api.withdrawals
      .mockResolvedValueOnce(success(page([ROW])))
      .mockResolvedValueOnce(success(page([])))
    const store = createWithdrawalsStore(api)
    await store.getState().load()

    const result = await store.getState().confirm(ROW.id)

    expect(result).toBeNull()
    expect(store.getState()).toMatchObject({ items: [], confirmingId: null })
  })

  it('confirms again with the same request id after a network failure, so it counts once', async () => {
    const api = withdrawalsApi()
    api.confirmWithdrawal.mockResolvedValueOnce(networkDown())
    const store = createWithdrawalsStore(api)

    const first = await store.getState().confirm(ROW.id)
    const second = await store.getState().confirm(ROW.id)

    expect(first?.code).toBe('NETWORK')
    expect(second).toBeNull()
    const [firstId, secondId] = api.confirmWithdrawal.mock.calls.map(([, requestId]) => requestId)
    expect(isAcceptedRequestId(firstId)).toBe(true)
    expect(secondId).toBe(firstId)
  })
})
