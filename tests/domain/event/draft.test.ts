import {
  cancelEvent,
  checkEventDraft,
  createEvent,
  editEvent,
  publishEvent,
} from '@/domain/event/draft'
import type { EventDraft } from '@/domain/event/event'
import { anEvent, anEventDraft, EVENT_TIMES } from './builders'

const NOW = new Date('2026-04-25T02:00:00.000Z')
const AT = NOW.toISOString()

const error = (code: string) => ({ ok: false, error: { code, message: expect.any(String) } })
const invalid = (fields: Record<string, string>) => ({
  ok: false,
  error: { code: 'EVENT.DRAFT_INVALID', message: '活动信息有误，请检查', fields },
})

describe('checkEventDraft', () => {
  it('accepts a draft whose sign-up window closes before the event starts and that ends after it starts', () => {
    const draft = anEventDraft()

    const result = checkEventDraft(draft)

    expect(result).toEqual({ ok: true, data: draft })
  })

  it.each<[string, Partial<EventDraft>]>([
    ['ends after it starts, by 1 ms', { endAt: '2026-05-16T11:30:00.001Z' }],
    [
      'sign-up closes 1 ms after it opens',
      { signupOpensAt: '2026-05-10T00:00:00.000Z', signupClosesAt: '2026-05-10T00:00:00.001Z' },
    ],
    ['sign-up closes exactly when the event starts', { signupClosesAt: EVENT_TIMES.startAt }],
    [
      'instants written with the Shanghai offset',
      {
        startAt: '2026-05-16T19:30:00+08:00',
        endAt: '2026-05-16T21:30:00+08:00',
        signupClosesAt: '2026-05-16T19:30:00+08:00',
      },
    ],
  ])('accepts a draft that %s', (_, overrides) => {
    const result = checkEventDraft(anEventDraft(overrides))

    expect(result.ok).toBe(true)
  })

  it.each<[string, Partial<EventDraft>]>([
    ['ends when it starts', { endAt: EVENT_TIMES.startAt }],
    ['ends before it starts', { endAt: '2026-05-16T10:30:00.000Z' }],
  ])('refuses an event that %s, on endAt', (_, overrides) => {
    const result = checkEventDraft(anEventDraft(overrides))

    expect(result).toEqual(invalid({ endAt: '结束时间须晚于开始时间' }))
  })

  it.each<[string, Partial<EventDraft>]>([
    ['closes when it opens', { signupClosesAt: EVENT_TIMES.signupOpensAt }],
    ['closes before it opens', { signupClosesAt: '2026-04-30T02:00:00.000Z' }],
  ])('refuses a sign-up window that %s, on signupClosesAt', (_, overrides) => {
    const result = checkEventDraft(anEventDraft(overrides))

    expect(result).toEqual(invalid({ signupClosesAt: '报名截止须晚于报名开始' }))
  })

  it.each([
    ['1 ms after the start', '2026-05-16T11:30:00.001Z'],
    ['after the end', '2026-05-17T00:00:00.000Z'],
  ])('refuses a sign-up window that closes %s, on signupClosesAt', (_, signupClosesAt) => {
    const result = checkEventDraft(anEventDraft({ signupClosesAt }))

    expect(result).toEqual(invalid({ signupClosesAt: '报名截止不能晚于活动开始' }))
  })

  it('names every broken rule at once, one message per field', () => {
    const draft = anEventDraft({
      endAt: '2026-05-16T10:00:00.000Z',
      signupClosesAt: '2026-04-01T00:00:00.000Z',
    })

    const result = checkEventDraft(draft)

    expect(result).toEqual(
      invalid({ endAt: '结束时间须晚于开始时间', signupClosesAt: '报名截止须晚于报名开始' }),
    )
  })

  it('reports a window closing before it opens rather than also after the start', () => {
    const draft = anEventDraft({
      signupOpensAt: '2026-05-20T00:00:00.000Z',
      signupClosesAt: '2026-05-18T00:00:00.000Z',
    })

    const result = checkEventDraft(draft)

    expect(result).toEqual(invalid({ signupClosesAt: '报名截止须晚于报名开始' }))
  })
})

