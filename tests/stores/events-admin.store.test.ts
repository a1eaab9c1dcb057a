import type { Envelope } from '@/contracts/error-codes'
import type {
  AdminEventPage,
  CheckInOutcome,
  EventDraftInput,
  EventView,
  RosterEntry,
  RosterView,
} from '@/contracts/events.contract'
import type { SignupStatus } from '@/domain/event/signup'
import {
  checkInCountsOf,
  createEventsAdminStore,
  emptyEventForm,
  formOf,
  shanghaiInstant,
  type EventForm,
} from '@/stores/events-admin.store'
import { deferred, failure, isAcceptedRequestId, networkDown, success } from './fake-transport'

// The store module also builds the app's own store over services/cloud.ts, which imports
// @tarojs/taro (ESM-only); these tests inject their own api, so an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

function anEvent(overrides: Partial<EventView> = {}): EventView {
  return {
    id: 'ev-1',
    kind: 'tasting',
    title: '新品品鉴会',
    description: '年度新品品鉴',
    coverImage: null,
    place: '南京展厅',
    contact: '周敏 13800000000',
    startAt: '2026-12-01T11:30:00.000Z',
    endAt: '2026-12-01T13:30:00.000Z',
    signupOpensAt: '2026-11-01T01:00:00.000Z',
    signupClosesAt: '2026-11-30T10:00:00.000Z',
    capacity: 30,
    remaining: 28,
    attendancePoints: 50,
    clubOnly: true,
    minStar: 3,
    acknowledgement: null,
    mode: 'fcfs',
    status: 'published',
    confirmed: 2,
    checkedIn: 0,
    cancelReason: null,
    createdAt: '2026-10-01T00:00:00.000Z',
    updatedAt: '2026-10-01T00:00:00.000Z',
    publishedAt: '2026-10-01T00:00:00.000Z',
    version: 3,
    ...overrides,
  }
}

function anEntry(memberId: string, overrides: Partial<RosterEntry> = {}): RosterEntry {
  return {
    memberId,
    realName: '王建国',
    mobileMasked: '138****0000',
    cardNo: null,
    star: 3,
    status: 'confirmed',
    seq: 1,
    checkedInAt: null,
    noShow: false,
    attended: 2,
    noShows: 0,
    ...overrides,
  }
}

function aRoster(items: RosterEntry[], counts: Partial<RosterView['counts']> = {}): RosterView {
  return {
    event: anEvent(),
    items,
    total: items.length,
    counts: { confirmed: 2, waitlisted: 0, applied: 0, checkedIn: 0, ...counts },
  }
}

const anOutcome = (overrides: Partial<CheckInOutcome> = {}): CheckInOutcome => ({
  realName: '王建国',
  cardNo: '860000000018',
  points: 50,
  balance: 1330,
  checkedIn: 1,
  confirmed: 2,
  ...overrides,
})

/** A fake events api that answers every call well unless a test says otherwise. */
function fakeApi() {
  const api = {
    adminList: jest.fn(
      async (_offset?: number, _limit?: number): Promise<Envelope<AdminEventPage>> =>
        success({ items: [anEvent()], total: 1 }),
    ),
    save: jest.fn(async (draft: EventDraftInput, _requestId: string) =>
      success(anEvent({ title: draft.title, id: draft.id ?? 'ev-new', version: 1 })),
    ),
    publish: jest.fn(async (eventId: string, _requestId: string) =>
      success(anEvent({ id: eventId })),
    ),
    cancel: jest.fn(async (eventId: string, reason: string, _requestId: string) =>
      success(anEvent({ id: eventId, status: 'cancelled', cancelReason: reason })),
    ),
    roster: jest.fn(
      async (
        _eventId: string,
        _status?: SignupStatus,
        _offset?: number,
        _limit?: number,
      ): Promise<Envelope<RosterView>> => success(aRoster([anEntry('m-1')])),
    ),
    select: jest.fn(async (_eventId: string, _memberId: string, _requestId: string) =>
      success({ confirmed: 3 }),
    ),
    closeSelection: jest.fn(async (_eventId: string, _requestId: string) =>
      success({ rejected: 4, done: true }),
    ),
    exportAttendance: jest.fn(async (eventId: string, _requestId: string) =>
      success({ filename: `attendance-${eventId}.csv`, csv: '\uFEFF序号,姓名', rows: 1 }),
    ),
    checkInEvents: jest.fn(async (): Promise<Envelope<EventView[]>> => success([anEvent()])),
    checkIn: jest.fn(
      async (
        _eventId: string,
        _code: string,
        _requestId: string,
      ): Promise<Envelope<CheckInOutcome>> => success(anOutcome()),
    ),
  }
  return { api, store: createEventsAdminStore(api) }
}

