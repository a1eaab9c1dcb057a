import {
  claim,
  CLAIM_TIMEOUT_MS,
  fail,
  giveUpUnknown,
  isDue,
  isPermanentError,
  isStuck,
  MAX_ATTEMPTS,
  nextAttempt,
  settle,
  skip,
  subscriptionUnused,
  type DeliveryState,
} from '@/domain/notification/delivery'

const NOW = new Date('2026-11-23T02:00:00.000Z')
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString()
const MINUTE = 60_000

function aDelivery(overrides: Partial<DeliveryState> = {}): DeliveryState {
  return {
    status: 'pending',
    attempts: 0,
    nextAttemptAt: NOW.toISOString(),
    sentAt: null,
    lastError: null,
    claimedAt: null,
    version: 1,
    ...overrides,
  }
}

describe('nextAttempt', () => {
  it.each([
    [1, at(1 * MINUTE)],
    [2, at(5 * MINUTE)],
    [3, at(30 * MINUTE)],
    [4, at(120 * MINUTE)],
    [5, at(720 * MINUTE)],
    [6, null],
    [7, null],
    [0, null],
  ])('after %i failed attempts, tries again at %s (then gives up)', (attempts, expected) => {
    const next = nextAttempt(attempts, NOW)

    expect(next).toBe(expected)
  })

  it('allows six attempts in all: the first and five retries', () => {
    expect(MAX_ATTEMPTS).toBe(6)
  })
})

describe('isPermanentError', () => {
  it.each([
    [43101, true],
    [47003, true],
    [40003, true],
    [40037, true],
    [41030, true],
    [-1, false],
    [45009, false],
    [40001, false],
    [12345, false],
  ])('treats errcode %i as permanent: %s', (errcode, permanent) => {
    expect(isPermanentError(errcode)).toBe(permanent)
  })
})

describe('subscriptionUnused', () => {
  it('gives the send back on any failure but 43101, where WeChat held no subscription', () => {
    expect([subscriptionUnused(47003), subscriptionUnused(-1), subscriptionUnused(43101)]).toEqual([
      true,
      true,
      false,
    ])
  })
})

describe('isDue', () => {
  it('is due once pending and its time has come, not before, and never in another status', () => {
    expect(isDue(aDelivery({ nextAttemptAt: NOW.toISOString() }), NOW)).toBe(true)
    expect(isDue(aDelivery({ nextAttemptAt: null }), NOW)).toBe(true)
    expect(isDue(aDelivery({ nextAttemptAt: at(1) }), NOW)).toBe(false)
    expect(isDue(aDelivery({ status: 'sending' }), NOW)).toBe(false)
    expect(isDue(aDelivery({ status: 'sent' }), NOW)).toBe(false)
  })
})

describe('isStuck', () => {
  it('takes a claim as stuck 10 minutes after it was made, not a millisecond before', () => {
    const claimed = aDelivery({ status: 'sending', claimedAt: NOW.toISOString() })
    const later = (ms: number) => new Date(NOW.getTime() + ms)

    expect(isStuck(claimed, later(CLAIM_TIMEOUT_MS - 1))).toBe(false)
    expect(isStuck(claimed, later(CLAIM_TIMEOUT_MS))).toBe(true)
    expect(isStuck(aDelivery({ claimedAt: NOW.toISOString() }), later(CLAIM_TIMEOUT_MS))).toBe(
      false,
    )
  })
})

describe('claim', () => {
  it('moves a due message to sending with one more attempt, at the next version', () => {
    const claimed = claim(aDelivery({ attempts: 2, version: 5 }), NOW)

    expect(claimed).toEqual(
      aDelivery({ status: 'sending', attempts: 3, claimedAt: NOW.toISOString(), version: 6 }),
    )
  })
})

describe('settle', () => {
  const claimed = (attempts: number) =>
    claim(aDelivery({ attempts: attempts - 1, version: 1 }), NOW)

  it('records a delivered message as sent, when', () => {
    const settled = settle(claimed(1), { ok: true }, NOW)

    expect(settled).toMatchObject({
      status: 'sent',
      sentAt: NOW.toISOString(),
      claimedAt: null,
      nextAttemptAt: null,
      version: 3,
    })
  })

  it('puts a message back to pending on a transient error, due after the backoff', () => {
    const settled = settle(claimed(2), { ok: false, errcode: -1, permanent: false }, NOW)

    expect(settled).toMatchObject({
      status: 'pending',
      attempts: 2,
      nextAttemptAt: at(5 * MINUTE),
      lastError: 'wechat:-1',
      claimedAt: null,
    })
  })

  it('fails a message on a permanent error at once', () => {
    const settled = settle(claimed(1), { ok: false, errcode: 43101, permanent: true }, NOW)

    expect(settled).toMatchObject({
      status: 'failed',
      lastError: 'wechat:43101',
      nextAttemptAt: null,
    })
  })

  it('fails a message whose last attempt hit a transient error', () => {
    const settled = settle(claimed(MAX_ATTEMPTS), { ok: false, errcode: -1, permanent: false }, NOW)

    expect(settled).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS })
  })
})

describe('skip, fail and giveUpUnknown', () => {
  it('settle a message for good with the reason, at the next version', () => {
    const message = aDelivery({ version: 3 })

    expect(skip(message, 'no-subscription')).toMatchObject({
      status: 'skipped',
      lastError: 'no-subscription',
      version: 4,
    })
    expect(fail(message, 'no-template')).toMatchObject({ status: 'failed', version: 4 })
    expect(giveUpUnknown(message, 'claim-expired')).toMatchObject({
      status: 'unknown',
      nextAttemptAt: null,
      version: 4,
    })
  })
})