describe('createEvent', () => {
  it('creates the event unpublished, with no sign-ups, at version 1', () => {
    const draft = anEventDraft({ mode: 'selection', capacity: 8 })

    const event = createEvent('ev-9', draft, 'staff-admin', NOW)

    expect(event).toEqual({
      ...draft,
      id: 'ev-9',
      status: 'draft',
      confirmed: 0,
      signups: 0,
      checkedIn: 0,
      noShowsMarked: false,
      cancelReason: null,
      createdBy: 'staff-admin',
      createdAt: AT,
      updatedAt: AT,
      publishedAt: null,
      version: 1,
    })
  })
})

describe('editEvent', () => {
  it('applies the new fields, stamps the edit and raises the version by one', () => {
    const event = anEvent({ confirmed: 4, signups: 6, version: 7 })
    const draft = anEventDraft({ title: '夏季新品品鉴会', capacity: 30, place: '淮海路店' })

    const result = editEvent(event, draft, NOW)

    expect(result).toEqual({
      ok: true,
      data: { ...event, ...draft, updatedAt: AT, version: 8 },
    })
  })

  it('keeps the counters, the status and who created it', () => {
    const event = anEvent({ confirmed: 4, signups: 6, checkedIn: 0, status: 'draft' })

    const result = editEvent(event, anEventDraft({ capacity: 25 }), NOW)

    expect(result).toMatchObject({
      ok: true,
      data: {
        id: 'ev-1',
        status: 'draft',
        confirmed: 4,
        signups: 6,
        createdBy: 'staff-admin',
        createdAt: event.createdAt,
      },
    })
  })

  it('refuses to edit a cancelled event', () => {
    const event = anEvent({ status: 'cancelled', cancelReason: '天气原因' })

    const result = editEvent(event, anEventDraft(), NOW)

    expect(result).toEqual({ ok: false, error: { code: 'EVENT.CANCELLED', message: '活动已取消' } })
  })

  it.each([
    ['1 ms before the start', '2026-05-16T11:29:59.999Z', null],
    ['exactly at the start', '2026-05-16T11:30:00.000Z', 'EVENT.ALREADY_STARTED'],
    ['during the event', '2026-05-16T12:00:00.000Z', 'EVENT.ALREADY_STARTED'],
    ['after the end', '2026-05-17T02:00:00.000Z', 'EVENT.ALREADY_STARTED'],
  ])('edits %s: %s → %s (null = edited)', (_, now, code) => {
    const result = editEvent(anEvent(), anEventDraft({ title: '改期说明' }), new Date(now))

    expect(result).toMatchObject(code === null ? { ok: true } : error(code))
  })

  it('judges "started" by the event as it is, not by the start the edit proposes', () => {
    const during = new Date('2026-05-16T12:00:00.000Z')
    const later = anEventDraft({
      startAt: '2026-05-20T11:30:00.000Z',
      endAt: '2026-05-20T13:30:00.000Z',
    })

    const result = editEvent(anEvent(), later, during)

    expect(result).toMatchObject(error('EVENT.ALREADY_STARTED'))
  })

  it.each([
    [12, 11, false],
    [12, 12, true],
    [12, 13, true],
    [0, 1, true],
  ])(
    'with %i members confirmed, lets the capacity become %i: %p',
    (confirmed, capacity, allowed) => {
      const event = anEvent({ confirmed, signups: confirmed })

      const result = editEvent(event, anEventDraft({ capacity }), NOW)

      expect(result.ok).toBe(allowed)
    },
  )

  it('explains a capacity below the confirmed members, on the capacity field', () => {
    const event = anEvent({ confirmed: 12, signups: 15 })

    const result = editEvent(event, anEventDraft({ capacity: 10 }), NOW)

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'EVENT.CAPACITY_BELOW_CONFIRMED',
        message: '已有12人确认参加，名额不能少于此数',
        fields: { capacity: '不能少于已确认的12人' },
      },
    })
  })

  it('refuses to change the mode once anyone has signed up', () => {
    const event = anEvent({ mode: 'fcfs', confirmed: 0, signups: 1 })

    const result = editEvent(event, anEventDraft({ mode: 'selection' }), NOW)

    expect(result).toEqual(invalid({ mode: '已有会员报名，不能更改报名方式' }))
  })

  it('counts sign-ups since withdrawn as having signed up', () => {
    const event = anEvent({ mode: 'selection', confirmed: 0, signups: 2 })

    const result = editEvent(event, anEventDraft({ mode: 'fcfs' }), NOW)

    expect(result).toMatchObject(error('EVENT.DRAFT_INVALID'))
  })

  it('lets the mode change while nobody has signed up', () => {
    const event = anEvent({ mode: 'fcfs', signups: 0 })

    const result = editEvent(event, anEventDraft({ mode: 'selection' }), NOW)

    expect(result).toMatchObject({ ok: true, data: { mode: 'selection' } })
  })

  it('lets other fields change once members have signed up, if the mode stays', () => {
    const event = anEvent({ mode: 'fcfs', confirmed: 3, signups: 3 })

    const result = editEvent(event, anEventDraft({ mode: 'fcfs', place: '淮海路店' }), NOW)

    expect(result).toMatchObject({ ok: true, data: { place: '淮海路店', mode: 'fcfs' } })
  })

  it('checks cancellation before the start: a cancelled past event reports the cancellation', () => {
    const event = anEvent({ status: 'cancelled' })

    const result = editEvent(event, anEventDraft(), new Date('2026-06-01T00:00:00.000Z'))

    expect(result).toMatchObject(error('EVENT.CANCELLED'))
  })

  it('checks the start before the capacity', () => {
    const event = anEvent({ confirmed: 12, signups: 12 })

    const result = editEvent(event, anEventDraft({ capacity: 5 }), new Date(EVENT_TIMES.startAt))

    expect(result).toMatchObject(error('EVENT.ALREADY_STARTED'))
  })
})