const aForm = (overrides: Partial<EventForm> = {}): EventForm => ({
  ...emptyEventForm(),
  kind: 'tasting',
  title: '新品品鉴会',
  description: '年度新品品鉴',
  place: '南京展厅',
  contact: '周敏 13800000000',
  startAt: '2026-12-01 19:30',
  endAt: '2026-12-01 21:30',
  signupOpensAt: '2026-11-01 09:00',
  signupClosesAt: '2026-11-30 18:00',
  capacity: '30',
  attendancePoints: '50',
  ...overrides,
})

describe('shanghaiInstant', () => {
  it.each([
    ['2026-12-01 19:30', '2026-12-01T11:30:00.000Z'],
    ['2026-12-01 00:00', '2026-11-30T16:00:00.000Z'],
    ['2027-01-01 07:59', '2026-12-31T23:59:00.000Z'],
    ['  2026-12-01   19：30 ', '2026-12-01T11:30:00.000Z'],
  ])('reads %s as Shanghai wall-clock time: %s', (text, iso) => {
    expect(shanghaiInstant(text)).toBe(iso)
  })

  it.each(['', '2026-12-01', '2026-12-01 7:30', '2026-02-30 10:00', '2026-12-01 24:00', '明天'])(
    'refuses %p',
    (text) => {
      expect(shanghaiInstant(text)).toBeNull()
    },
  )
})

