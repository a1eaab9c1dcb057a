import {
  applyClub,
  approveClub,
  leaveClub,
  listClubApplications,
  rejectClub,
} from '../../../../cloudfunctions/_shared/use-cases/club-membership'
import { overrideStar } from '../../../../cloudfunctions/_shared/use-cases/override-star'
import { starOverview } from '../../../../cloudfunctions/_shared/use-cases/star-overview'
import { aMemberAtTheCounter, purchaseOf } from '../../../support/points-flow'
import { callerOf } from '../../../support/registration-flow'
import { inClubState } from '../../../support/star-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

describe('club membership', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-03-01T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  /** An active member holding `star` for 2026 (set by an admin override, the quickest way there). */
  async function aMemberWithStar(star: number) {
    const counter = await aMemberAtTheCounter(t.deps)
    const admin = await addStaff(t.deps, 'admin')
    const set = await overrideStar(
      t.deps,
      callerOf(admin.openid),
      { memberId: counter.member.id, star, reason: '测试场景' },
      newRequestId(),
    )
    if (!set.ok) throw new Error(JSON.stringify(set.error))
    return counter
  }

  describe('applyClub', () => {
    it('lets a member with 3★ this year apply', async () => {
      const { member, memberCaller } = await aMemberWithStar(3)

      const result = await applyClub(t.deps, memberCaller, newRequestId())

      expect(result).toMatchObject({ ok: true, data: { state: 'applied', canApply: false } })
      expect((await t.deps.store.read.clubs.byMember(member.id))?.state).toBe('applied')
    })

    it('refuses a member below 3★ and stores nothing', async () => {
      const { memberCaller } = await aMemberWithStar(2)
      const before = t.snapshot()

      const result = await applyClub(t.deps, memberCaller, newRequestId())

      expect(result).toMatchObject({ ok: false, error: { code: 'CLUB.STAR_TOO_LOW' } })
      expect(t.snapshot()).toEqual(before)
    })

    it('refuses a suspended member, whatever the star, and stores nothing', async () => {
      const { member, memberCaller } = await aMemberWithStar(4)
      await t.deps.store.transaction(async (tx) => {
        const current = (await tx.members.byId(member.id))!
        await tx.members.update({ ...current, status: 'suspended', version: current.version + 1 })
      })
      const before = t.snapshot()

      const result = await applyClub(t.deps, memberCaller, newRequestId())

      expect(result).toMatchObject({ ok: false, error: { code: 'CLUB.NOT_ALLOWED' } })
      expect(t.snapshot()).toEqual(before)
    })

    it('refuses a second application while the first is open', async () => {
      const { memberCaller } = await aMemberWithStar(4)
      await applyClub(t.deps, memberCaller, newRequestId())

      const again = await applyClub(t.deps, memberCaller, newRequestId())

      expect(again).toMatchObject({ ok: false, error: { code: 'CLUB.ALREADY_APPLIED' } })
    })

    it('applies once for one request id, however often it is retried', async () => {
      const { member, memberCaller } = await aMemberWithStar(3)
      const requestId = newRequestId()

      const results = await Promise.all(
        Array.from({ length: 5 }, () => applyClub(t.deps, memberCaller, requestId)),
      )

      expect(results.every((r) => r.ok)).toBe(true)
      expect((await t.deps.store.read.clubs.byMember(member.id))?.version).toBe(1)
    })

    it('lets an exited member at 3★ apply again', async () => {
      const { member, memberCaller } = await aMemberWithStar(3)
      await inClubState(t.deps, member.id, 'exited')

      const result = await applyClub(t.deps, memberCaller, newRequestId())

      expect(result).toMatchObject({ ok: true, data: { state: 'applied' } })
    })

    it('is for members only', async () => {
      const clerk = await addStaff(t.deps, 'clerk')

      const result = await applyClub(t.deps, callerOf(clerk.openid), newRequestId())

      expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_A_MEMBER' } })
    })
  })

  describe('reviewing applications', () => {
    it('lists open applications oldest first with the star and a masked mobile', async () => {
      const reviewer = await addStaff(t.deps, 'reviewer')
      const first = await aMemberWithStar(3)
      await applyClub(t.deps, first.memberCaller, newRequestId())
      t.clock.set('2026-03-01T03:00:00.000Z')
      const second = await aMemberWithStar(5)
      await applyClub(t.deps, second.memberCaller, newRequestId())

      const page = await listClubApplications(t.deps, callerOf(reviewer.openid), {
        offset: 0,
        limit: 20,
      })

      expect(page).toMatchObject({
        ok: true,
        data: {
          total: 2,
          items: [
            { memberId: first.member.id, star: 3 },
            { memberId: second.member.id, star: 5 },
          ],
        },
      })
      if (page.ok) expect(page.data.items[0]!.mobileMasked).toMatch(/^1\d{2}\*{4}\d{4}$/)
    })

    it('admits an applicant: club member, audited, notified', async () => {
      const reviewer = await addStaff(t.deps, 'reviewer')
      const { member, memberCaller } = await aMemberWithStar(3)
      await applyClub(t.deps, memberCaller, newRequestId())

      const result = await approveClub(
        t.deps,
        callerOf(reviewer.openid),
        { memberId: member.id },
        newRequestId(),
      )

      expect(result).toMatchObject({ ok: true, data: { state: 'active' } })
      // The set-up's card verify shares the test's fixed instant; its record sorts by its id.
      const audit = (await t.deps.store.read.audit.forTarget('member', member.id)).filter(
        (record) => record.action !== 'card.verify',
      )
      expect(audit.at(-1)).toMatchObject({
        action: 'club.approve',
        actorId: reviewer.id,
        before: { club: 'applied' },
        after: { club: 'active' },
      })
      const notices = await t.deps.store.read.outbox.forMember(member.id)
      expect(notices.filter((m) => m.kind === 'club.application').at(-1)).toMatchObject({
        kind: 'club.application',
        payload: { approved: true },
      })
    })

    it('rejects with a reason the member sees on the star page', async () => {
      const reviewer = await addStaff(t.deps, 'reviewer')
      const { member, memberCaller } = await aMemberWithStar(3)
      await applyClub(t.deps, memberCaller, newRequestId())

      await rejectClub(
        t.deps,
        callerOf(reviewer.openid),
        { memberId: member.id, reason: '资料不完整' },
        newRequestId(),
      )
      const overview = await starOverview(t.deps, memberCaller)

      expect(overview).toMatchObject({
        ok: true,
        data: { club: { state: 'rejected', reason: '资料不完整', canApply: true } },
      })
    })

    it('refuses to decide an application twice', async () => {
      const reviewer = await addStaff(t.deps, 'reviewer')
      const { member, memberCaller } = await aMemberWithStar(3)
      await applyClub(t.deps, memberCaller, newRequestId())
      await approveClub(t.deps, callerOf(reviewer.openid), { memberId: member.id }, newRequestId())

      const again = await rejectClub(
        t.deps,
        callerOf(reviewer.openid),
        { memberId: member.id, reason: '重复处理' },
        newRequestId(),
      )

      expect(again).toMatchObject({ ok: false, error: { code: 'CLUB.NOT_APPLIED' } })
    })

    it('is for reviewers and admins: a clerk or a member is refused', async () => {
      const clerk = await addStaff(t.deps, 'clerk')
      const { member, memberCaller } = await aMemberWithStar(3)
      await applyClub(t.deps, memberCaller, newRequestId())

      const byClerk = await approveClub(
        t.deps,
        callerOf(clerk.openid),
        { memberId: member.id },
        newRequestId(),
      )
      const byMember = await listClubApplications(t.deps, memberCaller, { offset: 0, limit: 20 })

      expect(byClerk).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
      expect(byMember).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    })
  })

  describe('leaveClub', () => {
    it('lets a club member leave; membership and points stay', async () => {
      const { member, memberCaller, clerk } = await aMemberWithStar(3)
      await purchaseOf(t.deps, clerk.openid, member.cardNo!, 50)
      await inClubState(t.deps, member.id, 'active')

      const result = await leaveClub(t.deps, memberCaller, newRequestId())

      expect(result).toMatchObject({ ok: true, data: { state: 'withdrawn', canApply: true } })
      expect((await t.deps.store.read.members.byId(member.id))?.status).toBe('active')
      expect((await t.deps.store.read.points.account(member.id))?.balance).toBe(50)
    })

    it('refuses someone not in the club', async () => {
      const { memberCaller } = await aMemberWithStar(3)

      const result = await leaveClub(t.deps, memberCaller, newRequestId())

      expect(result).toMatchObject({ ok: false, error: { code: 'CLUB.NOT_A_MEMBER' } })
    })
  })
})
