import { createHmac } from 'node:crypto'
import {
  cardCode,
  digitCode,
  formatDigitCode,
  CODE_PREFIX,
  CODE_STEP_SECONDS,
  parseCardCode,
  secondsToNextStep,
  timeStep,
  verifyCardCode,
  type ParsedCode,
} from '@/domain/card/card-code'
import { CARD_ERROR_CODES } from '@/domain/card/card.errors'
import { cardNumberFromSequence } from '@/domain/card/card-number'
import type { Result } from '@/domain/shared/result'

const SECRET = new Uint8Array(32).fill(7)
const OTHER_SECRET = new Uint8Array(32).fill(8)
const CARD_NO = cardNumberFromSequence(17)
const OTHER_CARD_NO = cardNumberFromSequence(18)
const STEP_MS = CODE_STEP_SECONDS * 1000

/** 2026-03-10 10:00:00 in Shanghai: the first millisecond of step S. */
const T0 = new Date('2026-03-10T02:00:00.000Z')
const S = timeStep(T0)

const firstMsOf = (step: number) => new Date(step * STEP_MS)
const lastMsOf = (step: number) => new Date((step + 1) * STEP_MS - 1)
const plusMs = (date: Date, ms: number) => new Date(date.getTime() + ms)

type Card = { cardNo: string; version: number; lastAcceptedStep: number }

/** The server's record of the card: version 1, last used long ago unless told otherwise. */
const aCard = (overrides: Partial<Card> = {}): Card => ({
  cardNo: CARD_NO,
  version: 1,
  lastAcceptedStep: S - 100,
  ...overrides,
})

/** Unwraps a parsed code, failing the test with the error otherwise. */
function parsed(text: string): ParsedCode {
  const result = parseCardCode(text)
  if (!result.ok) throw new Error(JSON.stringify(result.error))
  return result.data
}

/** What the till does with a scanned text: parse it, then check it against the card. */
function scan(text: string, card: Card, secret: Uint8Array, now: Date): Result<{ step: number }> {
  const code = parseCardCode(text)
  if (!code.ok) return code
  return verifyCardCode(code.data, card, secret, now)
}

/** 'accepted' or the refusal code, to keep the tables readable. */
const outcome = (result: Result<unknown>) => (result.ok ? 'accepted' : result.error.code)

/** An independent oracle: the first 80 bits of HMAC-SHA256 in RFC 4648 base 32 (no padding). */
function referenceMac(secret: Uint8Array, text: string): string {
  const digest = createHmac('sha256', Buffer.from(secret)).update(text, 'ascii').digest()
  const bits = BigInt('0x' + digest.subarray(0, 10).toString('hex'))
  let out = ''
  for (let i = 15; i >= 0; i--) {
    out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[Number((bits >> BigInt(i * 5)) & 31n)]
  }
  return out
}

