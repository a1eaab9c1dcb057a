import {
  cardCode,
  CODE_STEP_SECONDS,
  parseCardCode,
  timeStep,
  verifyCardCode,
} from '@/domain/card/card-code'
import { CARD_ERROR_CODES } from '@/domain/card/card.errors'
import { cardNumberFromSequence } from '@/domain/card/card-number'
import type { Result } from '@/domain/shared/result'

/* A till scans whatever text a QR code holds: SPEC §6 wants forged, expired and screenshot codes
 * refused with a clear reason, and nothing a customer can show should crash the scan. */

const MY_SECRET = new Uint8Array(32).fill(7)
const THEIR_SECRET = new Uint8Array(32).fill(9)
const MY_CARD_NO = cardNumberFromSequence(17)
const THEIR_CARD_NO = cardNumberFromSequence(4242)
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** 2026-03-10 10:00:00 in Shanghai: the first millisecond of step S. */
const T0 = new Date('2026-03-10T02:00:00.000Z')
const S = timeStep(T0)
const NOW = new Date(T0.getTime() + 10_000)

type Card = { cardNo: string; version: number; lastAcceptedStep: number }
const myCard = (lastAcceptedStep = S - 100): Card => ({
  cardNo: MY_CARD_NO,
  version: 1,
  lastAcceptedStep,
})
const theirCard = (): Card => ({ cardNo: THEIR_CARD_NO, version: 1, lastAcceptedStep: S - 100 })

/** My genuine code of the current step. */
const MY_CODE = cardCode(MY_SECRET, { cardNo: MY_CARD_NO, version: 1 }, S)
const MY_MAC = MY_CODE.split('.')[4]!

/** What the till does with a scanned text: parse it, then check it against the card it names. */
function scan(text: string, card: Card, secret: Uint8Array, now = NOW): Result<{ step: number }> {
  const code = parseCardCode(text)
  if (!code.ok) return code
  return verifyCardCode(code.data, card, secret, now)
}

const outcome = (result: Result<unknown>) => (result.ok ? 'accepted' : result.error.code)

const withMac = (code: string, mac: string) => code.split('.').slice(0, 4).concat(mac).join('.')

