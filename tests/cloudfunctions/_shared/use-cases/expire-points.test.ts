import type { Deps, Repositories } from '../../../../cloudfunctions/_shared/ports'
import {
  expirePoints,
  expiryProgress,
} from '../../../../cloudfunctions/_shared/use-cases/expire-points'
import { aMemberAtTheCounter, purchaseOf } from '../../../support/points-flow'
import { callerOf } from '../../../support/registration-flow'
import { addStaff, testDeps } from '../../../support/test-deps'

const TIMER = { openid: '', unionid: null, system: true }

describe('expirePoints', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2025-11-10T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  /** Members who earned `yuan` on 10 Nov 2025 (their lots expire on 10 Nov 2026). */
  async function membersWhoEarned(...yuan: number[]) {
    const ids: string[] = []
    for (const amount of yuan) {
      const { member, clerk } = await aMemberAtTheCounter(t.deps)
      await purchaseOf(t.deps, clerk.openid, member.cardNo!, amount)
      ids.push(member.id)
    }
    return ids
  }

  const balanceOf = async (id: string) => (await t.deps.store.read.points.account(id))?.balance

  it('expires each lot 12 months after it was earned, with an expire entry', async () => {
    const [id] = await membersWhoEarned(300)
    t.clock.set('2026-11-10T02:00:00.000Z')

    const result = await expirePoints(t.deps, TIMER, {})

    expect(result).toMatchObject({
      ok: true,
      data: { status: 'done', processed: 1, totals: { expiredPoints: 300 } },
    })
    expect(await balanceOf(id!)).toBe(0)
    const [entry] = (await t.deps.store.read.points.history(id!, 0, 1)).items
    expect(entry).toMatchObject({ type: 'expire', label: 'expiry', points: -300 })
    expect(await t.deps.store.read.points.ledgerSum(id!)).toBe(0)
  })

  it('keeps lots whose 12 months are not over yet', async () => {
    const [id] = await membersWhoEarned(300)
    t.clock.set('2026-11-10T01:59:59.999Z')

    await expirePoints(t.deps, TIMER, {})

    expect(await balanceOf(id!)).toBe(300)
  })

  it('changes nothing when run twice the same day', async () => {
    await membersWhoEarned(100, 200, 300)
    t.clock.set('2026-11-11T01:00:00.000Z')
    await expirePoints(t.deps, TIMER, {})
    const after = t.snapshot()
    t.clock.set('2026-11-11T09:00:00.000Z')

    const again = await expirePoints(t.deps, TIMER, {})

    expect(again).toMatchObject({ ok: true, data: { status: 'done' } })
    expect(t.snapshot()).toEqual(after)
  })

  it('warns members 30 days before points expire, once per expiry date', async () => {
    const [id] = await membersWhoEarned(500)
    t.clock.set('2026-10-20T02:00:00.000Z') // 21 days before 10 Nov 2026
    await expirePoints(t.deps, TIMER, {})
    t.clock.set('2026-10-21T02:00:00.000Z')

    await expirePoints(t.deps, TIMER, {})

    const notices = await t.deps.store.read.outbox.forMember(id!)
    expect(notices.filter((m) => m.kind === 'points.expiring')).toEqual([
      expect.objectContaining({
        kind: 'points.expiring',
        payload: { points: 500, expiryDate: '2026-11-10' },
      }),
    ])
    expect(await balanceOf(id!)).toBe(500)
  })

  it('resumes where it stopped: a run cut short finishes on the next call with the same result', async () => {
    const ids = await membersWhoEarned(100, 200, 300, 400, 500)
    t.clock.set('2026-12-01T02:00:00.000Z')

    const first = await expirePoints(t.deps, TIMER, { limit: 2 })
    const second = await expirePoints(t.deps, TIMER, {})

    expect(first).toMatchObject({ ok: true, data: { status: 'running', processed: 2, total: 5 } })
    expect(second).toMatchObject({
      ok: true,
      data: { status: 'done', processed: 5, totals: { expiredPoints: 1500, expiredAccounts: 5 } },
    })
    for (const id of ids) expect(await balanceOf(id)).toBe(0)
  })

  it('survives a crash in the middle: the rerun finishes without expiring anything twice', async () => {
    const ids = await membersWhoEarned(100, 200, 300, 400)
    t.clock.set('2026-12-01T02:00:00.000Z')
    const crashing = crashOnThirdAccount(t.deps)

    await expect(expirePoints(crashing, TIMER, {})).rejects.toThrow('power cut')
    const rerun = await expirePoints(t.deps, TIMER, {})

    expect(rerun).toMatchObject({
      ok: true,
      data: { status: 'done', processed: 4, totals: { expiredPoints: 1000 } },
    })
    for (const id of ids) {
      expect(await balanceOf(id)).toBe(0)
      const expiries = (await t.deps.store.read.points.history(id, 0, 10)).items.filter(
        (e) => e.type === 'expire',
      )
      expect(expiries).toHaveLength(1)
    }
  })

  it('may be run by the timer or an admin, nobody else', async () => {
    const admin = await addStaff(t.deps, 'admin')
    const clerk = await addStaff(t.deps, 'clerk')

    const byAdmin = await expirePoints(t.deps, callerOf(admin.openid), {})
    const byClerk = await expirePoints(t.deps, callerOf(clerk.openid), {})
    const forgedTimer = await expirePoints(
      t.deps,
      { openid: 'o_someone', unionid: null, system: true },
      {},
    )

    expect(byAdmin.ok).toBe(true)
    expect(byClerk).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(forgedTimer).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })

  it('reports today’s progress to the admin', async () => {
    await membersWhoEarned(100, 200)
    const admin = await addStaff(t.deps, 'admin')
    t.clock.set('2026-12-01T02:00:00.000Z')
    await expirePoints(t.deps, TIMER, { limit: 1 })

    const progress = await expiryProgress(t.deps, callerOf(admin.openid))

    expect(progress).toMatchObject({
      ok: true,
      data: { status: 'running', processed: 1, total: 2 },
    })
  })
})

/** The same deps, but the store fails (as if the process died) when the third account is saved. */
function crashOnThirdAccount(deps: Deps): Deps {
  let saves = 0
  const store = deps.store
  return {
    ...deps,
    store: {
      ...store,
      read: store.read,
      transaction: (work) =>
        store.transaction((tx) => {
          const points = {
            ...tx.points,
            saveAccount: async (account: Parameters<Repositories['points']['saveAccount']>[0]) => {
              if (++saves === 3) throw new Error('power cut')
              return tx.points.saveAccount(account)
            },
          }
          return work({ ...tx, points })
        }),
    },
  }
}
