import { cloudbaseStore } from '../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-store'
import { withinRateLimit } from '../../../cloudfunctions/_shared/rate-limits'
import { RATE_RULES } from '@/domain/shared/rate-limits'
import { aDoubleBackedStore } from '../../support/cloudbase/double-store'
import { callerOf } from '../../support/registration-flow'
import { createFieldCipher, parseMasterKey } from '../../../cloudfunctions/_shared/field-cipher'
import { fixedClock, TEST_DATA_KEY, testDeps } from '../../support/test-deps'

const REGISTRATION = RATE_RULES.registration

describe('rate limits per caller (docs/security.md)', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-11-23T02:10:00.000Z')))
  afterEach(() => t.cleanup())

  const attempt = (openid: string) => withinRateLimit(t.deps, 'registration', callerOf(openid))

  it(`allows ${REGISTRATION.points} registrations an hour per caller and refuses the next, saying how long to wait`, async () => {
    const results = []
    for (let i = 0; i <= REGISTRATION.points; i++) results.push(await attempt('o_prober'))

    expect(results.slice(0, REGISTRATION.points).every((r) => r.ok)).toBe(true)
    expect(results[REGISTRATION.points]).toEqual({
      ok: false,
      error: { code: 'SYS.RATE_LIMITED', message: '操作太频繁，请50 分钟后再试' },
    })
  })

  it('counts each caller and each rule apart', async () => {
    for (let i = 0; i < REGISTRATION.points; i++) await attempt('o_prober')

    expect((await attempt('o_someone_else')).ok).toBe(true)
    expect((await withinRateLimit(t.deps, 'filing', callerOf('o_prober'))).ok).toBe(true)
    expect((await attempt('o_prober')).ok).toBe(false)
  })

  it('starts again from zero in the next window', async () => {
    for (let i = 0; i <= REGISTRATION.points; i++) await attempt('o_prober')
    t.clock.set('2026-11-23T03:00:00.000Z')

    expect((await attempt('o_prober')).ok).toBe(true)
  })

  it('never limits the scheduler', async () => {
    const timer = { openid: '', unionid: null, system: true }
    for (let i = 0; i <= REGISTRATION.points; i++) {
      expect((await withinRateLimit(t.deps, 'registration', timer)).ok).toBe(true)
    }
  })

  it('lets exactly the limit through when a caller fires many calls at once', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => attempt('o_burst')))

    expect(results.filter((r) => r.ok)).toHaveLength(REGISTRATION.points)
    expect(results.filter((r) => !r.ok && r.error.code === 'SYS.RATE_LIMITED')).toHaveLength(
      12 - REGISTRATION.points,
    )
  })
})

describe('rate limits on CloudBase: one count for every function instance', () => {
  it('refuses the caller on a second instance once the first used the limit up', async () => {
    const { db, cleanup } = aDoubleBackedStore()
    const clock = fixedClock('2026-11-23T02:10:00.000Z')
    const cipher = createFieldCipher(parseMasterKey(TEST_DATA_KEY))
    const instanceA = { store: cloudbaseStore(db), clock, cipher }
    const instanceB = { store: cloudbaseStore(db), clock, cipher }
    try {
      for (let i = 0; i < REGISTRATION.points; i++) {
        const instance = i % 2 ? instanceB : instanceA
        expect((await withinRateLimit(instance, 'registration', callerOf('o_prober'))).ok).toBe(
          true,
        )
      }
      const onB = await withinRateLimit(instanceB, 'registration', callerOf('o_prober'))
      const onA = await withinRateLimit(instanceA, 'registration', callerOf('o_prober'))

      expect(onB).toMatchObject({ ok: false, error: { code: 'SYS.RATE_LIMITED' } })
      expect(onA).toMatchObject({ ok: false, error: { code: 'SYS.RATE_LIMITED' } })
    } finally {
      await cleanup()
    }
  })
})

describe('rate limits on CloudBase: one wire request per call within the limit', () => {
  const caller = callerOf('o_clerk')
  const cipher = createFieldCipher(parseMasterKey(TEST_DATA_KEY))
  const clock = fixedClock('2026-11-23T02:10:00.000Z')
  let call = 0
  const check = (instance: Parameters<typeof withinRateLimit>[0]) =>
    withinRateLimit(instance, 'registration', caller, `req-fast-${String(++call).padStart(6, '0')}`)

  it('counts a call with one conditional update once the caller has a count this window', async () => {
    const { db, double, cleanup } = aDoubleBackedStore()
    const instance = { store: cloudbaseStore(db), clock, cipher }
    try {
      await check(instance)
      const before = double.requests.length

      expect((await check(instance)).ok).toBe(true)

      expect(double.requests.slice(before).map((r) => r.action)).toEqual([
        'database.modifyDocument',
      ])
    } finally {
      await cleanup()
    }
  })

  it('lets exactly the limit through when many calls race on the conditional update', async () => {
    const { db, cleanup } = aDoubleBackedStore({ latencyMs: 5 })
    const instance = { store: cloudbaseStore(db), clock, cipher }
    try {
      await check(instance)

      const results = await Promise.all(Array.from({ length: 20 }, () => check(instance)))

      expect(results.filter((r) => r.ok)).toHaveLength(REGISTRATION.points - 1)
    } finally {
      await cleanup()
    }
  })
})

describe('rate limits and retries', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-11-23T02:10:00.000Z')))
  afterEach(() => t.cleanup())

  it('counts an allowed request once, however often the client retries it', async () => {
    const caller = callerOf('o_retrying')
    for (let i = 0; i < 20; i++) {
      expect((await withinRateLimit(t.deps, 'registration', caller, 'req-same-000001')).ok).toBe(
        true,
      )
    }
    for (let i = 1; i < REGISTRATION.points; i++) {
      expect(
        (await withinRateLimit(t.deps, 'registration', caller, `req-other-00000${i}`)).ok,
      ).toBe(true)
    }

    const refused = () => withinRateLimit(t.deps, 'registration', caller, 'req-last-000001')
    expect((await refused()).ok).toBe(false)
    expect((await withinRateLimit(t.deps, 'registration', caller, 'req-same-000001')).ok).toBe(true)
    expect((await refused()).ok).toBe(false) // a refused request stays refused when retried
  })
})
