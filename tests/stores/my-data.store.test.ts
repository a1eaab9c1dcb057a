import type { MyDataExport, MyDataView, WithdrawalView } from '@/contracts/privacy'
import {
  correctionOf,
  createMyDataStore,
  draftOf,
  exportFileName,
  exportSummary,
} from '@/stores/my-data.store'
import { deferred, failure, isAcceptedRequestId, networkDown, success } from './fake-transport'

// The store module also builds the app's own store over services/cloud.ts, which imports
// @tarojs/taro (ESM-only); these tests inject their own api, so an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

const DATA: MyDataView = {
  id: 'm-1',
  status: 'active',
  realName: '王建国',
  mobile: '13912345678',
  shopName: '建国便利店',
  shopAddress: '江苏省南京市鼓楼区中山路100号',
  licenceNo: '320100000001',
  birthday: '1985-06-15',
  cardNo: '100000000018',
  consentVersion: '2026-01',
  consentAt: '2026-01-05T02:00:00.000Z',
  policyVersion: '2026-11',
  channel: 'oa_menu',
  referralCode: 'R00001',
  createdAt: '2026-01-05T02:00:00.000Z',
}

const OPEN: WithdrawalView = {
  id: 'wd-m-1-1',
  status: 'requested',
  reason: null,
  requestedAt: '2026-11-23T02:00:00.000Z',
  dueOn: '2026-11-30',
  confirmedAt: null,
  cancelledAt: null,
}

const EXPORT = {
  exportedAt: '2026-11-23T02:00:00.000Z',
  points: { balance: 10, lots: [], ledger: [{}, {}] },
  vouchers: [{}],
  stars: [{}],
  signups: [],
  suggestions: [],
  complaints: [{}],
  sanctions: [],
  notifications: [{}, {}, {}],
  withdrawals: [],
} as unknown as MyDataExport

function privacyApi() {
  return {
    myData: jest.fn(async () => success(DATA)),
    myWithdrawal: jest.fn(async () => success<WithdrawalView | null>(null)),
    correctData: jest.fn(async (_input: unknown, _requestId: string) =>
      success({ changed: ['shopName' as const], version: 2 }),
    ),
    exportData: jest.fn(async (_requestId: string) => success(EXPORT)),
    requestWithdrawal: jest.fn(async (_reason: string | undefined, _requestId: string) =>
      success(OPEN),
    ),
    cancelWithdrawal: jest.fn(async (_requestId: string) =>
      success({ ...OPEN, status: 'cancelled' as const }),
    ),
  }
}

async function loaded(api = privacyApi()) {
  const store = createMyDataStore(api)
  await store.getState().load()
  return store
}

describe('correctionOf', () => {
  it('sends only the fields that changed', () => {
    const draft = { ...draftOf(DATA), shopName: '建国超市' }

    expect(correctionOf(draft, DATA)).toEqual({ shopName: '建国超市' })
  })

  it('sends the WeChat phone code instead of a typed mobile when there is one', () => {
    const draft = { ...draftOf(DATA), mobile: '13800001111', phoneCode: 'code-1' }

    expect(correctionOf(draft, DATA)).toEqual({ phoneCode: 'code-1' })
    expect(correctionOf({ ...draft, phoneCode: '' }, DATA)).toEqual({ mobile: '13800001111' })
  })
})

describe('exportSummary and exportFileName', () => {
  it('counts what the export holds and names the file by its day', () => {
    expect(exportSummary(EXPORT)).toEqual(
      expect.arrayContaining([
        { label: '积分明细', count: 2 },
        { label: '投诉与建议', count: 1 },
        { label: '消息通知', count: 3 },
      ]),
    )
    expect(exportFileName(EXPORT)).toBe('我的数据-2026-11-23.json')
  })
})

