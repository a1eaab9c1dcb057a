import type { AuditRecord } from '../../../../cloudfunctions/_shared/ports'
import {
  auditLog,
  type AuditLogInput,
} from '../../../../cloudfunctions/_shared/use-cases/audit-log'
import { aReportingYear } from '../../../support/report-flow'
import { callerOf } from '../../../support/registration-flow'
import { addStaff, testDeps } from '../../../support/test-deps'

describe('auditLog', () => {
  let t: ReturnType<typeof testDeps>
  let scene: Awaited<ReturnType<typeof aReportingYear>>
  beforeAll(async () => {
    t = testDeps()
    scene = await aReportingYear(t.deps, t.clock)
    // Records about what is a member's: their complaint, and a ledger entry an admin reversed.
    const [complaint] = await t.deps.store.read.complaints.forMember(scene.a.memberId)
    const about = (targetType: string, targetId: string, at: string): AuditRecord => ({
      id: `audit-${targetType}-${targetId}`,
      actorId: scene.admin.id,
      actorRole: 'admin',
      action: targetType === 'complaint' ? 'complaint.answer' : 'points.reverse',
      targetType,
      targetId,
      before: null,
      after: { note: 'x' },
      reason: null,
      requestId: null,
      at,
    })
    await t.deps.store.transaction(async (tx) => {
      await tx.points.append({
        id: 'reversal-of-wrong-entry',
        memberId: scene.a.memberId,
        type: 'reverse',
        label: 'purchase',
        points: -10,
        reference: 'wrong-entry',
        actorId: scene.admin.id,
        requestId: null,
        at: '2026-11-21T02:00:00.000Z',
        takes: [],
        lotId: null,
        note: '录入错误',
      })
      await tx.audit.append(about('complaint', complaint!.id, '2026-11-22T02:00:00.000Z'))
      await tx.audit.append(about('points_entry', 'wrong-entry', '2026-11-21T02:00:00.000Z'))
    })
  })
  afterAll(() => t.cleanup())

  const search = async (query: Partial<AuditLogInput>) => {
    const result = await auditLog(t.deps, callerOf(scene.admin.openid), {
      offset: 0,
      limit: 20,
      ...query,
    })
    if (!result.ok) throw new Error(JSON.stringify(result.error))
    return result.data
  }

  it('lists every record newest first, with who acted by name and role', async () => {
    const page = await search({})

    const times = page.items.map((r) => r.at)
    expect(times).toEqual([...times].sort().reverse())
    expect(page.total).toBe(page.items.length)
    expect(page.items[0]).toMatchObject({
      action: 'complaint.answer',
      actorId: scene.admin.id,
      actorName: scene.admin.name,
      actorRole: 'admin',
    })
    const approval = page.items.find((r) => r.action === 'registration.approve')
    expect(approval).toMatchObject({
      actorName: scene.reviewer.name,
      actorRole: 'reviewer',
      targetType: 'member',
      before: expect.objectContaining({ status: 'pending' }),
      after: expect.objectContaining({ status: 'active' }),
    })
  })

  it('finds records about a member, by card number or id, and about what is theirs', async () => {
    const byCard = await search({ member: scene.a.cardNo })
    const byId = await search({ member: scene.a.memberId })

    expect(byCard).toEqual(byId)
    expect(byCard.items.map((r) => r.action)).toEqual([
      'complaint.answer',
      'points.reverse',
      'registration.approve',
    ])
  })

  it("finds an override with its reason among the member's records", async () => {
    const page = await search({ member: scene.c.memberId })

    expect(page.items.map((r) => r.action)).toEqual(['star.override', 'registration.approve'])
    expect(page.items[0]).toMatchObject({
      reason: '年度重点客户',
      actorName: scene.admin.name,
      targetId: scene.c.memberId,
    })
  })

  it('filters by actor and by action', async () => {
    const byReviewer = await search({ actorId: scene.reviewer.id })
    const rejections = await search({ action: 'registration.reject' })

    expect(new Set(byReviewer.items.map((r) => r.action))).toEqual(
      new Set(['registration.approve', 'registration.reject']),
    )
    expect(byReviewer.total).toBe(6)
    expect(rejections.items).toHaveLength(1)
    expect(rejections.items[0]).toMatchObject({ targetId: scene.f, actorId: scene.reviewer.id })
  })

  it('filters by Shanghai days, both included: 31 January ends at Shanghai midnight', async () => {
    const onThe31st = await search({ from: '2026-01-31', to: '2026-01-31' })
    const onThe1st = await search({ from: '2026-02-01', to: '2026-02-01' })

    expect(onThe31st.items.map((r) => r.targetId)).toEqual([scene.c.memberId])
    expect(onThe1st.items.map((r) => r.targetId)).toEqual([scene.d.memberId])
  })

  it('pages with offset and limit, keeping the total', async () => {
    const all = await search({})

    const second = await search({ offset: 2, limit: 2 })

    expect(second.total).toBe(all.total)
    expect(second.items).toEqual(all.items.slice(2, 4))
  })

  it('says so when no member has that card number or id', async () => {
    const result = await auditLog(t.deps, callerOf(scene.admin.openid), {
      member: '860000000000',
      offset: 0,
      limit: 20,
    })

    expect(result).toMatchObject({ ok: false, error: { code: 'MEMBER.NOT_FOUND' } })
  })

  it('refuses clerks, reviewers, members and guests with AUTH codes', async () => {
    const clerk = await addStaff(t.deps, 'clerk')
    for (const caller of [
      callerOf(clerk.openid),
      callerOf(scene.reviewer.openid),
      callerOf(scene.a.openid),
      callerOf('o_nobody'),
    ]) {
      const result = await auditLog(t.deps, caller, { offset: 0, limit: 20 })

      expect(result).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^AUTH\./) } })
    }
  })
})