describe('publishEvent', () => {
  it('makes an unpublished event visible, stamped, version +1', () => {
    const event = anEvent({ status: 'draft', publishedAt: null, version: 1 })

    const result = publishEvent(event, NOW)

    expect(result).toEqual({
      ok: true,
      data: { ...event, status: 'published', publishedAt: AT, updatedAt: AT, version: 2 },
    })
  })

  it('changes nothing when the event is already published', () => {
    const event = anEvent({ status: 'published', version: 5 })

    const result = publishEvent(event, NOW)

    expect(result).toEqual({ ok: true, data: event })
  })

  it('is idempotent: publishing twice gives the same event as publishing once', () => {
    const draft = anEvent({ status: 'draft', publishedAt: null, version: 1 })
    const once = publishEvent(draft, NOW)

    const twice = once.ok && publishEvent(once.data, new Date('2026-04-26T02:00:00.000Z'))

    expect(twice).toEqual(once)
  })

  it('refuses to publish a cancelled event', () => {
    const event = anEvent({ status: 'cancelled' })

    const result = publishEvent(event, NOW)

    expect(result).toMatchObject(error('EVENT.CANCELLED'))
  })
})

describe('cancelEvent', () => {
  it.each(['draft', 'published'] as const)(
    'cancels a %s event with the reason members are told, version +1',
    (status) => {
      const event = anEvent({ status, confirmed: 6, signups: 9, version: 4 })

      const result = cancelEvent(event, '台风预警，活动取消', NOW)

      expect(result).toEqual({
        ok: true,
        data: {
          ...event,
          status: 'cancelled',
          cancelReason: '台风预警，活动取消',
          updatedAt: AT,
          version: 5,
        },
      })
    },
  )

  it('refuses to cancel an event twice', () => {
    const event = anEvent({ status: 'cancelled', cancelReason: '天气原因' })

    const result = cancelEvent(event, '再次取消', NOW)

    expect(result).toEqual({ ok: false, error: { code: 'EVENT.CANCELLED', message: '活动已取消' } })
  })
})
