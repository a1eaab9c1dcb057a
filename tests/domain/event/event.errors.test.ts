import {
  ackRequired,
  alreadyCheckedIn,
  alreadySignedUp,
  alreadyStarted,
  blocked,
  cancelTooLate,
  capacityBelowConfirmed,
  checkInClosed,
  clubOnly,
  draftInvalid,
  EVENT_ERROR_CODES,
  eventCancelled,
  eventFull,
  signupQueued,
  eventNotFound,
  eventNotPublished,
  memberNotActive,
  notConfirmed,
  notSelection,
  notSignedUp,
  signupClosed,
  signupNotOpen,
  starTooLowFor,
} from '@/domain/event/event.errors'

/** Every factory, called with a typical argument. */
const FAILURES = [
  eventNotFound(),
  eventNotPublished(),
  eventCancelled(),
  draftInvalid({ endAt: '结束时间须晚于开始时间' }),
  capacityBelowConfirmed(12),
  alreadyStarted(),
  clubOnly(),
  starTooLowFor(3),
  signupNotOpen('2026-05-01 10:00'),
  signupClosed(),
  blocked('2026-08-15'),
  memberNotActive(),
  ackRequired(),
  alreadySignedUp(),
  notSignedUp(),
  cancelTooLate(),
  notConfirmed(),
  alreadyCheckedIn('2026-05-10T02:30:00.000Z'),
  checkInClosed(),
  notSelection(),
  eventFull(),
  signupQueued(),
]

describe('event errors', () => {
  it.each(FAILURES.map((failure) => [failure.error.code, failure] as const))(
    '%s is a failure with a Chinese message and a listed code',
    (code, failure) => {
      expect(failure).toMatchObject({ ok: false, error: { code, message: expect.any(String) } })
      expect(failure.error.message).toMatch(/[\u4e00-\u9fff]/)
      expect(EVENT_ERROR_CODES).toContain(code)
    },
  )

  it('has a factory for every event error code', () => {
    const codes = FAILURES.map((failure) => failure.error.code)

    expect([...codes].sort()).toEqual([...EVENT_ERROR_CODES].sort())
  })

  it.each([
    [draftInvalid({ endAt: '结束时间须晚于开始时间' }), { endAt: '结束时间须晚于开始时间' }],
    [capacityBelowConfirmed(12), { capacity: '不能少于已确认的12人' }],
    [ackRequired(), { acknowledged: '请阅读并同意活动须知' }],
  ])('gives %p its field messages', (failure, fields) => {
    expect(failure.error.fields).toEqual(fields)
  })

  it('names the end of a no-show block and the opening of sign-ups', () => {
    expect(blocked('2026-08-15').error.message).toBe('因多次报名未到场，2026-08-15 前不能报名活动')
    expect(signupNotOpen('2026-05-01 10:00').error.message).toBe(
      '报名尚未开始（2026-05-01 10:00 开始）',
    )
  })
})
