import type { Caller } from '../../../../cloudfunctions/_shared/caller'
import { endSuspensions } from '../../../../cloudfunctions/_shared/use-cases/end-suspensions'
import { getMe } from '../../../../cloudfunctions/_shared/use-cases/get-me'
import { appealed, decided, sanctioned } from '../../../support/discipline-flow'
import { aMemberAtTheCounter, purchaseOf } from '../../../support/points-flow'
import { anActiveMember, callerOf } from '../../../support/registration-flow'
import { inClubState, TIMER } from '../../../support/star-flow'
import { addStaff, testDeps } from '../../../support/test-deps'

/** Suspended through 2026-11-30 (Shanghai); free from 2026-12-01 00:00 Shanghai = 11-30 16:00Z. */
const LAST_DAY = '2026-11-30'
const LAST_MOMENT = '2026-11-30T15:59:59.999Z'
const FIRST_MOMENT_AFTER = '2026-11-30T16:00:00.000Z'

describe('endSuspensions', () => {
  let t: ReturnType<typeof testDeps>
  let admin: Caller
  beforeEach(async () => {
    t = testDeps('2026-11-23T02:00:00.000Z')
    admin = callerOf((await addStaff(t.deps, 'admin')).openid)
  })
  afterEach(() => t.cleanup())

  async function aSuspendedClubMember(endsOn = LAST_DAY) {
    const people = await aMemberAtTheCounter(t.deps)
    await inClubState(t.deps, people.member.id, 'grace', 2026)
    const sanction = await sanctioned(t.deps, admin, {
      memberId: people.member.id,
      kind: 'suspension',
      reason: '转卖兑换券，情节较轻',
      endsOn,
    })
    return { ...people, sanction }
  }
  const statusOf = async (memberId: string) =>
    (await t.deps.store.read.members.byId(memberId))?.status

  it('keeps the member suspended through the whole of the last day (Shanghai), not a day early', async () => {
    const { member } = await aSuspendedClubMember()
    t.clock.set(LAST_MOMENT)
    const before = t.snapshot()

    const result = await endSuspensions(t.deps, TIMER)

    expect(result).toEqual({
      ok: true,
      data: { day: LAST_DAY, ended: 0, reactivated: 0, more: false },
    })
    expect(await statusOf(member.id)).toBe('suspended')
    expect(t.snapshot()).toEqual(before)
  })

  it('ends the suspension from 00:00 Shanghai of the next day: member and club as before, earning again', async () => {
    const { member, clerk, sanction } = await aSuspendedClubMember()
    t.clock.set(FIRST_MOMENT_AFTER)

    const result = await endSuspensions(t.deps, TIMER)

    expect(result).toEqual({
      ok: true,
      data: { day: '2026-12-01', ended: 1, reactivated: 1, more: false },
    })
    expect(await t.deps.store.read.sanctions.byId(sanction.id)).toMatchObject({ state: 'ended' })
    expect(await statusOf(member.id)).toBe('active')
    expect(await t.deps.store.read.clubs.byMember(member.id)).toMatchObject({
      state: 'grace',
      graceYear: 2026,
      resumeState: null,
    })
    await purchaseOf(t.deps, clerk.openid, member.cardNo!, 100)
    expect((await t.deps.store.read.points.account(member.id))?.balance).toBe(100)
  })

  it('shows the member as suspended, until the last day, until the job has run', async () => {
    const { memberCaller } = await aSuspendedClubMember()
    t.clock.set(FIRST_MOMENT_AFTER)

    const before = await getMe(t.deps, memberCaller)
    await endSuspensions(t.deps, TIMER)
    const after = await getMe(t.deps, memberCaller)

    expect(before).toMatchObject({
      ok: true,
      data: { member: { status: 'suspended', suspendedUntil: LAST_DAY, sanctionCount: 1 } },
    })
    expect(after).toMatchObject({
      ok: true,
      data: { member: { status: 'active', suspendedUntil: null, sanctionCount: 1 } },
    })
  })

  it('ends nothing twice: a second run finds nothing due and changes nothing', async () => {
    await aSuspendedClubMember()
    t.clock.set(FIRST_MOMENT_AFTER)
    await endSuspensions(t.deps, TIMER)
    const before = t.snapshot()

    const again = await endSuspensions(t.deps, TIMER)

    expect(again).toMatchObject({ ok: true, data: { ended: 0, reactivated: 0 } })
    expect(t.snapshot()).toEqual(before)
  })

  it('ends every due suspension, 50 to a transaction, and leaves later ones running', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const due = []
    for (let i = 0; i < 53; i++) {
      const { memberId } = await anActiveMember(t.deps, reviewer)
      const endsOn = i % 2 ? LAST_DAY : '2026-11-25'
      await sanctioned(t.deps, admin, {
        memberId,
        kind: 'suspension',
        reason: '违规转卖兑换券',
        endsOn,
      })
      due.push(memberId)
    }
    const { member: later } = await aSuspendedClubMember('2026-12-01')
    t.clock.set(FIRST_MOMENT_AFTER)

    const result = await endSuspensions(t.deps, TIMER)

    expect(result).toMatchObject({ ok: true, data: { ended: 53, reactivated: 53, more: false } })
    for (const memberId of due) expect(await statusOf(memberId)).toBe('active')
    expect(await statusOf(later.id)).toBe('suspended')
  })

  it('ends the suspension of a member cancelled meanwhile, who stays cancelled', async () => {
    const { member } = await aSuspendedClubMember()
    await sanctioned(t.deps, admin, {
      memberId: member.id,
      kind: 'cancellation',
      reason: '暂停期间再次转卖兑换券',
    })
    t.clock.set(FIRST_MOMENT_AFTER)

    const result = await endSuspensions(t.deps, TIMER)

    expect(result).toMatchObject({ ok: true, data: { ended: 1, reactivated: 0 } })
    expect(await statusOf(member.id)).toBe('cancelled')
  })

  it('leaves an overturned suspension alone', async () => {
    const { member, memberCaller, sanction } = await aSuspendedClubMember()
    await appealed(t.deps, memberCaller, sanction.id)
    await decided(t.deps, admin, sanction.id, 'overturned')
    t.clock.set(FIRST_MOMENT_AFTER)

    const result = await endSuspensions(t.deps, TIMER)

    expect(result).toMatchObject({ ok: true, data: { ended: 0 } })
    expect(await t.deps.store.read.sanctions.byId(sanction.id)).toMatchObject({
      state: 'overturned',
    })
    expect(await statusOf(member.id)).toBe('active')
  })

  it('runs for the scheduler or an admin; anyone else is refused', async () => {
    const { memberCaller, clerkCaller } = await aSuspendedClubMember()
    const reviewer = callerOf((await addStaff(t.deps, 'reviewer')).openid)
    t.clock.set(FIRST_MOMENT_AFTER)
    const before = t.snapshot()

    const refused = [
      await endSuspensions(t.deps, memberCaller),
      await endSuspensions(t.deps, clerkCaller),
      await endSuspensions(t.deps, reviewer),
    ]
    const afterRefusals = t.snapshot()
    const byAdmin = await endSuspensions(t.deps, admin)

    for (const result of refused) {
      expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    }
    expect(afterRefusals).toEqual(before)
    expect(byAdmin).toMatchObject({ ok: true, data: { ended: 1 } })
  })
})