describe('cardCode', () => {
  it('reads RCC1.<card number>.<card version>.<base-36 step>.<16-character base-32 MAC>', () => {
    const card = { cardNo: CARD_NO, version: 3 }

    const code = cardCode(SECRET, card, S)

    const [prefix, cardNo, version, step, mac, ...rest] = code.split('.')
    expect(CODE_PREFIX).toBe('RCC1')
    expect(prefix).toBe(CODE_PREFIX)
    expect(cardNo).toBe(CARD_NO)
    expect(version).toBe('3')
    expect(step).toBe(S.toString(36))
    expect(step).toBe('z6smo')
    expect(mac).toMatch(/^[A-Z2-7]{16}$/)
    expect(rest).toEqual([])
  })

  it('signs "card number.version.step" with the first 80 bits of HMAC-SHA256 of the card secret', () => {
    const card = { cardNo: CARD_NO, version: 2 }

    const mac = cardCode(SECRET, card, S).split('.')[4]

    expect(mac).toBe(referenceMac(SECRET, `${CARD_NO}.2.${S}`))
  })

  it('keeps the code of a given secret, card and step stable (phones in the field derive it too)', () => {
    const card = { cardNo: CARD_NO, version: 1 }

    const code = cardCode(SECRET, card, S)

    expect(code).toBe(`RCC1.${CARD_NO}.1.z6smo.${referenceMac(SECRET, `${CARD_NO}.1.${S}`)}`)
    expect(code).toBe(cardCode(new Uint8Array(32).fill(7), { cardNo: CARD_NO, version: 1 }, S))
  })

  it.each([
    ['the step', SECRET, CARD_NO, 1, S + 1],
    ['the previous step', SECRET, CARD_NO, 1, S - 1],
    ['the card version', SECRET, CARD_NO, 2, S],
    ['the secret', OTHER_SECRET, CARD_NO, 1, S],
    [
      'a secret differing in one bit',
      Uint8Array.from(SECRET, (b, i) => (i ? b : b ^ 1)),
      CARD_NO,
      1,
      S,
    ],
    ['the card number', SECRET, OTHER_CARD_NO, 1, S],
  ])('signs a different MAC when %s changes', (_what, secret, cardNo, version, step) => {
    const base = cardCode(SECRET, { cardNo: CARD_NO, version: 1 }, S).split('.')[4]

    const changed = cardCode(secret, { cardNo, version }, step).split('.')[4]

    expect(changed).not.toBe(base)
  })

  it.each([
    ['right after the last sync', 0],
    ['5 minutes after the last sync', 5 * 60_000],
    ['10 minutes after the last sync', 10 * 60_000],
    ['10 minutes 29.999 s after the last sync', 10 * 60_000 + 29_999],
    ['an hour after the last sync', 60 * 60_000],
  ])(
    'works offline: a code the phone derives %s from the secret and its clock alone is accepted',
    (_when, offsetMs) => {
      const lastSync = plusMs(T0, 12_345)
      const card = aCard({ lastAcceptedStep: timeStep(lastSync) - 1 })
      const now = plusMs(lastSync, offsetMs)
      const code = cardCode(SECRET, { cardNo: CARD_NO, version: 1 }, timeStep(now))

      const result = scan(code, card, SECRET, now)

      expect(result).toEqual({ ok: true, data: { step: timeStep(now) } })
    },
  )
})

describe('timeStep', () => {
  it('counts 30-second periods since the epoch', () => {
    expect(CODE_STEP_SECONDS).toBe(30)
    expect(timeStep(new Date(0))).toBe(0)
    expect(timeStep(new Date(29_999))).toBe(0)
    expect(timeStep(new Date(30_000))).toBe(1)
    expect(S).toBe(Date.UTC(2026, 2, 10, 2) / 30_000)
  })

  it.each([
    ['01:59:59.999', S - 1],
    ['02:00:00.000', S],
    ['02:00:00.001', S],
    ['02:00:29.999', S],
    ['02:00:30.000', S + 1],
    ['02:00:59.999', S + 1],
    ['02:01:00.000', S + 2],
  ])('puts %s UTC in step S%+d', (clock, expected) => {
    const now = new Date(`2026-03-10T${clock}Z`)

    const step = timeStep(now)

    expect(step - S).toBe(expected - S)
  })

  it('does not depend on the time zone: Shanghai midnight is just another step edge', () => {
    const now = new Date('2026-03-10T00:00:00.000+08:00')

    const step = timeStep(now)

    expect(step).toBe(Date.UTC(2026, 2, 9, 16) / 30_000)
  })
})

describe('secondsToNextStep', () => {
  it.each([
    ['02:00:00.000', 30],
    ['02:00:00.001', 30],
    ['02:00:00.999', 30],
    ['02:00:01.000', 29],
    ['02:00:15.500', 15],
    ['02:00:29.000', 1],
    ['02:00:29.999', 1],
    ['02:00:30.000', 30],
    ['02:00:59.999', 1],
  ])('counts down at %s UTC with %i s left', (clock, expected) => {
    const now = new Date(`2026-03-10T${clock}Z`)

    const seconds = secondsToNextStep(now)

    expect(seconds).toBe(expected)
  })

  it('shows the whole seconds left, rounded up, between 30 and 1 at every millisecond of a step', () => {
    const wrong: number[] = []

    for (let ms = 0; ms < STEP_MS; ms++) {
      const now = plusMs(T0, ms)
      const expected = Math.ceil((firstMsOf(S + 1).getTime() - now.getTime()) / 1000)
      if (secondsToNextStep(now) !== expected) wrong.push(ms)
    }

    expect(wrong).toEqual([])
  })
})

