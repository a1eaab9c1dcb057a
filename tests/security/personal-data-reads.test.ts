import { adminFunction } from '../../cloudfunctions/admin/index'
import { eventsFunction } from '../../cloudfunctions/events/index'
import { pointsFunction } from '../../cloudfunctions/points/index'
import { memberFunction } from '../../cloudfunctions/member/index'
import type { AuditRecord } from '../../cloudfunctions/_shared/ports'
import { aPublishedEvent } from '../support/event-flow'
import { aMemberAtTheCounter } from '../support/points-flow'
import { anActiveMember, callerOf, newOpenid, registered } from '../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../support/test-deps'

const FUNCTIONS = {
  admin: adminFunction,
  events: eventsFunction,
  points: pointsFunction,
  member: memberFunction,
}

/**
 * The attack: an insider (or whoever holds a staff phone) browses retailers' personal data —
 * the review queue, a cardholder at the counter, a member's ledger, an event's roster — and
 * leaves no trace, because only changes were audited. Every staff read of personal data now
 * writes an audit row: who read, which members were shown, the query, and why (the purpose the
 * action declares).
 */
describe('staff reading personal data', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-11-23T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  const call = (fn: keyof typeof FUNCTIONS, openid: string, action: string, payload: unknown) =>
    FUNCTIONS[fn].handle({ action, payload, requestId: newRequestId() }, callerOf(openid), t.deps)

  const readsBy = async (actorId: string): Promise<AuditRecord[]> =>
    (await t.deps.store.read.audit.search({ actorId, action: 'personal-data.read' }, 0, 50)).items

  it('leaves who, whom and why in the audit log when a reviewer reads the review queue', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const applicant = await registered(t.deps, newOpenid())

    const queue = await call('admin', reviewer.openid, 'registrations', { status: 'pending' })

    expect(queue.ok).toBe(true)
    expect(await readsBy(reviewer.id)).toEqual([
      expect.objectContaining({
        actorRole: 'reviewer',
        targetType: 'admin.registrations',
        targetId: applicant,
        before: { query: { status: 'pending', offset: 0, limit: 20 } },
        after: { memberIds: [applicant], members: 1 },
        reason: '审核注册申请',
        at: '2026-11-23T02:00:00.000Z',
      }),
    ])
  })

  it('leaves a row when a clerk reads the cardholder at the counter, and when an admin reads the ledger', async () => {
    const { member, clerk } = await aMemberAtTheCounter(t.deps)
    const admin = await addStaff(t.deps, 'admin')

    const cardholder = await call('points', clerk.openid, 'lookupCard', { cardNo: member.cardNo })
    const ledger = await call('points', admin.openid, 'memberLedger', { cardNo: member.cardNo })

    expect(cardholder.ok).toBe(true)
    expect(ledger.ok).toBe(true)
    expect(await readsBy(clerk.id)).toEqual([
      expect.objectContaining({
        targetType: 'points.lookupCard',
        targetId: member.id,
        reason: '柜台为会员办理业务',
      }),
    ])
    expect(await readsBy(admin.id)).toEqual([
      expect.objectContaining({
        targetType: 'points.memberLedger',
        targetId: member.id,
        reason: '查看会员积分明细',
      }),
    ])
  })

  it('leaves a row naming every member on the roster page an organiser reads', async () => {
    const admin = await addStaff(t.deps, 'admin')
    const reviewer = await addStaff(t.deps, 'reviewer')
    const event = await aPublishedEvent(t.deps, {}, admin)
    const members = [await anActiveMember(t.deps, reviewer), await anActiveMember(t.deps, reviewer)]
    for (const m of members)
      expect(await call('events', m.openid, 'signUp', { eventId: event.id })).toMatchObject({
        ok: true,
      })

    const roster = await call('events', admin.openid, 'roster', { eventId: event.id })

    expect(roster.ok).toBe(true)
    const [row] = await readsBy(admin.id)
    expect(row).toMatchObject({
      targetType: 'events.roster',
      targetId: 'list',
      reason: '查看活动报名名单',
    })
    expect((row!.after as { memberIds: string[] }).memberIds.sort()).toEqual(
      members.map((m) => m.memberId).sort(),
    )
  })

  it('audits nothing when a member reads their own data, and nothing for a refused read', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const member = await anActiveMember(t.deps, reviewer)
    const clerk = await addStaff(t.deps, 'clerk')

    await call('member', member.openid, 'myData', {})
    const refused = await call('admin', clerk.openid, 'registrations', { status: 'pending' })

    expect(refused).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(
      (await t.deps.store.read.audit.search({ action: 'personal-data.read' }, 0, 10)).total,
    ).toBe(0)
  })
})