describe('parseCardCode', () => {
  it('reads my genuine code, which the till accepts (the baseline every attack starts from)', () => {
    const result = scan(MY_CODE, myCard(), MY_SECRET)

    expect(result).toEqual({ ok: true, data: { step: S } })
  })

  it.each(Array.from({ length: MY_CODE.length }, (_, length) => [length]))(
    'refuses my code cut to its first %i characters as malformed',
    (length) => {
      const truncated = MY_CODE.slice(0, length)

      const result = parseCardCode(truncated)

      expect(outcome(result)).toBe('CARD.CODE_MALFORMED')
    },
  )

  it.each([
    ['an extra segment at the end', `${MY_CODE}.X`],
    ['a trailing dot', `${MY_CODE}.`],
    ['a leading dot', `.${MY_CODE}`],
    ['an extra segment in the middle', MY_CODE.replace('.1.', '.1.1.')],
    ['an empty segment', MY_CODE.replace('.1.', '..1.')],
    ['a doubled code', `${MY_CODE}${MY_CODE}`],
    ['the code twice, dot-joined', `${MY_CODE}.${MY_CODE}`],
    ['a URL around it', `https://rcc.example/c?${MY_CODE}`],
  ])('refuses a code with %s as malformed', (_what, text) => {
    const result = parseCardCode(text)

    expect(outcome(result)).toBe('CARD.CODE_MALFORMED')
  })

  it.each([
    ['a lower-cased MAC', withMac(MY_CODE, MY_MAC.toLowerCase())],
    ['a lower-cased prefix', MY_CODE.replace('RCC1', 'rcc1')],
    [
      'an upper-cased step',
      MY_CODE.replace(`.${S.toString(36)}.`, `.${S.toString(36).toUpperCase()}.`),
    ],
    ['another prefix', MY_CODE.replace('RCC1', 'RCC2')],
    ['a MAC of 15 characters', withMac(MY_CODE, MY_MAC.slice(1))],
    ['a MAC of 17 characters', withMac(MY_CODE, MY_MAC + 'A')],
    ['a MAC with padding', withMac(MY_CODE, MY_MAC + '====')],
    ['a MAC with base-32 look-alikes 0, 1, 8', withMac(MY_CODE, '0189' + MY_MAC.slice(4))],
    ['version 0', MY_CODE.replace('.1.', '.0.')],
    ['a version with a leading zero', MY_CODE.replace('.1.', '.01.')],
    ['a negative version', MY_CODE.replace('.1.', '.-1.')],
    ['a version in exponent form', MY_CODE.replace('.1.', '.1e0.')],
    ['a version of 7 digits', MY_CODE.replace('.1.', '.1000000.')],
    ['a negative step', MY_CODE.replace(`.${S.toString(36)}.`, `.-${S.toString(36)}.`)],
    ['a step of 11 characters', MY_CODE.replace(`.${S.toString(36)}.`, '.zzzzzzzzzzz.')],
    [
      'a card number failing its check digit',
      MY_CODE.replace(MY_CARD_NO, MY_CARD_NO.slice(0, 11) + ((Number(MY_CARD_NO[11]) + 1) % 10)),
    ],
    ['a card number of 11 digits', MY_CODE.replace(MY_CARD_NO, MY_CARD_NO.slice(1))],
  ])('refuses a code with %s as malformed', (_what, text) => {
    const result = parseCardCode(text)

    expect(outcome(result)).toBe('CARD.CODE_MALFORMED')
  })

  it.each([
    ['a space inside', MY_CODE.replace('.1.', '. 1.')],
    ['a space around a dot', MY_CODE.replace('.1.', ' .1.')],
    ['a newline inside', MY_CODE.replace('.1.', '.1\n.')],
    ['a tab inside the MAC', withMac(MY_CODE, MY_MAC.slice(0, 8) + '\t' + MY_MAC.slice(8))],
    ['a zero-width space inside', MY_CODE.replace('.1.', '.1\u200b.')],
    ['a zero-width joiner at the end', `${MY_CODE}\u200d`],
    ['a NUL at the end', `${MY_CODE}\u0000`],
    ['a Cyrillic А in the MAC', withMac(MY_CODE, '\u0410' + MY_MAC.slice(1))],
    ['a Cyrillic С in the prefix', MY_CODE.replace('RCC1', 'R\u0421C1')],
    ['a lower-case l for the 1 of the prefix', MY_CODE.replace('RCC1', 'RCCl')],
    [
      'full-width digits in the card number',
      MY_CODE.replace(
        MY_CARD_NO,
        String.fromCharCode(...[...MY_CARD_NO].map((d) => 0xff10 + Number(d))),
      ),
    ],
    ['an Arabic-Indic version digit', MY_CODE.replace('.1.', '.\u0661.')],
    ['a mathematical bold 1 as version', MY_CODE.replace('.1.', '.\u{1d7cf}.')],
    ['full-width full stops', MY_CODE.replace(/\./g, '\uff0e')],
    ['ideographic full stops', MY_CODE.replace(/\./g, '\u3002')],
    ['a one-dot leader for a dot', MY_CODE.replace('.1.', '\u2024' + '1.')],
    ['a lone surrogate in the MAC', withMac(MY_CODE, '\ud800' + MY_MAC.slice(1))],
  ])('refuses a code with %s as malformed', (_what, text) => {
    const result = parseCardCode(text)

    expect(outcome(result)).toBe('CARD.CODE_MALFORMED')
  })

  it.each([
    ['a trailing newline', `${MY_CODE}\n`],
    ['a trailing CR LF', `${MY_CODE}\r\n`],
    ['leading and trailing spaces', `  ${MY_CODE}  `],
    ['an ideographic space', `\u3000${MY_CODE}`],
  ])(
    'reads a code with %s around it as the same code (scanners add line ends), still single-use',
    (_what, text) => {
      const used = myCard(S)

      const first = scan(text, myCard(), MY_SECRET)
      const replay = scan(text, used, MY_SECRET)

      expect(first).toEqual({ ok: true, data: { step: S } })
      expect(outcome(replay)).toBe('CARD.CODE_REPLAYED')
    },
  )

  it.each([
    ['81 characters', `RCC1.${MY_CARD_NO}.1.${S.toString(36)}.${MY_MAC}`.padEnd(81, 'A')],
    [
      '81 characters in five segments',
      `RCC1.${MY_CARD_NO}.${'9'.repeat(40)}.${S.toString(36)}.${MY_MAC}`,
    ],
    ['my code padded with spaces past 80', `${MY_CODE}${' '.repeat(81 - MY_CODE.length)}`],
    ['10,000 characters', 'A'.repeat(10_000)],
    ['a megabyte of dots', '.'.repeat(1_000_000)],
  ])('refuses a text longer than 80 characters (%s) as malformed', (_what, text) => {
    expect(text.length).toBeGreaterThan(80)

    const result = parseCardCode(text)

    expect(outcome(result)).toBe('CARD.CODE_MALFORMED')
  })

  it.each([
    ['a number', 860000000174],
    ['NaN', NaN],
    ['null', null],
    ['undefined', undefined],
    ['true', true],
    ['a bigint', 10n],
    ['a symbol', Symbol('code')],
    ['an empty object', {}],
    ['an array of the segments', MY_CODE.split('.')],
    ['a String object of my code', new String(MY_CODE)],
    ['an object whose toString is my code', { toString: () => MY_CODE }],
    ['a function returning my code', () => MY_CODE],
    ['a parsed code', { kind: 'qr', cardNo: MY_CARD_NO, version: 1, step: S, mac: MY_MAC }],
  ])('refuses %s passed as the scanned text without throwing', (_what, value) => {
    const text = value as unknown as string

    const result = parseCardCode(text)

    expect(outcome(result)).toBe('CARD.CODE_MALFORMED')
  })
})