describe('parseCardCode', () => {
  it.each([
    ['step 0', 1, 0],
    ['the current step', 1, S],
    ['a step in 2100', 1, timeStep(new Date('2100-01-01T00:00:00.000Z'))],
    ['version 2 (one re-key)', 2, S],
    ['the largest version', 999_999, S],
  ])('reads back the code cardCode writes for %s', (_what, version, step) => {
    const code = cardCode(SECRET, { cardNo: CARD_NO, version }, step)

    const result = parseCardCode(code)

    expect(result).toEqual({
      ok: true,
      data: { kind: 'qr', cardNo: CARD_NO, version, step, mac: code.split('.')[4] },
    })
  })

  it('refuses a text that is not a member code as malformed, with a clear message', () => {
    const text = 'https://example.com/not-a-card'

    const result = parseCardCode(text)

    expect(result).toEqual({
      ok: false,
      error: { code: 'CARD.CODE_MALFORMED', message: expect.stringContaining('无法识别') },
    })
  })
})

describe('verifyCardCode', () => {
  const codeAt = (step: number, version = 1, secret = SECRET, cardNo = CARD_NO) =>
    parsed(cardCode(secret, { cardNo, version }, step))

  it('accepts a fresh code and returns its step to record as the last accepted one', () => {
    const code = codeAt(S)

    const result = verifyCardCode(code, aCard(), SECRET, plusMs(T0, 10_000))

    expect(result).toEqual({ ok: true, data: { step: S } })
  })

  it.each([
    [-20, 'CARD.CODE_EXPIRED'],
    [-2, 'CARD.CODE_EXPIRED'],
    [-1, 'accepted'],
    [0, 'accepted'],
    [1, 'accepted'],
    [2, 'CARD.CLOCK_SKEW'],
    [20, 'CARD.CLOCK_SKEW'],
  ])(
    'with the server at step s, from its first to its last ms, treats a code of step s%+d as %s',
    (offset, expected) => {
      const code = codeAt(S + offset)

      const atFirstMs = verifyCardCode(code, aCard(), SECRET, firstMsOf(S))
      const atLastMs = verifyCardCode(code, aCard(), SECRET, lastMsOf(S))

      expect(outcome(atFirstMs)).toBe(expected)
      expect(outcome(atLastMs)).toBe(expected)
    },
  )

  it.each([
    [
      'the last ms two steps before it (phone clock > 30 s ahead)',
      lastMsOf(S - 2),
      'CARD.CLOCK_SKEW',
    ],
    ['the first ms of the step before it (phone clock ahead)', firstMsOf(S - 1), 'accepted'],
    ['the last ms of the step before it (phone clock ahead)', lastMsOf(S - 1), 'accepted'],
    ['the first ms of its own step', firstMsOf(S), 'accepted'],
    ['the last ms of its own step', lastMsOf(S), 'accepted'],
    ['the first ms of the next step', firstMsOf(S + 1), 'accepted'],
    ['the last ms of the next step, 59.999 s after it began', lastMsOf(S + 1), 'accepted'],
    ['the first ms of the step after, 60 s after it began', firstMsOf(S + 2), 'CARD.CODE_EXPIRED'],
    ['an hour later', plusMs(T0, 3_600_000), 'CARD.CODE_EXPIRED'],
  ])('lets a code of step s live at most 60 s: scanned at %s it is %s', (_when, now, expected) => {
    const code = codeAt(S)

    const result = verifyCardCode(code, aCard(), SECRET, now)

    expect(outcome(result)).toBe(expected)
    expect(lastMsOf(S + 1).getTime() - firstMsOf(S).getTime()).toBe(60_000 - 1)
  })

  it('refuses the same code a second time: a screenshot of a scanned code is single-use', () => {
    const code = codeAt(S)
    const first = verifyCardCode(code, aCard(), SECRET, plusMs(T0, 5_000))
    if (!first.ok) throw new Error(JSON.stringify(first.error))
    const card = aCard({ lastAcceptedStep: first.data.step })

    const again = verifyCardCode(code, card, SECRET, plusMs(T0, 6_000))

    expect(again).toEqual({
      ok: false,
      error: { code: 'CARD.CODE_REPLAYED', message: expect.stringContaining('已被使用') },
    })
  })

  it('refuses an older, still unexpired code once a newer one was accepted', () => {
    const card = aCard({ lastAcceptedStep: S })
    const older = codeAt(S - 1)

    const result = verifyCardCode(older, card, SECRET, plusMs(T0, 1_000))

    expect(outcome(result)).toBe('CARD.CODE_REPLAYED')
  })

  it.each([
    [S - 2, 'accepted'],
    [S - 1, 'accepted'],
    [S, 'CARD.CODE_REPLAYED'],
    [S + 1, 'CARD.CODE_REPLAYED'],
  ])(
    'accepts a step only after the last accepted one (last accepted %i → %s)',
    (lastAcceptedStep, expected) => {
      const card = aCard({ lastAcceptedStep })

      const result = verifyCardCode(codeAt(S), card, SECRET, plusMs(T0, 1_000))

      expect(outcome(result)).toBe(expected)
    },
  )

  it('accepts the next code the phone shows after one was scanned', () => {
    const card = aCard({ lastAcceptedStep: S })

    const result = verifyCardCode(codeAt(S + 1), card, SECRET, firstMsOf(S + 1))

    expect(result).toEqual({ ok: true, data: { step: S + 1 } })
  })

  it('refuses at once a code of the card before it was re-keyed as lost (old codes stop working)', () => {
    const oldSecret = SECRET
    const newSecret = OTHER_SECRET
    const oldCode = codeAt(S, 1, oldSecret)
    const rekeyed = aCard({ version: 2 })

    const result = verifyCardCode(oldCode, rekeyed, newSecret, plusMs(T0, 1_000))

    expect(result).toEqual({
      ok: false,
      error: { code: 'CARD.CODE_OLD_VERSION', message: expect.stringContaining('挂失') },
    })
  })

  it('refuses an old-version code even when it is signed with the current secret', () => {
    const code = codeAt(S, 1, OTHER_SECRET)
    const rekeyed = aCard({ version: 2 })

    const result = verifyCardCode(code, rekeyed, OTHER_SECRET, plusMs(T0, 1_000))

    expect(outcome(result)).toBe('CARD.CODE_OLD_VERSION')
  })

  it('accepts the new code of a re-keyed card', () => {
    const code = codeAt(S, 2, OTHER_SECRET)
    const rekeyed = aCard({ version: 2 })

    const result = verifyCardCode(code, rekeyed, OTHER_SECRET, plusMs(T0, 1_000))

    expect(result).toEqual({ ok: true, data: { step: S } })
  })

  it.each([
    ['signed with the card secret', SECRET],
    ['signed with another secret', OTHER_SECRET],
  ])('refuses as forged a code claiming a newer version than the card (%s)', (_how, secret) => {
    const code = codeAt(S, 3, secret)

    const result = verifyCardCode(code, aCard({ version: 2 }), SECRET, plusMs(T0, 1_000))

    expect(result).toEqual({
      ok: false,
      error: { code: 'CARD.CODE_FORGED', message: expect.stringContaining('伪造') },
    })
  })

  it('refuses as forged a code of the new version signed with the old secret', () => {
    const code = codeAt(S, 2, SECRET)

    const result = verifyCardCode(code, aCard({ version: 2 }), OTHER_SECRET, plusMs(T0, 1_000))

    expect(outcome(result)).toBe('CARD.CODE_FORGED')
  })

  it('refuses as forged a code naming another card than the one it is checked against', () => {
    const code = codeAt(S, 1, SECRET, OTHER_CARD_NO)

    const result = verifyCardCode(code, aCard(), SECRET, plusMs(T0, 1_000))

    expect(outcome(result)).toBe('CARD.CODE_FORGED')
  })

  it.each([
    ['expired', S - 5],
    ['from a clock far ahead', S + 5],
    ['already used', S],
  ])(
    'checks the signature first: a forged code that is also %s is refused as forged',
    (_, step) => {
      const forged = codeAt(step, 1, OTHER_SECRET)

      const result = verifyCardCode(forged, aCard({ lastAcceptedStep: S }), SECRET, T0)

      expect(outcome(result)).toBe('CARD.CODE_FORGED')
    },
  )

  it.each([
    ['expired', 'CARD.CODE_EXPIRED', S - 2, S - 100, '过期'],
    ['clock skew', 'CARD.CLOCK_SKEW', S + 2, S - 100, '时间'],
    ['replayed', 'CARD.CODE_REPLAYED', S, S, '已被使用'],
  ])(
    'gives every refusal its own code and a clear reason (%s)',
    (_what, code, step, lastAcceptedStep, reason) => {
      const card = aCard({ lastAcceptedStep })

      const result = verifyCardCode(codeAt(step), card, SECRET, T0)

      expect(result).toEqual({
        ok: false,
        error: { code, message: expect.stringContaining(reason) },
      })
      expect(CARD_ERROR_CODES).toContain(code)
    },
  )
})

