import { workbench } from '../../../../cloudfunctions/_shared/use-cases/workbench'
import { seedDemoData, seedTodaysEvent } from '../../../../server/seed-demo'
import { callerOf } from '../../../support/registration-flow'
import { sqliteTestDeps } from '../../../support/test-deps'

describe('workbench', () => {
  let t: ReturnType<typeof sqliteTestDeps>
  beforeEach(async () => {
    t = sqliteTestDeps('2026-12-07T02:10:00.000Z')
    await seedDemoData(t.deps)
    await seedTodaysEvent(t.deps)
  })
  afterEach(() => t.cleanup())

  it('tells a clerk their name, role and the events open for check-in, and no review queues', async () => {
    const answer = await workbench(t.deps, callerOf('o_demo_clerk'))

    expect(answer).toEqual({
      ok: true,
      data: { name: '陈晓', role: 'clerk', openCheckIns: 1, queues: null },
    })
  })

  it('counts what waits for a reviewer: a registration, an open complaint past its 48 hours', async () => {
    const answer = await workbench(t.deps, callerOf('o_demo_reviewer'))

    expect(answer).toEqual({
      ok: true,
      data: {
        name: '周敏',
        role: 'reviewer',
        openCheckIns: 0,
        queues: {
          registrations: 1,
          clubApplications: 0,
          openComplaints: 1,
          overdueComplaints: 1,
          withdrawals: 0,
        },
      },
    })
  })

  it('gives an admin both', async () => {
    const answer = await workbench(t.deps, callerOf('o_demo_admin'))

    expect(answer).toMatchObject({
      ok: true,
      data: { role: 'admin', openCheckIns: 1, queues: { registrations: 1 } },
    })
  })

  it.each(['o_demo_member', 'o_nobody'])('refuses %s, who is not staff', async (openid) => {
    const answer = await workbench(t.deps, callerOf(openid))

    expect(answer.ok).toBe(false)
  })
})
