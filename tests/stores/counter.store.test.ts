import type { CardholderView, PurchaseOutcome, VoucherView } from '@/contracts/points.contract'
import type { PointsApi } from '@/services/points.api'
import type { CardApi } from '@/services/card.api'
import { createCounterStore } from '@/stores/counter.store'
import { failure, success } from './fake-transport'

// The store module also builds the app's own store over services/cloud.ts, which imports
// @tarojs/taro (ESM-only, unloadable by jest's CommonJS runtime): an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

const WANG: CardholderView = {
  memberId: 'm-1',
  cardNo: '860000000015',
  realName: '王建国',
  mobileMasked: '138****5678',
  status: 'active',
  star: 3,
  clubState: 'none',
  balance: 2_000,
  usableVouchers: [],
}

const OUTCOME: PurchaseOutcome = {
  entryId: 'e-1',
  points: 128,
  note: null,
  birthday: false,
  balance: 2_128,
  vouchersUsed: [],
}

function aCounter(overrides: Partial<PointsApi> = {}) {
  const api = {
    lookupCard: jest.fn(async () => success(WANG)),
    earnPurchase: jest.fn(async () => success(OUTCOME)),
    useVoucher: jest.fn(async () => success({ itemName: '精品茶叶' } as VoucherView)),
    ...overrides,
  } as unknown as PointsApi
  const cards = {
    verify: jest.fn(async () => success({ cardNo: WANG.cardNo })),
  } as unknown as Pick<CardApi, 'verify'>
  return { store: createCounterStore(api, cards), api }
}

const aSale = {
  lines: [{ category: 'tobacco' as const, yuan: '128.50' }],
  voucherCodes: [],
  receiptNo: '',
}

describe('the counter after each sale', () => {
  it('lets the member go and waits for the next code, with the sale summarised', async () => {
    const { store, api } = aCounter()
    await store.getState().verifyCode('RCC1.code')

    const done = await store.getState().recordPurchase(aSale)

    expect(done).toBe(true)
    expect(store.getState().cardholder).toBeNull()
    expect(store.getState().lastDone).toEqual({
      kind: 'purchase',
      realName: '王建国',
      cardNo: WANG.cardNo,
      outcome: OUTCOME,
    })
    // The outcome carries the new balance: no second look-up of the member.
    expect(api.lookupCard).toHaveBeenCalledTimes(1)
  })

  it('cannot record a second sale on the last member without their code again', async () => {
    const { store, api } = aCounter()
    await store.getState().verifyCode('RCC1.code')
    await store.getState().recordPurchase(aSale)

    const again = await store.getState().recordPurchase(aSale)

    expect(again).toBe(false)
    expect(api.earnPurchase).toHaveBeenCalledTimes(1)
  })

  it('lets the member go after a voucher is handed over too', async () => {
    const { store } = aCounter()
    await store.getState().verifyCode('RCC1.code')

    await store.getState().markVoucherUsed('v123456789')

    expect(store.getState().cardholder).toBeNull()
    expect(store.getState().lastDone).toMatchObject({ kind: 'voucher', itemName: '精品茶叶' })
  })

  it('keeps the member selected when the sale is refused', async () => {
    const { store } = aCounter({
      earnPurchase: jest.fn(async () => failure('POINTS.CARD_NOT_SHOWN')),
    } as Partial<PointsApi>)
    await store.getState().verifyCode('RCC1.code')

    await store.getState().recordPurchase(aSale)

    expect(store.getState().cardholder).toEqual(WANG)
    expect(store.getState().error?.code).toBe('POINTS.CARD_NOT_SHOWN')
  })

  it('says a refused code once: no copy of the message under the field when the answer names none', async () => {
    const verify = jest.fn(async () => failure('CARD.CODE_REPLAYED'))
    const store = createCounterStore(
      { lookupCard: jest.fn() } as unknown as PointsApi,
      { verify } as unknown as Pick<CardApi, 'verify'>,
    )

    await store.getState().verifyCode('RCC1.code')

    expect(store.getState().error?.code).toBe('CARD.CODE_REPLAYED')
    expect(store.getState().fieldErrors).toEqual({})
  })
})