describe('createMyDataStore', () => {
  it('loads the data and the open withdrawal together', async () => {
    const api = privacyApi()
    api.myWithdrawal.mockResolvedValueOnce(success(OPEN))

    const store = await loaded(api)

    expect(store.getState()).toMatchObject({ status: 'ready', data: DATA, withdrawal: OPEN })
  })

  it('shows the load error', async () => {
    const api = privacyApi()
    api.myData.mockResolvedValueOnce(failure('AUTH.NOT_A_MEMBER'))

    const store = await loaded(api)

    expect(store.getState()).toMatchObject({
      status: 'error',
      error: { code: 'AUTH.NOT_A_MEMBER' },
    })
  })

  it('forgets the data once the account is gone, but keeps it over a network failure', async () => {
    const api = privacyApi()
    const store = await loaded(api)
    api.myData.mockResolvedValueOnce(networkDown())
    await store.getState().load()
    const afterNetwork = store.getState().data
    api.myData.mockResolvedValueOnce(failure('AUTH.NOT_A_MEMBER'))
    await store.getState().load()

    expect(afterNetwork).toEqual(DATA)
    expect(store.getState()).toMatchObject({ status: 'error', data: null, withdrawal: null })
  })

  it('checks a correction before sending it: nothing changed, or a bad field, and no call', async () => {
    const api = privacyApi()
    const store = await loaded(api)

    const unchanged = await store.getState().correct(draftOf(DATA))
    const badName = await store.getState().correct({ ...draftOf(DATA), realName: '王' })

    expect(unchanged).toMatchObject({ code: 'INPUT.INVALID', fields: { _: '请至少修改一项资料' } })
    expect(badName).toMatchObject({ fields: { realName: '姓名为2–20个字' } })
    expect(store.getState().fieldErrors).toEqual({ realName: '姓名为2–20个字' })
    expect(api.correctData).not.toHaveBeenCalled()
  })

  it('saves a correction and reads the data again', async () => {
    const api = privacyApi()
    const store = await loaded(api)

    const result = await store.getState().correct({ ...draftOf(DATA), shopName: '建国超市' })

    expect(result).toBeNull()
    expect(api.correctData).toHaveBeenCalledWith({ shopName: '建国超市' }, expect.any(String))
    expect(api.myData).toHaveBeenCalledTimes(2)
  })

  it("shows the server's field error (a mobile held by someone else)", async () => {
    const api = privacyApi()
    api.correctData.mockResolvedValueOnce(failure('MEMBER.DUPLICATE', { mobile: '该手机号已注册' }))
    const store = await loaded(api)

    const result = await store.getState().correct({ ...draftOf(DATA), mobile: '13800001111' })

    expect(result?.code).toBe('MEMBER.DUPLICATE')
    expect(store.getState().fieldErrors).toEqual({ mobile: '该手机号已注册' })
  })

  it('retries a correction with the same request id after a network failure', async () => {
    const api = privacyApi()
    api.correctData.mockResolvedValueOnce(networkDown())
    const store = await loaded(api)
    const draft = { ...draftOf(DATA), shopName: '建国超市' }

    await store.getState().correct(draft)
    await store.getState().correct(draft)

    const [first, second] = api.correctData.mock.calls.map(([, requestId]) => requestId)
    expect(isAcceptedRequestId(first)).toBe(true)
    expect(second).toBe(first)
  })

  it('keeps the export for the summary; a retry after a network failure is the same request', async () => {
    const api = privacyApi()
    api.exportData.mockResolvedValueOnce(networkDown())
    const store = await loaded(api)

    const first = await store.getState().exportData()
    const second = await store.getState().exportData()

    expect(first?.code).toBe('NETWORK')
    expect(second).toBeNull()
    expect(store.getState().exported).toBe(EXPORT)
    const [firstId, secondId] = api.exportData.mock.calls.map(([requestId]) => requestId)
    expect(secondId).toBe(firstId)
  })

  it('asks for withdrawal once while a request is in flight, and shows it open', async () => {
    const api = privacyApi()
    const answer = deferred<ReturnType<typeof success<WithdrawalView>>>()
    api.requestWithdrawal.mockReturnValueOnce(answer.promise)
    const store = await loaded(api)

    const first = store.getState().requestWithdrawal('  店铺转让 ')
    const second = await store.getState().requestWithdrawal('店铺转让')
    answer.resolve(success(OPEN))
    await first

    expect(second).toBeNull()
    expect(api.requestWithdrawal).toHaveBeenCalledTimes(1)
    expect(api.requestWithdrawal).toHaveBeenCalledWith('店铺转让', expect.any(String))
    expect(store.getState().withdrawal).toEqual(OPEN)
  })

  it('sends no reason when none was typed', async () => {
    const api = privacyApi()
    const store = await loaded(api)

    await store.getState().requestWithdrawal('   ')

    expect(api.requestWithdrawal).toHaveBeenCalledWith(undefined, expect.any(String))
  })

  it('takes the request back: no open withdrawal any more', async () => {
    const api = privacyApi()
    api.myWithdrawal.mockResolvedValueOnce(success(OPEN))
    const store = await loaded(api)

    const result = await store.getState().cancelWithdrawal()

    expect(result).toBeNull()
    expect(store.getState().withdrawal).toBeNull()
  })

  it('keeps the open request when taking it back fails', async () => {
    const api = privacyApi()
    api.myWithdrawal.mockResolvedValueOnce(success(OPEN))
    api.cancelWithdrawal.mockResolvedValueOnce(failure('PRIVACY.WITHDRAWAL_CLOSED'))
    const store = await loaded(api)

    const result = await store.getState().cancelWithdrawal()

    expect(result?.code).toBe('PRIVACY.WITHDRAWAL_CLOSED')
    expect(store.getState().withdrawal).toEqual(OPEN)
  })
})