describe('the numeric code under the QR (typed when the scanner fails)', () => {
  const card = { cardNo: CARD_NO, version: 1 }
  const typed = (step: number) => digitCode(SECRET, card, step)

  it('is the 12-digit card number and 10 digits of the step, shown in groups of four', () => {
    const code = typed(S)

    expect(code).toMatch(/^\d{22}$/)
    expect(code.startsWith(CARD_NO)).toBe(true)
    expect(formatDigitCode(code)).toMatch(/^\d{4} \d{4} \d{4} \d{4} \d{4} \d{2}$/)
  })

  it('changes with every 30-second step and with a re-key', () => {
    expect(typed(S + 1)).not.toBe(typed(S))
    expect(digitCode(SECRET, { cardNo: CARD_NO, version: 2 }, S)).not.toBe(typed(S))
  })

  it.each([
    ['typed at once', S, firstMsOf(S), 'accepted'],
    ['typed in the next step', S, firstMsOf(S + 1), 'accepted'],
    ['typed from a phone one step ahead', S + 1, lastMsOf(S), 'accepted'],
    ['typed two steps late', S, firstMsOf(S + 2), 'CARD.CODE_EXPIRED'],
    ['typed five minutes late', S, plusMs(firstMsOf(S), 5 * 60_000), 'CARD.CODE_FORGED'],
  ])('is %s: %s', (_what, step, now, expected) => {
    expect(outcome(scan(typed(step), aCard(), SECRET, now))).toBe(expected)
  })

  it('is accepted with spaces or dashes between the groups', () => {
    const spaced = formatDigitCode(typed(S))

    expect(outcome(scan(spaced, aCard(), SECRET, firstMsOf(S)))).toBe('accepted')
    expect(outcome(scan(spaced.replace(/ /g, '-'), aCard(), SECRET, firstMsOf(S)))).toBe('accepted')
  })

  it('is single use together with the QR of its step: once one is accepted, the other is replayed', () => {
    const afterQr = aCard({ lastAcceptedStep: S })

    expect(outcome(scan(typed(S), afterQr, SECRET, firstMsOf(S)))).toBe('CARD.CODE_REPLAYED')
  })

  it.each([
    [
      'one wrong digit',
      (code: string) => code.slice(0, -1) + String((Number(code.at(-1)) + 1) % 10),
    ],
    ['the digits of another secret', () => digitCode(OTHER_SECRET, card, S)],
    ['another card number with these digits', (code: string) => OTHER_CARD_NO + code.slice(12)],
  ])('refuses %s as forged', (_what, spoil) => {
    expect(outcome(scan(spoil(typed(S)), aCard(), SECRET, firstMsOf(S)))).toBe('CARD.CODE_FORGED')
  })

  it('refuses a bare card number, saying what to ask the member for', () => {
    const result = parseCardCode(formatDigitCode(CARD_NO))

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'CARD.NUMBER_ONLY',
        message:
          '这是会员卡号，不能用来办理业务。请让会员打开会员码，读出二维码下方的22位数字动态码',
      },
    })
  })

  it.each([
    ['too few digits', '1234 5678'],
    ['21 digits', `${CARD_NO}123456789`],
    ['23 digits', `${CARD_NO}12345678901`],
    [
      'a card number that fails its check digit',
      `${CARD_NO.slice(0, 11)}${(Number(CARD_NO[11]) + 1) % 10}1234567890`,
    ],
  ])('refuses %s as malformed', (_what, text) => {
    expect(outcome(parseCardCode(text))).toBe('CARD.CODE_MALFORMED')
  })
})
