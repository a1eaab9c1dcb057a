import type { Envelope } from '@/contracts/error-codes'
import type { JobProgress } from '@/contracts/jobs.contract'
import type { AdjustmentOutcome, AdminLedgerView, SaveItemInput } from '@/contracts/points.contract'
import { cardNumberFromSequence } from '@/domain/card/card-number'
import type { RewardItem } from '@/domain/points/redemption'
import {
  LEDGER_PAGE_SIZE,
  MAX_EXPIRY_CALLS,
  createPointsAdminStore,
  draftOf,
  emptyItemDraft,
  type ItemDraft,
} from '@/stores/points-admin.store'
import { deferred, failure, isAcceptedRequestId, networkDown, success } from './fake-transport'

// The store module also builds the app's own store over services/cloud.ts, which imports
// @tarojs/taro (ESM-only, unloadable by jest's CommonJS runtime). These tests inject their own
// api, so Taro is never called: an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

const CARD = cardNumberFromSequence(1)
const OTHER_CARD = cardNumberFromSequence(2)

function anItem(overrides: Partial<RewardItem> = {}): RewardItem {
  return {
    id: 'voucher-20',
    name: '¥20 代金券',
    imageUrl: null,
    pointsPrice: 1500,
    stock: 1000,
    faceValueFen: 2000,
    availableFrom: null,
    availableUntil: null,
    active: true,
    version: 1,
    ...overrides,
  }
}

type Entry = AdminLedgerView['entries'][number]

function anEntry(id: string, overrides: Partial<Entry> = {}): Entry {
  return {
    id,
    type: 'earn',
    label: 'purchase',
    points: 128,
    reference: 'R-001',
    at: '2026-11-20T02:00:00.000Z',
    note: null,
    purchase: null,
    reversible: true,
    ...overrides,
  }
}

function aLedger(entries: Entry[], total = entries.length, cardNo = CARD): AdminLedgerView {
  return {
    cardholder: { memberId: 'm-1', realName: '王建国', cardNo, balance: 1280 },
    entries,
    total,
  }
}

function aProgress(overrides: Partial<JobProgress> = {}): JobProgress {
  return {
    runId: 'points-expiry:2026-11-20',
    status: 'running',
    processed: 0,
    total: 3,
    totals: { expiredPoints: 0, expiredAccounts: 0, warnings: 0 },
    startedAt: '2026-11-19T16:00:01.000Z',
    finishedAt: null,
    ...overrides,
  }
}

const adjusted = success<AdjustmentOutcome>({ entryId: 'e-9', points: 50, balance: 1330 })

/** Fake points and jobs apis that answer every call well unless a test says otherwise. */
function fakeApis() {
  const points = {
    allItems: jest.fn(async () => success([anItem()])),
    saveItem: jest.fn(async (input: SaveItemInput, _requestId: string) =>
      success<RewardItem>({ ...anItem(), ...input, id: input.id ?? 'item-1', version: 1 }),
    ),
    memberLedger: jest.fn(async (cardNo: string, _offset: number, _limit: number) =>
      success(aLedger([anEntry('e-1')], 1, cardNo)),
    ),
    adjust: jest.fn(
      async (_input: { cardNo: string; points: number; reason: string }, _requestId: string) =>
        adjusted,
    ),
    reverse: jest.fn(async (entryId: string, _reason: string, _requestId: string) =>
      success<AdjustmentOutcome>({ entryId: `rev-${entryId}`, points: -128, balance: 1152 }),
    ),
  }
  const jobs = {
    expirePoints: jest.fn(async (_requestId: string) =>
      success(aProgress({ status: 'done', processed: 3 })),
    ),
    expiryProgress: jest.fn(async () => success(aProgress({ status: 'idle' }))),
  }
  return { points, jobs, store: createPointsAdminStore(points, jobs) }
}

const aDraft = (overrides: Partial<ItemDraft> = {}): ItemDraft => ({
  ...emptyItemDraft(),
  name: '精品茶具',
  pointsPrice: '12000',
  stock: '3',
  ...overrides,
})

