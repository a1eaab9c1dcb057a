import { answerProblems, problemsOf } from '../support/fuzz-envelopes'
import { keysOfSchema, rngOf, seedFor, spoiledPayloads } from '../support/fuzz-payloads'
import {
  aFuzzedHost,
  EVERY_ACTION,
  FUZZ_SEED,
  FUZZ_TIMEOUT,
  PER_ACTION,
  REPLAY,
} from '../support/fuzz-scene'
import { newRequestId } from '../support/test-deps'
import { CONTRACTS } from '../support/valid-payloads'

/**
 * The other half of the fuzz: the odd payloads a schema lets through (unicode in a name, a number
 * at its edge, an optional field left out) reach the use case, and must end in a result or a domain
 * error, never in SYS.INTERNAL. An internal error here is a hole in the contract. These calls may
 * change the store, so they run on a store of their own.
 */
const COUNT = Math.ceil(PER_ACTION / 4)

describe('fuzzing every action with payloads its schema accepts', () => {
  let fuzz: Awaited<ReturnType<typeof aFuzzedHost>>
  beforeAll(async () => {
    fuzz = await aFuzzedHost()
  })
  afterAll(() => fuzz.close())

  it.each(EVERY_ACTION)(
    `%s.%s answers up to ${COUNT} distinct odd payloads its schema accepts without an internal error`,
    async (fn, action) => {
      const spec = CONTRACTS[fn]![action]!
      const rng = rngOf(seedFor(FUZZ_SEED, `${fn}.${action} accepted`))
      const valid = fuzz.payloads[fn]![action]!
      const { payloads } = spoiledPayloads(
        rng,
        valid,
        spec.input,
        keysOfSchema(spec.input),
        COUNT,
        true,
        8,
      )
      // A strict schema lets through little but `{}`: each distinct payload is sent once.
      const distinct = [...new Map(payloads.map((p) => [JSON.stringify(p), p])).values()]
      const cookie = fuzz.cookieFor(fn, action)

      // One at a time: these reach the use cases, and a run must replay the same way.
      const failures = await problemsOf(
        distinct.map((payload, i) => ({
          label: `${fn}.${action} #${i} ${(JSON.stringify(payload) ?? '').slice(0, 160)}`,
          send: fuzz.send(fn, cookie, {
            body: JSON.stringify({ action, payload, requestId: newRequestId() }),
            contentType: 'application/json',
          }),
        })),
        answerProblems,
        REPLAY,
        1,
      )

      expect(failures).toEqual([])
    },
    FUZZ_TIMEOUT,
  )

  it('logs no error and keeps answering', async () => {
    const me = await fuzz.host.call(fuzz.cookies.admin, 'member', 'me', {})

    expect(me.ok).toBe(true)
    expect(fuzz.t.errors).toEqual([])
  })
})
