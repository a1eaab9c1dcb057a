import type { Deps, Store } from '../../../../cloudfunctions/_shared/ports'
import {
  adjustmentProgress,
  adjustStars,
} from '../../../../cloudfunctions/_shared/use-cases/adjust-stars'
import { applyStarImport } from '../../../../cloudfunctions/_shared/use-cases/import-stars'
import { setStarThresholds } from '../../../../cloudfunctions/_shared/use-cases/star-settings'
import { overrideStar } from '../../../../cloudfunctions/_shared/use-cases/override-star'
import { callerOf } from '../../../support/registration-flow'
import { adjustedUntilDone, aMemberWhoEarned, inClubState, TIMER } from '../../../support/star-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

/** Mid-2025 in Shanghai: members earn their 2025 points. */
const IN_2025 = '2025-06-01T02:00:00.000Z'
/** 1 January 2026, 00:05 in Shanghai: the timer fires for the 2025 earnings. */
const NEW_YEAR_2026 = '2025-12-31T16:05:00.000Z'

describe('adjustStars', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps(IN_2025)))
  afterEach(() => t.cleanup())

  const starOf = async (memberId: string, year = 2026) =>
    (await t.deps.store.read.stars.get(memberId, year))?.star
  const clubOf = async (memberId: string) =>
    (await t.deps.store.read.clubs.byMember(memberId))?.state
  const noticesOf = async (memberId: string) =>
    (await t.deps.store.read.outbox.forMember(memberId))
      .map((m) => m.kind)
      .filter((kind) => /^(star|club)\./.test(kind))
      .sort()

  it('gives each member the star their 2025 qualifying points earn, for 2026 (3000 → 3★, 2999 → 2★)', async () => {
    const three = await aMemberWhoEarned(t.deps, 3000)
    const two = await aMemberWhoEarned(t.deps, 2999)
    const none = await aMemberWhoEarned(t.deps, 0)
    t.clock.set(NEW_YEAR_2026)

    const result = await adjustStars(t.deps, TIMER, {})

    expect(result).toMatchObject({
      ok: true,
      data: { status: 'done', processed: 3, total: 3, totals: { star3: 1, star2: 1, star1: 1 } },
    })
    expect(await starOf(three.member.id)).toBe(3)
    expect(await starOf(two.member.id)).toBe(2)
    expect(await starOf(none.member.id)).toBe(1)
    expect(await t.deps.store.read.stars.get(three.member.id, 2026)).toMatchObject({
      source: 'rule',
    })
  })

  it('adjusts a suspended member too: the new star is given and the club they resume enters grace', async () => {
    const { member } = await aMemberWhoEarned(t.deps, 1200)
    await inClubState(t.deps, member.id, 'active')
    await t.deps.store.transaction(async (tx) => {
      const club = (await tx.clubs.byMember(member.id))!
      await tx.clubs.save({
        ...club,
        state: 'suspended',
        resumeState: 'active',
        version: club.version + 1,
      })
      await tx.members.update({ ...member, status: 'suspended', version: member.version + 1 })
    })
    t.clock.set(NEW_YEAR_2026)

    const done = await adjustedUntilDone(t.deps, 2025)

    expect(done).toMatchObject({ processed: 1, total: 1, totals: { star2: 1 } })
    expect(await starOf(member.id)).toBe(2)
    expect(await t.deps.store.read.clubs.byMember(member.id)).toMatchObject({
      state: 'suspended',
      resumeState: 'grace',
      graceYear: 2026,
    })
  })

  it('counts points earned, not the balance: a redemption never lowers the star', async () => {
    const { member } = await aMemberWhoEarned(t.deps, 3000)
    await t.deps.store.transaction(async (tx) => {
      const account = (await tx.points.account(member.id))!
      await tx.points.saveAccount({
        ...account,
        balance: 0,
        lots: [],
        version: account.version + 1,
      })
      await tx.points.append({
        id: 'redeem-all',
        memberId: member.id,
        type: 'redeem',
        label: 'reward',
        points: -3000,
        reference: 'voucher',
        actorId: member.id,
        requestId: null,
        at: t.deps.clock.now().toISOString(),
        takes: [],
        lotId: null,
        note: null,
      })
    })
    t.clock.set(NEW_YEAR_2026)

    await adjustedUntilDone(t.deps, 2025)

    expect(await starOf(member.id)).toBe(3)
  })

  it('judges only the evaluated Shanghai year: points from 1 January 2026 count for the next one', async () => {
    t.clock.set('2025-12-31T15:59:59.000Z')
    const lastSecond = await aMemberWhoEarned(t.deps, 3000)
    t.clock.set('2025-12-31T16:00:00.000Z')
    const firstSecond = await aMemberWhoEarned(t.deps, 3000)
    t.clock.set(NEW_YEAR_2026)

    await adjustedUntilDone(t.deps, 2025)

    expect(await starOf(lastSecond.member.id)).toBe(3)
    expect(await starOf(firstSecond.member.id)).toBe(1)
  })

  it('notifies every member of their new star, once', async () => {
    const { member } = await aMemberWhoEarned(t.deps, 1000)
    t.clock.set(NEW_YEAR_2026)

    await adjustedUntilDone(t.deps, 2025)

    const notices = await t.deps.store.read.outbox.forMember(member.id)
    expect(notices.filter((m) => m.kind === 'star.new')).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ year: 2026, star: 2 }) }),
    ])
  })

  it('puts an active club member below 3★ into a grace year, with a warning', async () => {
    const { member } = await aMemberWhoEarned(t.deps, 2999)
    await inClubState(t.deps, member.id, 'active')
    t.clock.set(NEW_YEAR_2026)

    const done = await adjustedUntilDone(t.deps, 2025)

    expect(await clubOf(member.id)).toBe('grace')
    expect((await t.deps.store.read.clubs.byMember(member.id))?.graceYear).toBe(2026)
    expect(await noticesOf(member.id)).toEqual(['club.grace', 'star.new'])
    expect(done.totals['entered-grace']).toBe(1)
  })

  it('keeps an active club member at 3★ active', async () => {
    const { member } = await aMemberWhoEarned(t.deps, 3000)
    await inClubState(t.deps, member.id, 'active')
    t.clock.set(NEW_YEAR_2026)

    await adjustedUntilDone(t.deps, 2025)

    expect(await clubOf(member.id)).toBe('active')
  })

  it('forces out a member whose grace year ends still below 3★, and re-activates one back at 3★', async () => {
    const still = await aMemberWhoEarned(t.deps, 100)
    const back = await aMemberWhoEarned(t.deps, 3500)
    await inClubState(t.deps, still.member.id, 'grace', 2025)
    await inClubState(t.deps, back.member.id, 'grace', 2025)
    t.clock.set(NEW_YEAR_2026)

    const done = await adjustedUntilDone(t.deps, 2025)

    expect(await clubOf(still.member.id)).toBe('exited')
    expect(await noticesOf(still.member.id)).toEqual(['club.exited', 'star.new'])
    expect(await clubOf(back.member.id)).toBe('active')
    expect(done.totals).toMatchObject({ exited: 1, reactivated: 1 })
  })

  it('takes the imported star where an import for the new year exists', async () => {
    const admin = await addStaff(t.deps, 'admin')
    const imported = await aMemberWhoEarned(t.deps, 0)
    const ruled = await aMemberWhoEarned(t.deps, 0)
    const applied = await applyStarImport(
      t.deps,
      callerOf(admin.openid),
      { year: 2026, csv: `许可证号,星级\n${t.deps.cipher.open(imported.member.licence)},5` },
      newRequestId(),
    )
    expect(applied.ok).toBe(true)
    t.clock.set(NEW_YEAR_2026)

    await adjustedUntilDone(t.deps, 2025)

    expect(await t.deps.store.read.stars.get(imported.member.id, 2026)).toMatchObject({
      star: 5,
      source: 'import',
    })
    expect(await starOf(ruled.member.id)).toBe(1)
  })

  it('leaves an override an admin already set for the new year in place', async () => {
    const admin = await addStaff(t.deps, 'admin')
    const { member } = await aMemberWhoEarned(t.deps, 0)
    t.clock.set('2025-12-31T16:01:00.000Z')
    await overrideStar(
      t.deps,
      callerOf(admin.openid),
      { memberId: member.id, star: 4, reason: '年度优秀零售户' },
      newRequestId(),
    )
    t.clock.set(NEW_YEAR_2026)

    await adjustedUntilDone(t.deps, 2025)

    expect(await t.deps.store.read.stars.get(member.id, 2026)).toMatchObject({
      star: 4,
      source: 'override',
      reason: '年度优秀零售户',
    })
  })

  it('applies the thresholds set for the evaluated year', async () => {
    const admin = await addStaff(t.deps, 'admin')
    await setStarThresholds(
      t.deps,
      callerOf(admin.openid),
      { effectiveYear: 2025, thresholds: [100, 200, 300, 400] },
      newRequestId(),
    )
    const { member } = await aMemberWhoEarned(t.deps, 250)
    t.clock.set(NEW_YEAR_2026)

    await adjustedUntilDone(t.deps, 2025)

    expect(await starOf(member.id)).toBe(3)
  })

  it('changes nothing when run again for the same year', async () => {
    const { member } = await aMemberWhoEarned(t.deps, 2000)
    await inClubState(t.deps, member.id, 'active')
    t.clock.set(NEW_YEAR_2026)
    await adjustedUntilDone(t.deps, 2025)
    const before = t.snapshot()
    t.clock.set('2026-01-01T03:00:00.000Z')

    const again = await adjustStars(t.deps, TIMER, { year: 2025 })

    expect(again).toMatchObject({ ok: true, data: { status: 'done' } })
    expect(t.snapshot()).toEqual(before)
  })

  it('refuses to judge a year that has not ended', async () => {
    t.clock.set('2025-12-31T15:59:59.000Z')

    const result = await adjustStars(t.deps, TIMER, { year: 2025 })

    expect(result).toMatchObject({ ok: false, error: { code: 'STAR.YEAR_NOT_ENDED' } })
  })

  it('may be run by an admin, and by no other staff or member', async () => {
    const admin = await addStaff(t.deps, 'admin')
    const reviewer = await addStaff(t.deps, 'reviewer')
    const { memberCaller } = await aMemberWhoEarned(t.deps, 0)
    t.clock.set(NEW_YEAR_2026)

    const byReviewer = await adjustStars(t.deps, callerOf(reviewer.openid), {})
    const byMember = await adjustStars(t.deps, memberCaller, {})
    const byAdmin = await adjustStars(t.deps, callerOf(admin.openid), {})

    expect(byReviewer).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(byMember).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(byAdmin).toMatchObject({ ok: true, data: { status: 'done', processed: 1 } })
  })

  it('shows the admin its progress: processed of total, then the summary', async () => {
    const admin = await addStaff(t.deps, 'admin')
    for (const points of [0, 1000, 3000]) await aMemberWhoEarned(t.deps, points)
    t.clock.set(NEW_YEAR_2026)

    const partial = await adjustStars(t.deps, TIMER, { limit: 2 })
    const progress = await adjustmentProgress(t.deps, callerOf(admin.openid), {})

    expect(partial).toMatchObject({ ok: true, data: { status: 'running', processed: 2, total: 3 } })
    expect(progress).toEqual(partial)
    const done = await adjustStars(t.deps, TIMER, {})
    expect(done).toMatchObject({
      ok: true,
      data: { status: 'done', processed: 3, totals: { star1: 1, star2: 1, star3: 1 } },
    })
  })
})

