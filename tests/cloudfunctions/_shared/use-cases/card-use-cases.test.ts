import {
  getMyCard,
  rekeyCard,
  verifyCardCodeUseCase,
} from '../../../../cloudfunctions/_shared/use-cases/card-use-cases'
import { cardCode, digitCode, formatDigitCode, timeStep } from '@/domain/card/card-code'
import { aMemberAtTheCounter, purchaseOf } from '../../../support/points-flow'
import { callerOf } from '../../../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

describe('the dynamic member card', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-11-23T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  /**
   * What the member's phone shows, derived from the card it fetched. The clock first moves on to
   * the next 30 s step: the counter set-up has already used the current step's code.
   */
  async function phoneCode(memberCaller: ReturnType<typeof callerOf>) {
    t.clock.set(new Date(t.deps.clock.now().getTime() + 30_000).toISOString())
    const now = t.deps.clock.now()
    const card = await getMyCard(t.deps, memberCaller)
    if (!card.ok) throw new Error(card.error.code)
    const secret = new Uint8Array(Buffer.from(card.data.secret, 'base64'))
    return cardCode(secret, card.data, timeStep(now))
  }

  it('gives the member their card with a secret the phone keeps to make codes offline', async () => {
    const { member, memberCaller } = await aMemberAtTheCounter(t.deps)

    const card = await getMyCard(t.deps, memberCaller)

    expect(card).toMatchObject({
      ok: true,
      data: { cardNo: member.cardNo, version: 1, usable: true, star: 1 },
    })
    expect(Buffer.from(card.ok ? card.data.secret : '', 'base64')).toHaveLength(32)
  })

  it('tells the phone the server’s time, so it can make its codes by the server’s clock', async () => {
    const { memberCaller } = await aMemberAtTheCounter(t.deps)
    t.clock.set('2026-12-20T02:00:00.000Z')

    const card = await getMyCard(t.deps, memberCaller)

    expect(card).toMatchObject({ ok: true, data: { serverTime: '2026-12-20T02:00:00.000Z' } })
  })

  it('lets the clerk verify a fresh code and see the member summary, mobile masked', async () => {
    const { member, memberCaller, clerkCaller } = await aMemberAtTheCounter(t.deps)
    const code = await phoneCode(memberCaller)

    const result = await verifyCardCodeUseCase(t.deps, clerkCaller, { code }, newRequestId())

    expect(result).toMatchObject({
      ok: true,
      data: {
        memberId: member.id,
        cardNo: member.cardNo,
        mobileMasked: expect.stringMatching(/^\d{3}\*{4}\d{4}$/),
      },
    })
  })

  it('accepts the 22-digit code typed from under the QR, once, as safely as the QR', async () => {
    const { member, memberCaller, clerkCaller } = await aMemberAtTheCounter(t.deps)
    const qr = await phoneCode(memberCaller)
    const card = await getMyCard(t.deps, memberCaller)
    if (!card.ok) throw new Error(card.error.code)
    const secret = new Uint8Array(Buffer.from(card.data.secret, 'base64'))
    const typed = formatDigitCode(digitCode(secret, card.data, timeStep(t.deps.clock.now())))

    const first = await verifyCardCodeUseCase(t.deps, clerkCaller, { code: typed }, newRequestId())
    const again = await verifyCardCodeUseCase(t.deps, clerkCaller, { code: typed }, newRequestId())
    const qrOfTheSameStep = await verifyCardCodeUseCase(
      t.deps,
      clerkCaller,
      { code: qr },
      newRequestId(),
    )

    expect(first).toMatchObject({ ok: true, data: { memberId: member.id } })
    expect(again).toMatchObject({ ok: false, error: { code: 'CARD.CODE_REPLAYED' } })
    expect(qrOfTheSameStep).toMatchObject({ ok: false, error: { code: 'CARD.CODE_REPLAYED' } })
  })

  it('answers a typed bare card number with what to ask the member for, and shows nothing', async () => {
    const { member, clerkCaller } = await aMemberAtTheCounter(t.deps)

    const result = await verifyCardCodeUseCase(
      t.deps,
      clerkCaller,
      { code: formatDigitCode(member.cardNo!) },
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: false, error: { code: 'CARD.NUMBER_ONLY' } })
    expect(JSON.stringify(result)).not.toContain(member.realName)
  })

  it('accepts a code once: the same code shown again is refused as used', async () => {
    const { memberCaller, clerkCaller } = await aMemberAtTheCounter(t.deps)
    const code = await phoneCode(memberCaller)
    await verifyCardCodeUseCase(t.deps, clerkCaller, { code }, newRequestId())

    const again = await verifyCardCodeUseCase(t.deps, clerkCaller, { code }, newRequestId())

    expect(again).toMatchObject({ ok: false, error: { code: 'CARD.CODE_REPLAYED' } })
  })

  it('answers the retry of a verify that went through as before, and records nothing more', async () => {
    const { member, memberCaller, clerkCaller } = await aMemberAtTheCounter(t.deps)
    const code = await phoneCode(memberCaller)
    const requestId = newRequestId()
    const first = await verifyCardCodeUseCase(t.deps, clerkCaller, { code }, requestId)
    const audit = await t.deps.store.read.audit.forTarget('member', member.id)

    const retry = await verifyCardCodeUseCase(t.deps, clerkCaller, { code }, requestId)

    expect(first.ok).toBe(true)
    expect(retry).toEqual(first)
    expect(await t.deps.store.read.audit.forTarget('member', member.id)).toEqual(audit)
  })

  it('does not take another clerk’s request id as a retry of theirs', async () => {
    const { memberCaller, clerkCaller } = await aMemberAtTheCounter(t.deps)
    const other = await addStaff(t.deps, 'clerk')
    const code = await phoneCode(memberCaller)
    const requestId = newRequestId()
    await verifyCardCodeUseCase(t.deps, clerkCaller, { code }, requestId)

    const theirs = await verifyCardCodeUseCase(t.deps, callerOf(other.openid), { code }, requestId)

    expect(theirs).toMatchObject({ ok: false, error: { code: 'CARD.CODE_REPLAYED' } })
  })

  it('lets exactly one of two simultaneous scans of the same code pass', async () => {
    const { memberCaller, clerkCaller } = await aMemberAtTheCounter(t.deps)
    const code = await phoneCode(memberCaller)

    const results = await Promise.all([
      verifyCardCodeUseCase(t.deps, clerkCaller, { code }, newRequestId()),
      verifyCardCodeUseCase(t.deps, clerkCaller, { code }, newRequestId()),
    ])

    expect(results.filter((r) => r.ok)).toHaveLength(1)
  })

  it('refuses a screenshot older than 60 seconds as expired', async () => {
    const { memberCaller, clerkCaller } = await aMemberAtTheCounter(t.deps)
    const code = await phoneCode(memberCaller)
    t.clock.set(new Date(t.deps.clock.now().getTime() + 61_000).toISOString())

    const result = await verifyCardCodeUseCase(t.deps, clerkCaller, { code }, newRequestId())

    expect(result).toMatchObject({ ok: false, error: { code: 'CARD.CODE_EXPIRED' } })
  })

  it('stops every code of the old card at once after 挂失补卡; points stay with the member', async () => {
    const { member, memberCaller, clerkCaller, clerk } = await aMemberAtTheCounter(t.deps)
    await purchaseOf(t.deps, clerk.openid, member.cardNo!, 88)
    const oldCode = await phoneCode(memberCaller)

    const rekeyed = await rekeyCard(t.deps, memberCaller, {}, newRequestId())
    const refused = await verifyCardCodeUseCase(
      t.deps,
      clerkCaller,
      { code: oldCode },
      newRequestId(),
    )
    const newCode = await phoneCode(memberCaller)
    const accepted = await verifyCardCodeUseCase(
      t.deps,
      clerkCaller,
      { code: newCode },
      newRequestId(),
    )

    expect(rekeyed).toMatchObject({ ok: true, data: { cardNo: member.cardNo, version: 2 } })
    expect(refused).toMatchObject({ ok: false, error: { code: 'CARD.CODE_OLD_VERSION' } })
    expect(accepted).toMatchObject({ ok: true, data: { cardNo: member.cardNo, balance: 88 } })
    expect(await t.deps.store.read.audit.forTarget('member', member.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'card.rekey', actorId: member.id }),
      ]),
    )
  })

  it('lets a reviewer re-key on a member’s behalf, but not another member', async () => {
    const { member, memberCaller } = await aMemberAtTheCounter(t.deps)
    const other = await aMemberAtTheCounter(t.deps)
    const reviewer = await addStaff(t.deps, 'reviewer')

    const byReviewer = await rekeyCard(
      t.deps,
      callerOf(reviewer.openid),
      { memberId: member.id },
      newRequestId(),
    )
    const byOtherMember = await rekeyCard(
      t.deps,
      other.memberCaller,
      { memberId: member.id },
      newRequestId(),
    )

    expect(byReviewer).toMatchObject({ ok: true, data: { version: 2 } })
    expect(byOtherMember).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await getMyCard(t.deps, memberCaller)).toMatchObject({ ok: true, data: { version: 2 } })
  })

  it('refuses a code forged for someone else’s card number', async () => {
    const mine = await aMemberAtTheCounter(t.deps)
    const theirs = await aMemberAtTheCounter(t.deps)
    const code = (await phoneCode(mine.memberCaller)).replace(
      mine.member.cardNo!,
      theirs.member.cardNo!,
    )

    const result = await verifyCardCodeUseCase(t.deps, mine.clerkCaller, { code }, newRequestId())

    expect(result).toMatchObject({ ok: false, error: { code: 'CARD.CODE_FORGED' } })
  })

  it('lets only clerks (and admins) verify codes', async () => {
    const { memberCaller } = await aMemberAtTheCounter(t.deps)
    const code = await phoneCode(memberCaller)

    const result = await verifyCardCodeUseCase(t.deps, memberCaller, { code }, newRequestId())

    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })

  it('marks a suspended member’s card unusable and refuses its codes with a clear reason', async () => {
    const { member, memberCaller, clerkCaller } = await aMemberAtTheCounter(t.deps)
    const code = await phoneCode(memberCaller)
    // Suspension itself is issued by discipline (SPEC §8); here the member is simply put in it.
    await t.deps.store.transaction((tx) =>
      tx.members.update({ ...member, status: 'suspended', version: member.version + 1 }),
    )

    const card = await getMyCard(t.deps, memberCaller)
    const result = await verifyCardCodeUseCase(t.deps, clerkCaller, { code }, newRequestId())

    expect(card).toMatchObject({ ok: true, data: { usable: false, status: 'suspended' } })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CARD.UNUSABLE', message: expect.stringMatching(/不可用/) },
    })
  })
})
