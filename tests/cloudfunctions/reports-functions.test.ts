import type { Caller } from '../../cloudfunctions/_shared/caller'
import { adminFunction } from '../../cloudfunctions/admin/index'
import { adminContract } from '@/contracts/admin.contract'
import { sendAsOutsiders, sendSpoiledPayloads } from '../support/hostile-payloads'
import { aReportingYear } from '../support/report-flow'
import { callerOf } from '../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../support/test-deps'

type Who = 'member' | 'clerk' | 'reviewer' | 'admin' | 'guest'

describe('the admin function: reports and the audit log', () => {
  let t: ReturnType<typeof testDeps>
  let callers: Record<Who, Caller>
  let valid: Record<'reports' | 'exportReport' | 'auditLog', Record<string, unknown>>
  beforeAll(async () => {
    t = testDeps()
    const scene = await aReportingYear(t.deps, t.clock)
    callers = {
      member: callerOf(scene.a.openid),
      clerk: callerOf((await addStaff(t.deps, 'clerk')).openid),
      reviewer: callerOf(scene.reviewer.openid),
      admin: callerOf(scene.admin.openid),
      guest: callerOf('o_nobody'),
    }
    valid = {
      reports: { year: 2026 },
      exportReport: { year: 2026, report: 'club' },
      auditLog: {
        actorId: scene.admin.id,
        member: scene.a.cardNo,
        action: 'star.override',
        from: '2026-01-01',
        to: '2026-12-31',
        offset: 0,
        limit: 20,
      },
    }
  })
  afterAll(() => t.cleanup())

  it.each(['reports', 'exportReport', 'auditLog'] as const)(
    'refuses every spoiled %s payload field by field in Chinese, changing nothing',
    async (action) => {
      const before = t.snapshot()

      const sent = await sendSpoiledPayloads(
        adminFunction,
        action,
        valid[action],
        adminContract.actions[action].input,
        callers.admin,
        t.deps,
      )

      expect(sent).toBeGreaterThanOrEqual(12)
      expect(t.snapshot()).toEqual(before)
    },
  )

  it.each([
    ['an unknown report', { year: 2026, report: 'members; DROP TABLE audit_log' }, 'report'],
    ['a year out of range', { year: 1999, report: 'club' }, 'year'],
  ])('refuses an export of %s as INPUT.INVALID', async (_case, payload, field) => {
    const before = t.snapshot()

    const envelope = await adminFunction.handle(
      { action: 'exportReport', payload, requestId: newRequestId() },
      callers.admin,
      t.deps,
    )

    expect(envelope).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(Object.keys((envelope as { error: { fields: object } }).error.fields)).toEqual([field])
    expect(t.snapshot()).toEqual(before)
  })

  it('refuses an export without a request id, which would leave its audit unrepeatable', async () => {
    const before = t.snapshot()

    const envelope = await adminFunction.handle(
      { action: 'exportReport', payload: valid.exportReport },
      callers.admin,
      t.deps,
    )

    expect(envelope).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(t.snapshot()).toEqual(before)
  })

  it.each([
    ['dates the wrong way round', { from: '2026-03-02', to: '2026-03-01' }, 'to'],
    ['a date that does not exist', { from: '2026-02-30' }, 'from'],
    ['an action that is not an action name', { action: "x' OR 1=1 --" }, 'action'],
    ['a member key of 65 characters', { member: '1'.repeat(65) }, 'member'],
    ['a page of 101', { limit: 101 }, 'limit'],
  ])('refuses an audit search with %s, naming the field', async (_case, payload, field) => {
    const envelope = await adminFunction.handle(
      { action: 'auditLog', payload },
      callers.admin,
      t.deps,
    )

    expect(envelope).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    const fields = (envelope as { error: { fields: Record<string, string> } }).error.fields
    expect(Object.keys(fields)).toEqual([field])
  })

  it.each(['reports', 'exportReport', 'auditLog'] as const)(
    'refuses %s to members, clerks, reviewers and guests with an AUTH code, changing nothing',
    async (action) => {
      const before = t.snapshot()

      await sendAsOutsiders(
        adminFunction,
        action,
        valid[action],
        (['member', 'clerk', 'reviewer', 'guest'] as const).map((who) => callers[who]),
        t.deps,
      )

      expect(t.snapshot()).toEqual(before)
    },
  )

  it('answers an admin through the function: report, export and the export in the audit log', async () => {
    const requestId = newRequestId()

    const report = await adminFunction.handle(
      { action: 'reports', payload: { year: 2026 } },
      callers.admin,
      t.deps,
    )
    const file = await adminFunction.handle(
      { action: 'exportReport', payload: { year: 2026, report: 'newMembers' }, requestId },
      callers.admin,
      t.deps,
    )
    const log = await adminFunction.handle(
      { action: 'auditLog', payload: { action: 'report.export' } },
      callers.admin,
      t.deps,
    )

    expect(report).toMatchObject({ ok: true, data: { year: 2026, newMembers: { total: 3 } } })
    expect(file).toMatchObject({
      ok: true,
      data: { filename: 'report-newMembers-2026.csv', rows: 12 },
    })
    expect(log).toMatchObject({
      ok: true,
      data: {
        total: 1,
        items: [
          {
            action: 'report.export',
            targetType: 'report',
            targetId: 'newMembers:2026',
            after: { report: 'newMembers', year: 2026, rows: 12 },
          },
        ],
      },
    })
  })
})