describe('verifyCardCode', () => {
  it.each(Array.from({ length: 16 }, (_, position) => [position]))(
    'refuses as forged my code with MAC character %i changed to any other base-32 character',
    (position) => {
      const outcomes = new Set<string>()

      for (const c of BASE32.replace(MY_MAC[position]!, '')) {
        const mac = MY_MAC.slice(0, position) + c + MY_MAC.slice(position + 1)
        outcomes.add(outcome(scan(withMac(MY_CODE, mac), myCard(), MY_SECRET)))
      }

      expect([...outcomes]).toEqual(['CARD.CODE_FORGED'])
    },
  )

  it('refuses as forged a code for my card signed with another card secret', () => {
    const forged = cardCode(THEIR_SECRET, { cardNo: MY_CARD_NO, version: 1 }, S)

    const result = scan(forged, myCard(), MY_SECRET)

    expect(outcome(result)).toBe('CARD.CODE_FORGED')
  })

  it('refuses as forged a code for my card with an all-zero secret', () => {
    const forged = cardCode(new Uint8Array(32), { cardNo: MY_CARD_NO, version: 1 }, S)

    const result = scan(forged, myCard(), MY_SECRET)

    expect(outcome(result)).toBe('CARD.CODE_FORGED')
  })

  it.each([
    ['checked against their card and secret', theirCard(), THEIR_SECRET],
    ['checked against my card and secret', myCard(), MY_SECRET],
    ['checked against their card with my secret', theirCard(), MY_SECRET],
  ])(
    "never accepts my code with another member's card number swapped in (%s)",
    (_how, card, secret) => {
      const swapped = MY_CODE.replace(MY_CARD_NO, THEIR_CARD_NO)

      const result = scan(swapped, card, secret)

      expect(outcome(result)).toBe('CARD.CODE_FORGED')
    },
  )

  it('never accepts my code with an invalid card number swapped in', () => {
    const swapped = MY_CODE.replace(MY_CARD_NO, '860000000000')

    const result = scan(swapped, theirCard(), THEIR_SECRET)

    expect(['CARD.CODE_FORGED', 'CARD.CODE_MALFORMED']).toContain(outcome(result))
  })

  it.each([
    [
      'the step moved on to stretch its life',
      (c: string) => c.replace(`.${S.toString(36)}.`, `.${(S + 1).toString(36)}.`),
    ],
    [
      'the step moved back',
      (c: string) => c.replace(`.${S.toString(36)}.`, `.${(S - 1).toString(36)}.`),
    ],
    ['a newer version claimed', (c: string) => c.replace('.1.', '.2.')],
  ])('refuses as forged my code with %s', (_what, edit) => {
    const edited = edit(MY_CODE)

    const result = scan(edited, myCard(), MY_SECRET)

    expect(outcome(result)).toBe('CARD.CODE_FORGED')
  })

  it.each([
    [
      'a leading zero in the step',
      (c: string) => c.replace(`.${S.toString(36)}.`, `.0${S.toString(36)}.`),
    ],
    ['surrounding spaces', (c: string) => ` ${c} `],
  ])('refuses as replayed a screenshot of a scanned code re-encoded with %s', (_what, edit) => {
    const scanned = myCard(S)

    const result = scan(edit(MY_CODE), scanned, MY_SECRET)

    expect(outcome(result)).toBe('CARD.CODE_REPLAYED')
  })

  it('refuses a screenshot of a scanned code for as long as it would otherwise live', () => {
    const scanned = myCard(S)
    const times = [0, 1, 29_999, 30_000, 59_999, 60_000, 600_000]

    const outcomes = times.map((ms) =>
      outcome(scan(MY_CODE, scanned, MY_SECRET, new Date(T0.getTime() + ms))),
    )

    expect(outcomes).toEqual([
      'CARD.CODE_REPLAYED',
      'CARD.CODE_REPLAYED',
      'CARD.CODE_REPLAYED',
      'CARD.CODE_REPLAYED',
      'CARD.CODE_REPLAYED',
      'CARD.CODE_EXPIRED',
      'CARD.CODE_EXPIRED',
    ])
  })

  it('refuses 10,000 random texts (ASCII, valid-looking codes, random bytes) without throwing', () => {
    const random = lcg(20260310)
    const pick = <T>(items: readonly T[]) => items[random.below(items.length)]!
    const kinds = ['ascii', 'valid-looking', 'mutated scanned code', 'bytes', 'utf-16'] as const
    const makers: Record<(typeof kinds)[number], () => string> = {
      ascii: () =>
        Array.from({ length: random.below(90) }, () =>
          String.fromCharCode(32 + random.below(95)),
        ).join(''),
      'valid-looking': () => {
        const cardNo = random.below(2)
          ? MY_CARD_NO
          : cardNumberFromSequence(1 + random.below(999_999_999))
        const step = S - 3 + random.below(7)
        const mac = Array.from({ length: 16 }, () => pick([...BASE32])).join('')
        return `RCC1.${cardNo}.1.${step.toString(36)}.${mac}`
      },
      'mutated scanned code': () => {
        const at = random.below(MY_CODE.length)
        const c = String.fromCharCode(32 + random.below(95))
        const how = random.below(3)
        if (how === 0) return MY_CODE.slice(0, at) + c + MY_CODE.slice(at + 1)
        if (how === 1) return MY_CODE.slice(0, at) + MY_CODE.slice(at + 1)
        return MY_CODE.slice(0, at) + c + MY_CODE.slice(at)
      },
      bytes: () =>
        Array.from({ length: random.below(100) }, () =>
          String.fromCharCode(random.below(256)),
        ).join(''),
      'utf-16': () =>
        Array.from({ length: random.below(60) }, () =>
          String.fromCharCode(random.below(0x10000)),
        ).join(''),
    }
    // The card has just accepted MY_CODE: a mutation that still means the same step is a replay.
    const card = myCard(S)
    const accepted: string[] = []
    const thrown: string[] = []
    const unknownCodes = new Set<string>()
    const seen = new Map<string, number>()

    for (let i = 0; i < 10_000; i++) {
      const text = makers[kinds[i % kinds.length]!]()
      try {
        const result = scan(
          text,
          card,
          MY_SECRET,
          new Date(T0.getTime() + random.below(2 * CODE_STEP_SECONDS * 1000)),
        )
        const code = outcome(result)
        if (result.ok) accepted.push(text)
        else if (!(CARD_ERROR_CODES as readonly string[]).includes(code)) unknownCodes.add(code)
        seen.set(code, (seen.get(code) ?? 0) + 1)
      } catch (error) {
        thrown.push(`${JSON.stringify(text)}: ${String(error)}`)
      }
    }

    expect(thrown).toEqual([])
    expect(accepted).toEqual([])
    expect([...unknownCodes]).toEqual([])
    expect(seen.get('CARD.CODE_MALFORMED')).toBeGreaterThan(1_000)
    expect(seen.get('CARD.CODE_FORGED')).toBeGreaterThan(1_000)
  })
})

/** A tiny seeded generator (Numerical Recipes LCG) so the random suite is the same on every run. */
function lcg(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
    return state
  }
  return {
    /** An integer in [0, n), from the high bits (the low bits of an LCG cycle quickly). */
    below: (n: number) => Math.floor((next() / 2 ** 32) * n),
  }
}
