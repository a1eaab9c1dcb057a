import { callRequest } from '@/contracts/define'
import {
  problemsOf,
  refusalProblems,
  spoiledEnvelopes,
  type RawRequest,
} from '../support/fuzz-envelopes'
import {
  hostileValue,
  keysOfSchema,
  overTheWire,
  rngOf,
  seedFor,
  spoiledPayloads,
} from '../support/fuzz-payloads'
import {
  aFuzzedHost,
  EVERY_ACTION,
  FUZZ_SEED,
  FUZZ_TIMEOUT,
  PER_ACTION,
  REPLAY,
} from '../support/fuzz-scene'
import { newRequestId, type StoreSnapshot } from '../support/test-deps'
import { CONTRACTS, WHO_MAY } from '../support/valid-payloads'

/**
 * Issue 8: every action of every function, fed generated payloads its schema refuses, through the
 * local host over HTTP as a caller allowed to call it, answers each with a structured Chinese error
 * envelope, never crashes the host and changes nothing in the store. So does every function fed a
 * spoiled call envelope. `FUZZ_SEED` replays a run; `npm run test:fuzz` sends 1,000 per action.
 */
const preview = (value: unknown) => (JSON.stringify(value) ?? 'undefined').slice(0, 160)

describe('fuzzing every action of every function through the local host', () => {
  let fuzz: Awaited<ReturnType<typeof aFuzzedHost>>
  let before: StoreSnapshot
  beforeAll(async () => {
    fuzz = await aFuzzedHost()
    before = fuzz.t.snapshot()
  })
  afterAll(() => fuzz.close())

  it('has a valid payload and its callers for every action of every contract', () => {
    for (const [fn, contract] of Object.entries(CONTRACTS)) {
      const names = Object.keys(contract).sort()
      expect(Object.keys(fuzz.payloads[fn] ?? {}).sort()).toEqual(names)
      expect(Object.keys(WHO_MAY[fn] ?? {}).sort()).toEqual(names)
      const refused = Object.entries(contract)
        .filter(([action, spec]) => !spec.input.safeParse(fuzz.payloads[fn]![action]).success)
        .map(([action]) => action)
      expect(refused).toEqual([])
    }
  })

  it.each(EVERY_ACTION)(
    `%s.%s answers each of ${PER_ACTION} payloads its schema refuses with INPUT.INVALID`,
    async (fn, action) => {
      const spec = CONTRACTS[fn]![action]!
      const rng = rngOf(seedFor(FUZZ_SEED, `${fn}.${action}`))
      const valid = fuzz.payloads[fn]![action]!
      const refused = spoiledPayloads(rng, valid, spec.input, keysOfSchema(spec.input), PER_ACTION)
      const cookie = fuzz.cookieFor(fn, action)

      const failures = await problemsOf(
        refused.payloads.map((payload, i) => ({
          label: `${fn}.${action} #${i} ${preview(payload)}`,
          send: fuzz.send(fn, cookie, {
            body: JSON.stringify({ action, payload, requestId: newRequestId() }),
            contentType: 'application/json',
          }),
        })),
        (response) => refusalProblems(response, ['INPUT.INVALID']),
        REPLAY,
      )

      expect(failures).toEqual([])
      expect(refused.count).toBe(PER_ACTION)
    },
    FUZZ_TIMEOUT,
  )

  it.each(Object.keys(CONTRACTS))(
    '%s answers every spoiled call envelope with an error envelope',
    async (fn) => {
      const specs = Object.entries(CONTRACTS[fn]!)
      const read = specs.find(([, spec]) => !spec.mutating)?.[0] ?? specs[0]![0]
      const write = specs.find(([, spec]) => spec.mutating)?.[0] ?? read
      const rng = rngOf(seedFor(FUZZ_SEED, `${fn} envelope`))
      const generated: [string, RawRequest][] = []
      for (let i = 0; generated.length < Math.ceil(PER_ACTION / 4) && i < PER_ACTION * 20; i++) {
        const envelope = rng.chance(0.5)
          ? { action: hostileValue(rng), payload: {}, requestId: newRequestId() }
          : { action: write, payload: fuzz.payloads[fn]![write], requestId: hostileValue(rng) }
        const seen = overTheWire(envelope) as { action: unknown }
        const reachesAnAction =
          callRequest.safeParse(seen).success &&
          Object.hasOwn(CONTRACTS[fn]!, seen.action as string)
        if (!reachesAnAction) {
          generated.push([
            `generated ${preview(envelope)}`,
            { body: JSON.stringify(envelope), contentType: 'application/json' },
          ])
        }
      }
      const cookie = fuzz.cookieFor(fn, read)

      const failures = await problemsOf(
        [...spoiledEnvelopes(read, write), ...generated].map(([label, request]) => ({
          label: `${fn} envelope: ${label}`,
          send: fuzz.send(fn, cookie, request),
        })),
        (response) => refusalProblems(response, ['INPUT.INVALID', 'SYS.UNKNOWN_ACTION']),
        REPLAY,
      )

      expect(failures).toEqual([])
    },
    FUZZ_TIMEOUT,
  )

  it('answers a function that does not exist with SYS.UNKNOWN_FUNCTION', async () => {
    const names = ['nope', '__proto__', 'constructor', 'toString', 'member%00', 'MEMBER', '会员']
    const body = JSON.stringify({ action: 'me', payload: {} })

    const failures = await problemsOf(
      names.map((name) => ({
        label: `function ${name}`,
        send: fuzz.send(name, fuzz.cookies.member, { body, contentType: 'application/json' }),
      })),
      (response) => refusalProblems(response, ['SYS.UNKNOWN_FUNCTION']),
      REPLAY,
    )

    expect(failures).toEqual([])
  })

  it('leaves the store as it was, logs no error and keeps answering', async () => {
    const after = fuzz.t.snapshot()
    const session = await fetch(`${fuzz.host.base}/dev/session`, {
      headers: { cookie: fuzz.cookies.member },
    })
    const me = await fuzz.host.call(fuzz.cookies.member, 'member', 'me', {})

    expect(session.status).toBe(200)
    expect(me.ok).toBe(true)
    expect(after).toEqual(before)
    expect(fuzz.t.errors).toEqual([])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })
})