describe('createEventsAdminStore', () => {
  it('starts idle, with nothing loaded', () => {
    const { store } = fakeApi()

    expect(store.getState()).toMatchObject({
      events: [],
      status: 'idle',
      fieldErrors: {},
      roster: null,
      rosterStatus: 'idle',
      checkInEvents: [],
      checkInEventsStatus: 'idle',
      lastCheckIn: null,
      checkInError: null,
    })
  })

  describe('load', () => {
    it('lists every event, drafts included', async () => {
      const { api, store } = fakeApi()
      api.adminList.mockResolvedValueOnce(
        success({ items: [anEvent(), anEvent({ id: 'ev-2', status: 'draft' })], total: 2 }),
      )

      await store.getState().load()

      expect(store.getState()).toMatchObject({ status: 'ready', eventsTotal: 2, error: null })
      expect(store.getState().events.map((e) => e.id)).toEqual(['ev-1', 'ev-2'])
    })

    it('ends in error with the ApiError when the list cannot be fetched', async () => {
      const { api, store } = fakeApi()
      api.adminList.mockResolvedValueOnce(failure('AUTH.FORBIDDEN'))

      await store.getState().load()

      expect(store.getState()).toMatchObject({
        status: 'error',
        error: { code: 'AUTH.FORBIDDEN' },
      })
    })
  })

  describe('save', () => {
    it('sends the times typed as Shanghai wall-clock time as ISO instants', async () => {
      const { api, store } = fakeApi()

      const outcome = await store.getState().save(aForm())

      expect(outcome).toBeNull()
      const [draft, requestId] = api.save.mock.calls[0]!
      expect(draft).toEqual({
        kind: 'tasting',
        title: '新品品鉴会',
        description: '年度新品品鉴',
        coverImage: null,
        place: '南京展厅',
        contact: '周敏 13800000000',
        startAt: '2026-12-01T11:30:00.000Z',
        endAt: '2026-12-01T13:30:00.000Z',
        signupOpensAt: '2026-11-01T01:00:00.000Z',
        signupClosesAt: '2026-11-30T10:00:00.000Z',
        capacity: 30,
        attendancePoints: 50,
        clubOnly: false,
        minStar: null,
        acknowledgement: null,
        mode: 'fcfs',
      })
      expect(isAcceptedRequestId(requestId)).toBe(true)
    })

    it('sends an edit with the id and the version it started from', async () => {
      const { api, store } = fakeApi()

      await store.getState().save({ ...formOf(anEvent()), capacity: '40' })

      expect(api.save.mock.calls[0]![0]).toMatchObject({
        id: 'ev-1',
        version: 3,
        capacity: 40,
        clubOnly: true,
        minStar: 3,
        startAt: '2026-12-01T11:30:00.000Z',
      })
    })

    it('reloads the list after a save', async () => {
      const { api, store } = fakeApi()

      await store.getState().save(aForm())

      expect(api.adminList).toHaveBeenCalledTimes(1)
      expect(store.getState()).toMatchObject({ status: 'ready', saving: false })
    })

    it.each([
      ['no kind', { kind: null }, 'kind'],
      ['a one-character title', { title: '会' }, 'title'],
      ['no place', { place: ' ' }, 'place'],
      ['no start time', { startAt: '' }, 'startAt'],
      ['a start time without the hour', { startAt: '2026-12-01' }, 'startAt'],
      ['a date that does not exist', { endAt: '2026-02-30 10:00' }, 'endAt'],
      ['no capacity', { capacity: '' }, 'capacity'],
      ['a capacity that is not a number', { capacity: '三十' }, 'capacity'],
      ['a fractional capacity', { capacity: '2.5' }, 'capacity'],
      ['negative points', { attendancePoints: '-1' }, 'attendancePoints'],
      ['a cover that is not an address', { coverImage: 'cover.png' }, 'coverImage'],
      ['an end before the start', { endAt: '2026-12-01 18:00' }, 'endAt'],
      ['sign-up closing after the start', { signupClosesAt: '2026-12-01 20:00' }, 'signupClosesAt'],
      ['sign-up closing before it opens', { signupClosesAt: '2026-10-30 09:00' }, 'signupClosesAt'],
    ])('refuses %s under its field, without calling the function', async (_, patch, field) => {
      const { api, store } = fakeApi()

      const outcome = await store.getState().save(aForm(patch))

      expect(outcome).toMatchObject({ code: 'INPUT.INVALID' })
      expect(Object.keys(store.getState().fieldErrors)).toEqual([field])
      expect(outcome?.fields?.[field]).toBe(store.getState().fieldErrors[field])
      expect(api.save).not.toHaveBeenCalled()
    })

    it('lists every missing field of an empty form at once, in Chinese', async () => {
      const { store } = fakeApi()

      await store.getState().save(emptyEventForm())

      const errors = store.getState().fieldErrors
      expect(Object.keys(errors).sort()).toEqual(
        [
          'kind',
          'title',
          'description',
          'place',
          'contact',
          'startAt',
          'endAt',
          'signupOpensAt',
          'signupClosesAt',
          'capacity',
          'attendancePoints',
        ].sort(),
      )
      expect(errors.startAt).toBe('请填写开始时间')
      expect(Object.values(errors).every((m) => /[\u4e00-\u9fa5]/.test(m))).toBe(true)
    })

    it('drops the message of a field being corrected and keeps the others', async () => {
      const { store } = fakeApi()
      await store.getState().save(aForm({ title: '', place: '' }))

      store.getState().clearFieldErrors(['title'])

      expect(Object.keys(store.getState().fieldErrors)).toEqual(['place'])
    })

    it('shows the field messages the function returns', async () => {
      const { api, store } = fakeApi()
      api.save.mockResolvedValueOnce(
        failure('EVENT.CAPACITY_BELOW_CONFIRMED', { capacity: '不能少于已确认的12人' }),
      )

      const outcome = await store.getState().save(aForm())

      expect(outcome).toMatchObject({ code: 'EVENT.CAPACITY_BELOW_CONFIRMED' })
      expect(store.getState()).toMatchObject({
        saving: false,
        fieldErrors: { capacity: '不能少于已确认的12人' },
      })
    })

    it('returns a stale-version conflict and reloads the list, so the edit can start again', async () => {
      const { api, store } = fakeApi()
      api.save.mockResolvedValueOnce(failure('SYS.CONFLICT'))

      const outcome = await store.getState().save(formOf(anEvent()))

      expect(outcome).toMatchObject({ code: 'SYS.CONFLICT' })
      expect(api.adminList).toHaveBeenCalledTimes(1)
    })

    it('resends with the same request id after a network failure, and a new one after success', async () => {
      const { api, store } = fakeApi()
      api.save.mockResolvedValueOnce(networkDown())

      await store.getState().save(aForm())
      await store.getState().save(aForm())
      await store.getState().save(aForm())

      const [first, retry, next] = api.save.mock.calls.map(([, id]) => id)
      expect(retry).toBe(first)
      expect(next).not.toBe(first)
    })

    it('sends a changed form after a network failure as a new request', async () => {
      const { api, store } = fakeApi()
      api.save.mockResolvedValueOnce(networkDown())

      await store.getState().save(aForm())
      await store.getState().save(aForm({ capacity: '31' }))

      const [first, changed] = api.save.mock.calls.map(([, id]) => id)
      expect(changed).not.toBe(first)
    })
  })

  describe('formOf', () => {
    it('shows the instants as Shanghai wall-clock times and the numbers as text', () => {
      const form = formOf(anEvent({ acknowledgement: '请勿饮酒驾车' }))

      expect(form).toMatchObject({
        id: 'ev-1',
        version: 3,
        startAt: '2026-12-01 19:30',
        endAt: '2026-12-01 21:30',
        signupOpensAt: '2026-11-01 09:00',
        signupClosesAt: '2026-11-30 18:00',
        capacity: '30',
        attendancePoints: '50',
        coverImage: '',
        acknowledgement: '请勿饮酒驾车',
      })
    })
  })

  describe('publish and cancel', () => {
    it('publishes with an accepted request id, then reloads the list', async () => {
      const { api, store } = fakeApi()

      const outcome = await store.getState().publish('ev-1')

      expect(outcome).toBeNull()
      expect(api.publish).toHaveBeenCalledWith('ev-1', expect.any(String))
      expect(isAcceptedRequestId(api.publish.mock.calls[0]![1])).toBe(true)
      expect(api.adminList).toHaveBeenCalledTimes(1)
      expect(store.getState().busyId).toBeNull()
    })

    it('cancels with the reason trimmed', async () => {
      const { api, store } = fakeApi()

      const outcome = await store.getState().cancel('ev-1', '  场地临时检修 ')

      expect(outcome).toBeNull()
      expect(api.cancel).toHaveBeenCalledWith('ev-1', '场地临时检修', expect.any(String))
    })

    it.each([
      ['no reason', ''],
      ['a one-character reason', '雨'],
    ])('refuses a cancellation with %s, without calling the function', async (_, reason) => {
      const { api, store } = fakeApi()

      const outcome = await store.getState().cancel('ev-1', reason)

      expect(outcome).toMatchObject({
        code: 'INPUT.INVALID',
        fields: { reason: expect.any(String) },
      })
      expect(api.cancel).not.toHaveBeenCalled()
    })

    it('resends a cancellation with the same request id after a network failure', async () => {
      const { api, store } = fakeApi()
      api.cancel.mockResolvedValueOnce(networkDown())

      await store.getState().cancel('ev-1', '场地临时检修')
      await store.getState().cancel('ev-1', '场地临时检修')

      const [first, retry] = api.cancel.mock.calls.map(([, , id]) => id)
      expect(retry).toBe(first)
    })
  })

  describe('roster', () => {
    it('loads an event’s sign-ups of the status asked for, with the counts', async () => {
      const { api, store } = fakeApi()

      await store.getState().loadRoster('ev-1', 'applied')

      expect(api.roster).toHaveBeenCalledWith('ev-1', 'applied', 0, 100)
      expect(store.getState()).toMatchObject({
        rosterStatus: 'ready',
        rosterEventId: 'ev-1',
        rosterFilter: 'applied',
        roster: { counts: { confirmed: 2 } },
      })
    })

    it('shows the filter asked for last, even when an earlier answer comes in later', async () => {
      const { api, store } = fakeApi()
      const slow = deferred<Envelope<RosterView>>()
      api.roster.mockImplementationOnce(() => slow.promise)

      const first = store.getState().loadRoster('ev-1')
      await store.getState().loadRoster('ev-1', 'waitlisted')
      slow.resolve(success(aRoster([anEntry('m-old')])))
      await first

      expect(store.getState().roster?.items.map((e) => e.memberId)).toEqual(['m-1'])
      expect(store.getState().rosterFilter).toBe('waitlisted')
    })

    it('selects an applicant, then reloads the list under the same filter', async () => {
      const { api, store } = fakeApi()
      await store.getState().loadRoster('ev-1', 'applied')

      const outcome = await store.getState().select('m-1')

      expect(outcome).toBeNull()
      expect(api.select).toHaveBeenCalledWith('ev-1', 'm-1', expect.any(String))
      expect(api.roster).toHaveBeenLastCalledWith('ev-1', 'applied', 0, 100)
    })

    it('returns a refusal to select (full) and still reloads the list', async () => {
      const { api, store } = fakeApi()
      await store.getState().loadRoster('ev-1')
      api.select.mockResolvedValueOnce(failure('EVENT.FULL'))

      const outcome = await store.getState().select('m-1')

      expect(outcome).toMatchObject({ code: 'EVENT.FULL' })
      expect(api.roster).toHaveBeenCalledTimes(2)
      expect(store.getState().selectingId).toBeNull()
    })

    it('closes the selection and tells how many applicants were not selected', async () => {
      const { store } = fakeApi()
      await store.getState().loadRoster('ev-1')

      const outcome = await store.getState().closeSelection()

      expect(outcome).toEqual({ rejected: 4 })
    })

    it('closes a long selection over as many calls as the function needs, adding up the rejections', async () => {
      const { api, store } = fakeApi()
      api.closeSelection
        .mockResolvedValueOnce(success({ rejected: 50, done: false }))
        .mockResolvedValueOnce(success({ rejected: 50, done: false }))
        .mockResolvedValueOnce(success({ rejected: 7, done: true }))
      await store.getState().loadRoster('ev-1')

      const outcome = await store.getState().closeSelection()

      const requestIds = api.closeSelection.mock.calls.map((call) => call[1])
      expect(outcome).toEqual({ rejected: 107 })
      expect(new Set(requestIds).size).toBe(3)
      expect(store.getState().closingSelection).toBe(false)
    })

    it('exports the attendance CSV of the event shown', async () => {
      const { api, store } = fakeApi()
      await store.getState().loadRoster('ev-1')

      const outcome = await store.getState().exportAttendance()

      expect(outcome).toEqual({
        file: { filename: 'attendance-ev-1.csv', csv: '\uFEFF序号,姓名', rows: 1 },
      })
      expect(isAcceptedRequestId(api.exportAttendance.mock.calls[0]![1])).toBe(true)
    })
  })

  describe('check-in', () => {
    it('chooses the only event open for check-in by itself', async () => {
      const { store } = fakeApi()

      await store.getState().loadCheckInEvents()

      expect(store.getState()).toMatchObject({
        checkInEventsStatus: 'ready',
        checkInEventId: 'ev-1',
      })
      expect(checkInCountsOf(store.getState())).toEqual({
        checkedIn: 0,
        confirmed: 2,
        capacity: 30,
      })
    })

    it('lets the clerk choose when several events are open', async () => {
      const { api, store } = fakeApi()
      api.checkInEvents.mockResolvedValueOnce(success([anEvent(), anEvent({ id: 'ev-2' })]))

      await store.getState().loadCheckInEvents()
      const before = store.getState().checkInEventId
      store.getState().chooseCheckInEvent('ev-2')

      expect(before).toBeNull()
      expect(store.getState().checkInEventId).toBe('ev-2')
    })

    it('checks the scanned member in and keeps the outcome and the live counts', async () => {
      const { api, store } = fakeApi()
      await store.getState().loadCheckInEvents()

      const outcome = await store.getState().checkIn(' CODE-1 ')

      expect(outcome).toBeNull()
      expect(api.checkIn).toHaveBeenCalledWith('ev-1', 'CODE-1', expect.any(String))
      expect(isAcceptedRequestId(api.checkIn.mock.calls[0]![2])).toBe(true)
      expect(store.getState()).toMatchObject({
        checkingIn: false,
        lastCheckIn: anOutcome(),
        checkInError: null,
      })
      expect(checkInCountsOf(store.getState())).toEqual({
        checkedIn: 1,
        confirmed: 2,
        capacity: 30,
      })
    })

    it('refreshes the sign-up list of the same event after a check-in', async () => {
      const { api, store } = fakeApi()
      await store.getState().loadCheckInEvents()
      await store.getState().loadRoster('ev-1')
      api.roster.mockResolvedValueOnce(success(aRoster([anEntry('m-1')], { checkedIn: 1 })))

      await store.getState().checkIn('CODE-1')

      expect(api.roster).toHaveBeenCalledTimes(2)
      expect(store.getState().roster?.counts.checkedIn).toBe(1)
    })

    it('keeps the refusal of a second scan (已签到) and clears the last outcome', async () => {
      const { api, store } = fakeApi()
      await store.getState().loadCheckInEvents()
      await store.getState().checkIn('CODE-1')
      api.checkIn.mockResolvedValueOnce(failure('EVENT.ALREADY_CHECKED_IN'))

      const outcome = await store.getState().checkIn('CODE-2')

      expect(outcome).toMatchObject({ code: 'EVENT.ALREADY_CHECKED_IN' })
      expect(store.getState()).toMatchObject({
        checkingIn: false,
        lastCheckIn: null,
        checkInError: { code: 'EVENT.ALREADY_CHECKED_IN' },
      })
      expect(checkInCountsOf(store.getState())?.checkedIn).toBe(1)
    })

    it('refuses an empty code under its field, without calling the function', async () => {
      const { api, store } = fakeApi()
      await store.getState().loadCheckInEvents()

      const outcome = await store.getState().checkIn('  ')

      expect(outcome).toMatchObject({
        code: 'INPUT.INVALID',
        fields: { code: '请扫描或输入会员码' },
      })
      expect(api.checkIn).not.toHaveBeenCalled()
    })

    it('asks for an event first when none is chosen', async () => {
      const { api, store } = fakeApi()

      const outcome = await store.getState().checkIn('CODE-1')

      expect(outcome).toMatchObject({
        code: 'INPUT.INVALID',
        fields: { eventId: expect.any(String) },
      })
      expect(api.checkIn).not.toHaveBeenCalled()
    })

    it('resends the same scan with the same request id after a network failure', async () => {
      const { api, store } = fakeApi()
      await store.getState().loadCheckInEvents()
      api.checkIn.mockResolvedValueOnce(networkDown())

      const lost = await store.getState().checkIn('CODE-1')
      await store.getState().checkIn('CODE-1')
      await store.getState().checkIn('CODE-2')

      expect(lost).toMatchObject({ code: 'NETWORK' })
      const [first, retry, next] = api.checkIn.mock.calls.map(([, , id]) => id)
      expect(retry).toBe(first)
      expect(next).not.toBe(first)
    })

    it('ignores a scan while the previous one is still being sent', async () => {
      const { api, store } = fakeApi()
      await store.getState().loadCheckInEvents()
      const answer = deferred<Envelope<CheckInOutcome>>()
      api.checkIn.mockImplementationOnce(() => answer.promise)

      const first = store.getState().checkIn('CODE-1')
      const during = store.getState().checkingIn
      await store.getState().checkIn('CODE-1')
      answer.resolve(success(anOutcome()))
      await first

      expect(during).toBe(true)
      expect(api.checkIn).toHaveBeenCalledTimes(1)
    })
  })
})
