import { cardFunction } from '../../cloudfunctions/card/index'
import { eventsFunction } from '../../cloudfunctions/events/index'
import { pointsFunction } from '../../cloudfunctions/points/index'
import { memberFunction } from '../../cloudfunctions/member/index'
import { adminFunction } from '../../cloudfunctions/admin/index'
import { getMyCard } from '../../cloudfunctions/_shared/use-cases/card-use-cases'
import { cardCode, timeStep } from '@/domain/card/card-code'
import { RATE_RULES } from '@/domain/shared/rate-limits'
import { aRegistration } from '../support/builders'
import { aMemberAtTheCounter } from '../support/points-flow'
import { anActiveMember, callerOf, newOpenid } from '../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../support/test-deps'

const FUNCTIONS = {
  member: memberFunction,
  card: cardFunction,
  admin: adminFunction,
  points: pointsFunction,
  events: eventsFunction,
}

/**
 * The attack: probing and flooding, one WeChat account (or one clerk's phone) at a time — trying
 * licence numbers through registration, guessing card or invite codes, burying the service desk in
 * complaints. Each limited action counts per caller in the store (docs/security.md); past the
 * limit it is refused with `SYS.RATE_LIMITED` before it writes or answers anything else, even when
 * the next guess would have been right.
 */
describe('probing and flooding, one caller at a time', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-11-23T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  const call = (fn: keyof typeof FUNCTIONS, openid: string, action: string, payload: unknown) =>
    FUNCTIONS[fn].handle({ action, payload, requestId: newRequestId() }, callerOf(openid), t.deps)

  it(`stops a stranger trying licence numbers at registration after ${RATE_RULES.registration.points} tries an hour, storing nothing`, async () => {
    const prober = newOpenid('o_prober')
    for (let i = 0; i < RATE_RULES.registration.points; i++) {
      const answer = await call(
        'member',
        prober,
        'register',
        aRegistration({ birthday: '2015-01-01' }),
      )
      expect(answer).toMatchObject({ ok: false, error: { code: 'MEMBER.UNDERAGE' } })
    }
    const before = t.snapshot()

    const refused = await call('member', prober, 'register', aRegistration())

    expect(refused).toMatchObject({ ok: false, error: { code: 'SYS.RATE_LIMITED' } })
    expect(refused.ok || refused.error.message).toBe('操作太频繁，请1 小时后再试')
    expect(t.snapshot()).toEqual(before)
  })

  it(`stops a clerk's phone guessing card codes after ${RATE_RULES.codeCheck.points} checks a minute, even when the next code is right`, async () => {
    const { member, clerk } = await aMemberAtTheCounter(t.deps)
    const card = await getMyCard(t.deps, callerOf(member.openid))
    if (!card.ok) throw new Error(card.error.code)
    const secret = new Uint8Array(Buffer.from(card.data.secret, 'base64'))
    t.clock.set('2026-11-23T02:05:00.000Z')
    for (let i = 0; i < RATE_RULES.codeCheck.points; i++) {
      const guess = await call('card', clerk.openid, 'verify', {
        code: `RCC1.${member.cardNo}.1.${timeStep(t.clock.now()).toString(36)}.AAAAAAAAAAAAAAAA`,
      })
      expect(guess.ok).toBe(false)
    }

    const rightCode = cardCode(secret, card.data, timeStep(t.clock.now()))
    const refused = await call('card', clerk.openid, 'verify', { code: rightCode })

    expect(refused).toMatchObject({ ok: false, error: { code: 'SYS.RATE_LIMITED' } })
    const stored = await t.deps.store.read.cards.byCardNo(member.cardNo as string)
    expect(stored?.lastScanAt).not.toBe('2026-11-23T02:05:00.000Z')

    t.clock.set('2026-11-23T02:06:00.000Z') // the next minute, and the member's next code
    const next = await call('card', clerk.openid, 'verify', {
      code: cardCode(secret, card.data, timeStep(t.clock.now())),
    })
    expect(next).toMatchObject({ ok: true })
  })

  it(`counts card checks, voucher uses and check-ins against one limit of ${RATE_RULES.codeCheck.points} a minute, and past it answers each only that it is limited`, async () => {
    const { member, clerk } = await aMemberAtTheCounter(t.deps)
    const card = await getMyCard(t.deps, callerOf(member.openid))
    if (!card.ok) throw new Error(card.error.code)
    const secret = new Uint8Array(Buffer.from(card.data.secret, 'base64'))
    t.clock.set('2026-11-23T02:05:00.000Z')
    const rightCode = cardCode(secret, card.data, timeStep(t.clock.now()))
    for (let i = 0; i < RATE_RULES.codeCheck.points; i++) {
      const guess = await call('points', clerk.openid, 'useVoucher', {
        code: `V${String(i).padStart(9, '0')}`,
        cardNo: member.cardNo,
      })
      expect(guess.ok).toBe(false)
    }
    const before = t.snapshot()

    const answers = [
      await call('card', clerk.openid, 'verify', { code: rightCode }),
      await call('points', clerk.openid, 'useVoucher', {
        code: 'V999999999',
        cardNo: member.cardNo,
      }),
      await call('events', clerk.openid, 'checkIn', { eventId: 'no-such-event', code: rightCode }),
    ]

    for (const answer of answers) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'SYS.RATE_LIMITED' } })
    }
    expect(t.snapshot()).toEqual(before)
  })

  it(`stops a member guessing staff invite codes after ${RATE_RULES.inviteCode.points} tries`, async () => {
    const admin = await addStaff(t.deps, 'admin')
    const invite = await call('admin', admin.openid, 'inviteStaff', {
      role: 'clerk',
      name: '新店员',
    })
    if (!invite.ok) throw new Error(invite.error.code)
    const { code } = invite.data as { code: string }
    const guesser = newOpenid('o_guesser')
    for (let i = 0; i < RATE_RULES.inviteCode.points; i++) {
      const wrong = `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`
      expect((await call('member', guesser, 'acceptStaffInvite', { code: wrong })).ok).toBe(false)
    }

    const refused = await call('member', guesser, 'acceptStaffInvite', { code })

    expect(refused).toMatchObject({ ok: false, error: { code: 'SYS.RATE_LIMITED' } })
    expect(await t.deps.store.read.staff.byOpenid(guesser)).toBeNull()
  })

  it(`stops a member filing more than ${RATE_RULES.filing.points} complaints a day; the next day is open again`, async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const member = await anActiveMember(t.deps, reviewer)
    const complaint = { category: 'service', text: '店员服务态度需要改进一下' }
    for (let i = 0; i < RATE_RULES.filing.points; i++) {
      expect(await call('member', member.openid, 'fileComplaint', complaint)).toMatchObject({
        ok: true,
      })
    }
    const before = t.snapshot()

    const refused = await call('member', member.openid, 'fileComplaint', complaint)

    expect(refused).toMatchObject({ ok: false, error: { code: 'SYS.RATE_LIMITED' } })
    expect(t.snapshot()).toEqual(before)
    t.clock.set('2026-11-24T02:00:00.000Z')
    expect(await call('member', member.openid, 'fileComplaint', complaint)).toMatchObject({
      ok: true,
    })
  })
})
