import type { StateStorage } from 'zustand/middleware'
import type { MyCardView } from '@/contracts/card.contract'
import { parseCardCode, verifyCardCode } from '@/domain/card/card-code'
import { cardNumberFromSequence } from '@/domain/card/card-number'
import { createCardStore } from '@/stores/card.store'
import { success } from './fake-transport'

// The store module also builds the app's store over services/cloud.ts (which imports the ESM-only
// @tarojs/taro); these tests inject their own api and storage, so an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

const SECRET = Buffer.alloc(32, 9)
const CARD_NO = cardNumberFromSequence(1)
const DAY = 24 * 3_600_000

const aCard = (serverTime: string): MyCardView => ({
  cardNo: CARD_NO,
  version: 1,
  secret: SECRET.toString('base64'),
  usable: true,
  realName: '王建国',
  star: 1,
  starYear: 2026,
  clubState: 'none',
  status: 'active',
  serverTime,
})

function memoryStorage(): StateStorage {
  const items = new Map<string, string>()
  return {
    getItem: (name) => items.get(name) ?? null,
    setItem: (name, value) => void items.set(name, value),
    removeItem: (name) => void items.delete(name),
  }
}

/** What the counter decides of `code` when the server's clock shows `serverNow`. */
function verdictAt(code: string, serverNow: string) {
  const parsed = parseCardCode(code)
  if (!parsed.ok) return parsed.error.code
  const checked = verifyCardCode(
    parsed.data,
    { cardNo: CARD_NO, version: 1, lastAcceptedStep: 0 },
    new Uint8Array(SECRET),
    new Date(serverNow),
  )
  return checked.ok ? 'accepted' : checked.error.code
}

describe('card store', () => {
  const api = (serverTime: string) => ({
    mine: async () => success(aCard(serverTime)),
    verify: async () => success(null as never),
    rekey: async () => success({ cardNo: CARD_NO, version: 1 }),
  })

  it('keeps how far the server’s clock is from the phone’s, as seen at sync', async () => {
    const phone = () => new Date('2026-12-07T02:00:00.000Z')
    const store = createCardStore(api('2026-12-20T02:00:05.000Z'), memoryStorage(), phone)

    await store.getState().sync()

    expect(store.getState().skewMs).toBe(13 * DAY + 5_000)
    expect(store.getState().syncedAt).toBe('2026-12-07T02:00:00.000Z')
  })

  it('makes codes the server accepts when the server runs 13 days ahead (a moved demo clock)', async () => {
    const phone = () => new Date('2026-12-07T02:00:00.000Z')
    const store = createCardStore(api('2026-12-20T02:00:00.000Z'), memoryStorage(), phone)
    await store.getState().sync()

    const qr = store.getState().codeAt(new Date('2026-12-07T02:03:00.000Z'))!
    const digits = store.getState().digitsAt(new Date('2026-12-07T02:03:00.000Z'))!

    expect(verdictAt(qr, '2026-12-20T02:03:00.000Z')).toBe('accepted')
    expect(verdictAt(digits, '2026-12-20T02:03:00.000Z')).toBe('accepted')
  })

  it('makes codes the server accepts from a phone whose clock is 10 minutes fast', async () => {
    const phone = () => new Date('2026-12-07T02:10:00.000Z')
    const store = createCardStore(api('2026-12-07T02:00:00.000Z'), memoryStorage(), phone)
    await store.getState().sync()

    const qr = store.getState().codeAt(new Date('2026-12-07T02:11:00.000Z'))!

    expect(verdictAt(qr, '2026-12-07T02:01:00.000Z')).toBe('accepted')
  })

  it('would show codes the server refuses without the skew: it is what makes them work', async () => {
    const phone = () => new Date('2026-12-20T02:00:00.000Z')
    const store = createCardStore(api('2026-12-20T02:00:00.000Z'), memoryStorage(), phone)
    await store.getState().sync()

    const qr = store.getState().codeAt(new Date('2026-12-07T02:03:00.000Z'))!

    expect(verdictAt(qr, '2026-12-20T02:03:00.000Z')).toBe('CARD.CODE_EXPIRED')
  })

  it('keeps the skew with the card on the phone, for offline codes after a restart', async () => {
    const storage = memoryStorage()
    const phone = () => new Date('2026-12-07T02:00:00.000Z')
    await createCardStore(api('2026-12-08T02:00:00.000Z'), storage, phone).getState().sync()

    const restarted = createCardStore(api('never called'), storage, phone)

    expect(restarted.getState().skewMs).toBe(DAY)
    expect(restarted.getState().serverTimeAt(new Date('2026-12-07T05:00:00.000Z'))).toEqual(
      new Date('2026-12-08T05:00:00.000Z'),
    )
  })
})