describe('createPointsAdminStore', () => {
  it('starts idle, with nothing loaded', () => {
    const { store } = fakeApis()

    const state = store.getState()

    expect(state).toMatchObject({
      items: [],
      itemsStatus: 'idle',
      fieldErrors: {},
      ledger: null,
      ledgerStatus: 'idle',
      progress: null,
      progressStatus: 'idle',
      running: false,
      adjusting: false,
      reversingId: null,
    })
  })

  describe('loadItems', () => {
    it('lists every reward, on offer or not', async () => {
      const { points, store } = fakeApis()
      points.allItems.mockResolvedValueOnce(success([anItem(), anItem({ id: 'x', active: false })]))

      await store.getState().loadItems()

      expect(store.getState().itemsStatus).toBe('ready')
      expect(store.getState().items.map((i) => i.id)).toEqual(['voucher-20', 'x'])
    })

    it('ends in error with the ApiError when the list cannot be fetched', async () => {
      const { points, store } = fakeApis()
      points.allItems.mockResolvedValueOnce(failure('AUTH.FORBIDDEN'))

      await store.getState().loadItems()

      expect(store.getState()).toMatchObject({
        itemsStatus: 'error',
        itemsError: { code: 'AUTH.FORBIDDEN' },
      })
    })
  })

  describe('saveItem', () => {
    it('sends a new reward with its numbers parsed and a request id the functions accept', async () => {
      const { points, store } = fakeApis()

      const outcome = await store.getState().saveItem(aDraft({ name: '  精品茶具 ' }))

      expect(outcome).toBeNull()
      const [input, requestId] = points.saveItem.mock.calls[0]!
      expect(input).toEqual({
        name: '精品茶具',
        imageUrl: null,
        pointsPrice: 12000,
        stock: 3,
        faceValueFen: null,
        availableFrom: null,
        availableUntil: null,
        active: true,
      })
      expect(isAcceptedRequestId(requestId)).toBe(true)
    })

    it('sends the face value typed in yuan as fen', async () => {
      const { points, store } = fakeApis()

      await store.getState().saveItem(aDraft({ faceValueYuan: '19.9' }))

      expect(points.saveItem.mock.calls[0]![0].faceValueFen).toBe(1990)
    })

    it('sends the window dates as the instants they begin in Shanghai', async () => {
      const { points, store } = fakeApis()

      await store
        .getState()
        .saveItem(aDraft({ availableFrom: '2026-12-01', availableUntil: '2027-01-01' }))

      expect(points.saveItem.mock.calls[0]![0]).toMatchObject({
        availableFrom: '2026-11-30T16:00:00.000Z',
        availableUntil: '2026-12-31T16:00:00.000Z',
      })
    })

    it('sends an edit with the id and the version it started from', async () => {
      const { points, store } = fakeApis()
      const item = anItem({ version: 4 })

      await store.getState().saveItem({ ...draftOf(item), stock: '999' })

      expect(points.saveItem.mock.calls[0]![0]).toMatchObject({
        id: 'voucher-20',
        version: 4,
        stock: 999,
        faceValueFen: 2000,
      })
    })

    it('reloads the list after a save', async () => {
      const { points, store } = fakeApis()

      await store.getState().saveItem(aDraft())

      expect(points.allItems).toHaveBeenCalledTimes(1)
      expect(store.getState()).toMatchObject({ itemsStatus: 'ready', saving: false })
    })

    it.each([
      ['a missing name', { name: '' }, 'name'],
      ['a one-character name', { name: '壶' }, 'name'],
      ['no points price', { pointsPrice: '' }, 'pointsPrice'],
      ['a fractional points price', { pointsPrice: '12.5' }, 'pointsPrice'],
      ['a negative stock', { stock: '-1' }, 'stock'],
      ['a face value that is not an amount', { faceValueYuan: '20元' }, 'faceValueFen'],
      ['a face value of zero', { faceValueYuan: '0' }, 'faceValueFen'],
      [
        'a window that ends before it starts',
        { availableFrom: '2026-12-10', availableUntil: '2026-12-01' },
        'availableUntil',
      ],
    ])('refuses %s under its field, without calling the function', async (_, patch, field) => {
      const { points, store } = fakeApis()

      const outcome = await store.getState().saveItem(aDraft(patch))

      expect(outcome).toMatchObject({ code: 'INPUT.INVALID' })
      expect(Object.keys(store.getState().fieldErrors)).toEqual([field])
      expect(outcome?.fields?.[field]).toBe(store.getState().fieldErrors[field])
      expect(points.saveItem).not.toHaveBeenCalled()
    })

    it('shows the field messages the function returns', async () => {
      const { points, store } = fakeApis()
      points.saveItem.mockResolvedValueOnce(failure('INPUT.INVALID', { name: '名称为2–30个字' }))

      const outcome = await store.getState().saveItem(aDraft())

      expect(outcome).toMatchObject({ code: 'INPUT.INVALID' })
      expect(store.getState()).toMatchObject({
        saving: false,
        fieldErrors: { name: '名称为2–30个字' },
      })
    })

    it('clears old field messages once the form is sent again', async () => {
      const { store } = fakeApis()
      await store.getState().saveItem(aDraft({ name: '' }))

      await store.getState().saveItem(aDraft())

      expect(store.getState().fieldErrors).toEqual({})
    })

    it('returns a stale-version conflict and reloads the list, so the edit can start again', async () => {
      const { points, store } = fakeApis()
      points.saveItem.mockResolvedValueOnce(failure('SYS.CONFLICT'))
      points.allItems.mockResolvedValueOnce(success([anItem({ stock: 7, version: 5 })]))

      const outcome = await store.getState().saveItem(draftOf(anItem({ version: 4 })))

      expect(outcome).toMatchObject({ code: 'SYS.CONFLICT' })
      expect(store.getState().items).toEqual([anItem({ stock: 7, version: 5 })])
    })

    it('resends with the same request id after a network failure, and a new one after success', async () => {
      const { points, store } = fakeApis()
      points.saveItem.mockResolvedValueOnce(networkDown())

      await store.getState().saveItem(aDraft())
      await store.getState().saveItem(aDraft())
      await store.getState().saveItem(aDraft())

      const [first, retry, next] = points.saveItem.mock.calls.map(([, id]) => id)
      expect(retry).toBe(first)
      expect(next).not.toBe(first)
    })

    it('marks saving while the item is sent', async () => {
      const { points, store } = fakeApis()
      const answer = deferred<Envelope<RewardItem>>()
      points.saveItem.mockImplementationOnce(() => answer.promise)

      const saving = store.getState().saveItem(aDraft())
      const during = store.getState().saving
      answer.resolve(success(anItem()))
      await saving

      expect(during).toBe(true)
      expect(store.getState().saving).toBe(false)
    })
  })

  describe('draftOf', () => {
    it('shows fen as yuan and the window as the Shanghai dates it begins and ends on', () => {
      const item = anItem({
        faceValueFen: 1990,
        availableFrom: '2026-11-30T16:00:00.000Z',
        availableUntil: '2026-12-31T16:00:00.000Z',
        active: false,
      })

      const draft = draftOf(item)

      expect(draft).toMatchObject({
        id: 'voucher-20',
        version: 1,
        pointsPrice: '1500',
        stock: '1000',
        faceValueYuan: '19.90',
        availableFrom: '2026-12-01',
        availableUntil: '2027-01-01',
        active: false,
      })
    })

    it('leaves the face value and window blank when the item has none', () => {
      const draft = draftOf(anItem({ faceValueFen: null }))

      expect(draft).toMatchObject({ faceValueYuan: '', availableFrom: '', availableUntil: '' })
    })
  })

  describe('findLedger', () => {
    it('loads the first page of the member’s ledger by card number', async () => {
      const { points, store } = fakeApis()

      await store.getState().findLedger(CARD)

      expect(points.memberLedger).toHaveBeenCalledWith(CARD, 0, LEDGER_PAGE_SIZE)
      expect(store.getState()).toMatchObject({
        ledgerStatus: 'ready',
        ledgerError: null,
        ledger: aLedger([anEntry('e-1')]),
      })
    })

    it('shows no ledger and the ApiError for an unknown card', async () => {
      const { points, store } = fakeApis()
      await store.getState().findLedger(CARD)
      points.memberLedger.mockResolvedValueOnce(failure('POINTS.CARD_UNKNOWN'))

      await store.getState().findLedger(OTHER_CARD)

      expect(store.getState()).toMatchObject({
        ledgerStatus: 'error',
        ledger: null,
        ledgerError: { code: 'POINTS.CARD_UNKNOWN' },
      })
    })

    it('shows the card asked for last, even when an earlier answer comes in later', async () => {
      const { points, store } = fakeApis()
      const slow = deferred<Envelope<AdminLedgerView>>()
      points.memberLedger.mockImplementationOnce(() => slow.promise)

      const first = store.getState().findLedger(CARD)
      await store.getState().findLedger(OTHER_CARD)
      slow.resolve(success(aLedger([anEntry('e-1')], 1, CARD)))
      await first

      expect(store.getState().ledger?.cardholder.cardNo).toBe(OTHER_CARD)
    })
  })

  describe('loadMoreLedger', () => {
    it('appends the next page after the entries shown', async () => {
      const { points, store } = fakeApis()
      points.memberLedger
        .mockResolvedValueOnce(success(aLedger([anEntry('e-1'), anEntry('e-2')], 3)))
        .mockResolvedValueOnce(success(aLedger([anEntry('e-3')], 3)))
      await store.getState().findLedger(CARD)

      await store.getState().loadMoreLedger()

      expect(points.memberLedger).toHaveBeenLastCalledWith(CARD, 2, LEDGER_PAGE_SIZE)
      expect(store.getState().ledger?.entries.map((e) => e.id)).toEqual(['e-1', 'e-2', 'e-3'])
    })

    it('asks for nothing once every entry is shown', async () => {
      const { points, store } = fakeApis()
      await store.getState().findLedger(CARD)

      await store.getState().loadMoreLedger()

      expect(points.memberLedger).toHaveBeenCalledTimes(1)
    })
  })

  describe('adjust', () => {
    it.each([
      ['+50', 50],
      ['50', 50],
      ['-30', -30],
    ])('sends %s points with the card, the reason and an accepted request id', async (text, n) => {
      const { points, store } = fakeApis()

      const outcome = await store
        .getState()
        .adjust({ cardNo: CARD, points: text, reason: ' 补录漏积分 ' })

      expect(outcome).toBeNull()
      expect(points.adjust).toHaveBeenCalledWith(
        { cardNo: CARD, points: n, reason: '补录漏积分' },
        expect.any(String),
      )
      expect(isAcceptedRequestId(points.adjust.mock.calls[0]![1])).toBe(true)
    })

    it('shows the adjusted member’s ledger afterwards, with the outcome', async () => {
      const { points, store } = fakeApis()
      await store.getState().findLedger(OTHER_CARD)

      await store.getState().adjust({ cardNo: CARD, points: '50', reason: '补录漏积分' })

      expect(points.memberLedger).toHaveBeenLastCalledWith(CARD, 0, LEDGER_PAGE_SIZE)
      expect(store.getState().ledger?.cardholder.cardNo).toBe(CARD)
      expect(store.getState().lastAdjustment).toEqual({ entryId: 'e-9', points: 50, balance: 1330 })
    })

    it.each([
      ['no points', { points: '' }, 'points'],
      ['zero points', { points: '0' }, 'points'],
      ['fractional points', { points: '1.5' }, 'points'],
      ['a reason of one character', { reason: '补' }, 'reason'],
      ['a card number that fails its check digit', { cardNo: '860000000010' }, 'cardNo'],
    ])('refuses %s under its field, without calling the function', async (_, patch, field) => {
      const { points, store } = fakeApis()

      const outcome = await store
        .getState()
        .adjust({ cardNo: CARD, points: '50', reason: '补录漏积分', ...patch })

      expect(outcome).toMatchObject({ code: 'INPUT.INVALID' })
      expect(Object.keys(outcome?.fields ?? {})).toEqual([field])
      expect(points.adjust).not.toHaveBeenCalled()
    })

    it('returns a refusal and leaves the ledger as it was', async () => {
      const { points, store } = fakeApis()
      points.adjust.mockResolvedValueOnce(failure('POINTS.INSUFFICIENT_BALANCE'))

      const outcome = await store
        .getState()
        .adjust({ cardNo: CARD, points: '-99999', reason: '扣回误发积分' })

      expect(outcome).toMatchObject({ code: 'POINTS.INSUFFICIENT_BALANCE' })
      expect(points.memberLedger).not.toHaveBeenCalled()
      expect(store.getState()).toMatchObject({ adjusting: false, lastAdjustment: null })
    })

    it('resends the same adjustment with the same request id after a network failure', async () => {
      const { points, store } = fakeApis()
      points.adjust.mockResolvedValueOnce(networkDown())
      const draft = { cardNo: CARD, points: '50', reason: '补录漏积分' }

      await store.getState().adjust(draft)
      await store.getState().adjust(draft)
      await store.getState().adjust(draft)

      const [first, retry, next] = points.adjust.mock.calls.map(([, id]) => id)
      expect(retry).toBe(first)
      expect(next).not.toBe(first)
    })
  })

  describe('reverse', () => {
    it('sends the entry and the reason, then reloads the ledger shown', async () => {
      const { points, store } = fakeApis()
      await store.getState().findLedger(CARD)

      const outcome = await store.getState().reverse('e-1', ' 收银员录错金额 ')

      expect(outcome).toBeNull()
      expect(points.reverse).toHaveBeenCalledWith('e-1', '收银员录错金额', expect.any(String))
      expect(isAcceptedRequestId(points.reverse.mock.calls[0]![2])).toBe(true)
      expect(points.memberLedger).toHaveBeenCalledTimes(2)
    })

    it.each([
      ['no reason', ''],
      ['a reason of one character', '错'],
      ['a reason of over 200 characters', '错'.repeat(201)],
    ])('refuses %s without calling the function', async (_, reason) => {
      const { points, store } = fakeApis()

      const outcome = await store.getState().reverse('e-1', reason)

      expect(outcome).toMatchObject({
        code: 'INPUT.INVALID',
        fields: { reason: expect.any(String) },
      })
      expect(points.reverse).not.toHaveBeenCalled()
    })

    it('marks the entry while its reversal is sent', async () => {
      const { points, store } = fakeApis()
      const answer = deferred<Envelope<AdjustmentOutcome>>()
      points.reverse.mockImplementationOnce(() => answer.promise)

      const sending = store.getState().reverse('e-1', '录错金额')
      const during = store.getState().reversingId
      answer.resolve(success({ entryId: 'rev-e-1', points: -128, balance: 0 }))
      await sending

      expect(during).toBe('e-1')
      expect(store.getState().reversingId).toBeNull()
    })

    it('returns a refusal and still reloads the ledger, whose buttons may be stale', async () => {
      const { points, store } = fakeApis()
      await store.getState().findLedger(CARD)
      points.reverse.mockResolvedValueOnce(failure('POINTS.NOT_REVERSIBLE'))

      const outcome = await store.getState().reverse('e-1', '录错金额')

      expect(outcome).toMatchObject({ code: 'POINTS.NOT_REVERSIBLE' })
      expect(points.memberLedger).toHaveBeenCalledTimes(2)
    })
  })

  describe('loadProgress', () => {
    it('shows today’s expiry run', async () => {
      const { store } = fakeApis()

      await store.getState().loadProgress()

      expect(store.getState()).toMatchObject({
        progressStatus: 'ready',
        progress: aProgress({ status: 'idle' }),
      })
    })

    it('ends in error with the ApiError when it cannot be fetched', async () => {
      const { jobs, store } = fakeApis()
      jobs.expiryProgress.mockResolvedValueOnce(failure('AUTH.FORBIDDEN'))

      await store.getState().loadProgress()

      expect(store.getState()).toMatchObject({
        progressStatus: 'error',
        progressError: { code: 'AUTH.FORBIDDEN' },
      })
    })
  })

  describe('runExpiry', () => {
    it('keeps calling until the run is done, showing the progress after each call', async () => {
      const { jobs, store } = fakeApis()
      jobs.expirePoints
        .mockResolvedValueOnce(success(aProgress({ processed: 1 })))
        .mockResolvedValueOnce(success(aProgress({ processed: 2 })))
        .mockResolvedValueOnce(success(aProgress({ status: 'done', processed: 3 })))
      const seen: number[] = []
      store.subscribe((s, before) => {
        if (s.progress !== before.progress) seen.push(s.progress?.processed ?? -1)
      })

      const outcome = await store.getState().runExpiry()

      expect(outcome).toBeNull()
      expect(jobs.expirePoints).toHaveBeenCalledTimes(3)
      expect(seen).toEqual([1, 2, 3])
      expect(store.getState()).toMatchObject({ running: false, progress: { status: 'done' } })
    })

    it('sends a fresh accepted request id with every call', async () => {
      const { jobs, store } = fakeApis()
      jobs.expirePoints
        .mockResolvedValueOnce(success(aProgress()))
        .mockResolvedValueOnce(success(aProgress({ status: 'done' })))

      await store.getState().runExpiry()

      const ids = jobs.expirePoints.mock.calls.map(([id]) => id)
      expect(new Set(ids).size).toBe(2)
      expect(ids.every(isAcceptedRequestId)).toBe(true)
    })

    it('stops at the first error and returns it', async () => {
      const { jobs, store } = fakeApis()
      jobs.expirePoints
        .mockResolvedValueOnce(success(aProgress({ processed: 1 })))
        .mockResolvedValueOnce(failure('SYS.INTERNAL'))

      const outcome = await store.getState().runExpiry()

      expect(outcome).toMatchObject({ code: 'SYS.INTERNAL' })
      expect(jobs.expirePoints).toHaveBeenCalledTimes(2)
      expect(store.getState()).toMatchObject({
        running: false,
        progressError: { code: 'SYS.INTERNAL' },
        progress: { processed: 1 },
      })
    })

    it(`gives up after ${MAX_EXPIRY_CALLS} calls when the run is still not done`, async () => {
      const { jobs, store } = fakeApis()
      jobs.expirePoints.mockResolvedValue(success(aProgress()))

      const outcome = await store.getState().runExpiry()

      expect(outcome).toBeNull()
      expect(jobs.expirePoints).toHaveBeenCalledTimes(MAX_EXPIRY_CALLS)
      expect(store.getState()).toMatchObject({ running: false, progress: { status: 'running' } })
    })

    it('is running while the calls go on, and a second press meanwhile starts nothing', async () => {
      const { jobs, store } = fakeApis()
      const answer = deferred<Envelope<JobProgress>>()
      jobs.expirePoints.mockImplementationOnce(() => answer.promise)

      const run = store.getState().runExpiry()
      const during = store.getState().running
      await store.getState().runExpiry()
      answer.resolve(success(aProgress({ status: 'done' })))
      await run

      expect(during).toBe(true)
      expect(jobs.expirePoints).toHaveBeenCalledTimes(1)
      expect(store.getState().running).toBe(false)
    })
  })
})