describe('adjustStars after a crash', () => {
  /** The same scene in any database: club members in each state and a spread of earnings. */
  async function scene(deps: Deps) {
    const ids: string[] = []
    const plan: [number, 'active' | 'grace' | null][] = [
      [3000, null],
      [2999, 'active'],
      [100, 'grace'],
      [4000, 'grace'],
      [0, null],
      [10000, 'active'],
      [1200, null],
    ]
    for (const [points, club] of plan) {
      const { member } = await aMemberWhoEarned(deps, points)
      if (club) await inClubState(deps, member.id, club, club === 'grace' ? 2025 : null)
      ids.push(member.id)
    }
    return ids.sort()
  }

  /** What the adjustment leaves behind, member by member in id order, without the times. */
  async function outcome(deps: Deps, ids: string[]) {
    return Promise.all(
      ids.map(async (id) => ({
        star: await deps.store.read.stars.get(id, 2026).then((g) => [g?.star, g?.source]),
        club: await deps.store.read.clubs
          .byMember(id)
          .then((c) => [c?.state, c?.graceYear, c?.version]),
        notices: (await deps.store.read.outbox.forMember(id)).map((m) => m.id.split(':')[0]),
      })),
    )
  }

  /** A store whose `n`-th transaction fails after doing its work, as if the process died before commit. */
  function crashingOn(store: Store, n: number): Store {
    let count = 0
    return {
      ...store,
      transaction: (work) =>
        store.transaction(async (tx) => {
          const value = await work(tx)
          if (++count === n) throw new Error('simulated crash before commit')
          return value
        }),
    }
  }

  it('resumes after the last committed step: no double transition, the same end state as a clean run', async () => {
    const clean = testDeps(IN_2025)
    const crashed = testDeps(IN_2025)
    try {
      const cleanIds = await scene(clean.deps)
      const crashedIds = await scene(crashed.deps)
      clean.clock.set(NEW_YEAR_2026)
      crashed.clock.set(NEW_YEAR_2026)
      const cleanDone = await adjustedUntilDone(clean.deps, 2025)
      // Transaction 1 creates the run; 2 and 3 are steps of two members; 4 dies mid-step.
      const dying = { ...crashed.deps, store: crashingOn(crashed.deps.store, 4) }
      await adjustStars(dying, TIMER, { year: 2025, limit: 2 })
      await adjustStars(dying, TIMER, { year: 2025, limit: 2 })
      await expect(adjustStars(dying, TIMER, { year: 2025, limit: 2 })).rejects.toThrow(
        'simulated crash',
      )
      const halfway = await adjustmentProgress(crashed.deps, TIMER, { year: 2025 })

      const resumed = await adjustedUntilDone(crashed.deps, 2025)

      expect(halfway).toMatchObject({ ok: true, data: { status: 'running', processed: 4 } })
      expect(resumed.totals).toEqual(cleanDone.totals)
      expect(resumed.processed).toBe(7)
      expect(await outcome(crashed.deps, crashedIds)).toEqual(await outcome(clean.deps, cleanIds))
    } finally {
      await clean.cleanup()
      await crashed.cleanup()
    }
  })

  it('gives the same result when two invocations run at once', async () => {
    const clean = testDeps(IN_2025)
    const racing = testDeps(IN_2025)
    try {
      const cleanIds = await scene(clean.deps)
      const racingIds = await scene(racing.deps)
      clean.clock.set(NEW_YEAR_2026)
      racing.clock.set(NEW_YEAR_2026)
      const cleanDone = await adjustedUntilDone(clean.deps, 2025)

      await Promise.all([
        adjustStars(racing.deps, TIMER, { year: 2025, limit: 3 }),
        adjustStars(racing.deps, TIMER, { year: 2025, limit: 3 }),
      ])
      const done = await adjustedUntilDone(racing.deps, 2025)

      expect(done.totals).toEqual(cleanDone.totals)
      expect(await outcome(racing.deps, racingIds)).toEqual(await outcome(clean.deps, cleanIds))
    } finally {
      await clean.cleanup()
      await racing.cleanup()
    }
  })
})
