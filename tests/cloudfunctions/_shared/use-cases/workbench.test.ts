import { getMyCard } from '../../../../cloudfunctions/_shared/use-cases/card-use-cases'
import { earnPurchase } from '../../../../cloudfunctions/_shared/use-cases/earn-purchase'
import {
  checkInEvents,
  checkInMember,
} from '../../../../cloudfunctions/_shared/use-cases/event-check-in'
import { cardCode, timeStep } from '../../../../src/domain/card/card-code'
import { workbench } from '../../../../cloudfunctions/_shared/use-cases/workbench'
import { showCardAtCounter } from '../../../../server/demo-phone'
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

  it("tells a clerk their name, role, the events open for check-in and today's work (the demo's three sales), and no review queues", async () => {
    const answer = await workbench(t.deps, callerOf('o_demo_clerk'))

    expect(answer).toEqual({
      ok: true,
      data: {
        name: '陈晓',
        role: 'clerk',
        openCheckIns: 1,
        today: { sales: 3, checkIns: 0 },
        queues: null,
      },
    })
  })

  it('counts what waits for a reviewer: a registration, a club application, an open complaint past its 48 hours', async () => {
    const answer = await workbench(t.deps, callerOf('o_demo_reviewer'))

    expect(answer).toEqual({
      ok: true,
      data: {
        name: '周敏',
        role: 'reviewer',
        openCheckIns: 0,
        today: null,
        queues: {
          registrations: 1,
          clubApplications: 1,
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

describe("workbench: a clerk's day", () => {
  let t: ReturnType<typeof sqliteTestDeps>
  beforeEach(async () => {
    t = sqliteTestDeps('2026-12-06T15:00:00.000Z') // 23:00 on 6 December in Shanghai
    await seedDemoData(t.deps)
  })
  afterEach(() => t.cleanup())

  it("counts a clerk's own sales and check-ins of today (Shanghai day): not yesterday's, not another clerk's", async () => {
    const sell = async (clerk: string, requestId: string) => {
      await showCardAtCounter(
        t.deps,
        callerOf('o_demo_member'),
        callerOf(clerk),
        `${requestId}-card`,
      )
      const member = await t.deps.store.read.members.byOpenid('o_demo_member')
      const sale = await earnPurchase(
        t.deps,
        callerOf(clerk),
        {
          cardNo: member!.cardNo!,
          lines: [{ category: 'daily', amountFen: 5_000 }],
          voucherCodes: [],
          receiptNo: requestId,
        },
        requestId,
      )
      expect(sale.ok).toBe(true)
    }
    t.clock.set('2026-12-06T15:59:00.000Z') // 23:59 on 6 December in Shanghai
    await sell('o_demo_clerk', 'sale-yesterday')
    t.clock.set('2026-12-06T16:00:00.000Z') // midnight: 7 December
    await sell('o_demo_clerk', 'sale-at-midnight')
    t.clock.set('2026-12-06T16:30:00.000Z')
    await sell('o_demo_clerk', 'sale-at-half-past')
    t.clock.set('2026-12-06T16:31:00.000Z') // the member's next code
    await sell('o_demo_admin', 'sale-by-the-admin')

    t.clock.set('2026-12-06T16:35:00.000Z')
    await seedTodaysEvent(t.deps)
    const open = await checkInEvents(t.deps, callerOf('o_demo_clerk'))
    const card = await getMyCard(t.deps, callerOf('o_demo_member'))
    if (!open.ok || !card.ok) throw new Error('no event open for check-in, or no card')
    const secret = new Uint8Array(Buffer.from(card.data.secret, 'base64'))
    const code = cardCode(secret, card.data, timeStep(t.clock.now()))
    const checkedIn = await checkInMember(
      t.deps,
      callerOf('o_demo_clerk'),
      { eventId: open.data[0]!.id, code },
      'check-in-tonight',
    )
    expect(checkedIn.ok).toBe(true)

    const answer = await workbench(t.deps, callerOf('o_demo_clerk'))

    expect(answer).toMatchObject({ ok: true, data: { today: { sales: 2, checkIns: 1 } } })
  })
})
