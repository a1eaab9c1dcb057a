import {
  memberStars,
  overrideStar,
} from '../../../../cloudfunctions/_shared/use-cases/override-star'
import {
  setStarThresholds,
  starSettings,
} from '../../../../cloudfunctions/_shared/use-cases/star-settings'
import { starOverview } from '../../../../cloudfunctions/_shared/use-cases/star-overview'
import { aMemberWhoEarned } from '../../../support/star-flow'
import { callerOf } from '../../../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

describe('star settings, override and the star page', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-05-10T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  describe('setStarThresholds', () => {
    it('sets thresholds from an effective year on, audited, and members see them as their target', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const { memberCaller } = await aMemberWhoEarned(t.deps, 700)

      const result = await setStarThresholds(
        t.deps,
        callerOf(admin.openid),
        { effectiveYear: 2026, thresholds: [500, 1500, 4000, 8000] },
        newRequestId(),
      )
      const overview = await starOverview(t.deps, memberCaller)

      expect(result).toMatchObject({ ok: true, data: { current: [500, 1500, 4000, 8000] } })
      expect(overview).toMatchObject({
        ok: true,
        data: {
          progress: { points: 700, star: 2, next: { star: 3, threshold: 1500, missing: 800 } },
        },
      })
      const [audit] = await t.deps.store.read.audit.forTarget('settings', 'star-thresholds:2026')
      expect(audit).toMatchObject({
        before: [1000, 3000, 5000, 10000],
        after: [500, 1500, 4000, 8000],
      })
    })

    it('refuses a past effective year and thresholds that do not rise, changing nothing', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const before = t.snapshot()

      const past = await setStarThresholds(
        t.deps,
        callerOf(admin.openid),
        { effectiveYear: 2025, thresholds: [500, 1500, 4000, 8000] },
        newRequestId(),
      )
      const flat = await setStarThresholds(
        t.deps,
        callerOf(admin.openid),
        { effectiveYear: 2027, thresholds: [500, 500, 4000, 8000] },
        newRequestId(),
      )

      expect(past).toMatchObject({ ok: false, error: { code: 'STAR.THRESHOLD_YEAR_PAST' } })
      expect(flat).toMatchObject({
        ok: false,
        error: { code: 'STAR.THRESHOLDS_INVALID', fields: { 'thresholds.1': '须高于2星门槛' } },
      })
      expect(t.snapshot()).toEqual(before)
    })

    it('lists the rules by effective year for the admin only', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const reviewer = await addStaff(t.deps, 'reviewer')
      await setStarThresholds(
        t.deps,
        callerOf(admin.openid),
        { effectiveYear: 2028, thresholds: [2000, 4000, 6000, 12000] },
        newRequestId(),
      )

      const settings = await starSettings(t.deps, callerOf(admin.openid))
      const refused = await starSettings(t.deps, callerOf(reviewer.openid))

      expect(settings).toMatchObject({
        ok: true,
        data: {
          currentYear: 2026,
          current: [1000, 3000, 5000, 10000],
          rules: [{ effectiveYear: 2028 }],
        },
      })
      expect(refused).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    })
  })

  describe('overrideStar', () => {
    it("sets this year's star with a reason, kept in the member's history and audited", async () => {
      const admin = await addStaff(t.deps, 'admin')
      const { member, memberCaller } = await aMemberWhoEarned(t.deps, 0)

      const result = await overrideStar(
        t.deps,
        callerOf(admin.openid),
        { memberId: member.id, star: 4, reason: '供应商评定优秀' },
        newRequestId(),
      )
      const overview = await starOverview(t.deps, memberCaller)

      expect(result).toMatchObject({ ok: true, data: { star: 4 } })
      expect(overview).toMatchObject({
        ok: true,
        data: {
          star: 4,
          history: [{ year: 2026, star: 4, source: 'override', reason: '供应商评定优秀' }],
        },
      })
      // The set-up's card verify shares the test's fixed instant; its record sorts by its id.
      const audit = (await t.deps.store.read.audit.forTarget('member', member.id)).filter(
        (record) => record.action !== 'card.verify',
      )
      expect(audit.at(-1)).toMatchObject({
        action: 'star.override',
        before: { year: 2026, star: 1 },
        after: { year: 2026, star: 4 },
        reason: '供应商评定优秀',
      })
    })

    it('finds the member by card number for the form, and refuses a non-admin', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const clerk = await addStaff(t.deps, 'clerk')
      const { member } = await aMemberWhoEarned(t.deps, 0)

      const found = await memberStars(t.deps, callerOf(admin.openid), { cardNo: member.cardNo! })
      const refused = await overrideStar(
        t.deps,
        callerOf(clerk.openid),
        { memberId: member.id, star: 5, reason: '越权' },
        newRequestId(),
      )

      expect(found).toMatchObject({
        ok: true,
        data: { memberId: member.id, star: 1, clubState: 'none' },
      })
      expect(refused).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    })

    it('refuses an unknown member', async () => {
      const admin = await addStaff(t.deps, 'admin')

      const result = await overrideStar(
        t.deps,
        callerOf(admin.openid),
        { memberId: 'nobody', star: 5, reason: '测试' },
        newRequestId(),
      )

      expect(result).toMatchObject({ ok: false, error: { code: 'MEMBER.NOT_FOUND' } })
    })
  })

  describe('starOverview', () => {
    it("shows this year's star, progress toward the next and the club outlook", async () => {
      const { memberCaller } = await aMemberWhoEarned(t.deps, 1200)

      const overview = await starOverview(t.deps, memberCaller)

      expect(overview).toEqual({
        ok: true,
        data: {
          year: 2026,
          star: 1,
          history: [{ year: 2026, star: 1, source: 'initial', reason: null }],
          progress: { points: 1200, star: 2, next: { star: 3, threshold: 3000, missing: 1800 } },
          thresholds: [1000, 3000, 5000, 10000],
          club: { state: 'none', since: null, graceEndsOn: null, reason: null, canApply: false },
        },
      })
    })
  })
})
