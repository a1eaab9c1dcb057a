import {
  cancelMyWithdrawal,
  confirmMemberWithdrawal,
  listWithdrawals,
  myWithdrawal,
  requestMyWithdrawal,
} from '../../../../cloudfunctions/_shared/use-cases/withdrawal'
import { registerMember } from '../../../../cloudfunctions/_shared/use-cases/register-member'
import { getMe } from '../../../../cloudfunctions/_shared/use-cases/get-me'
import { aRegistration } from '../../../support/builders'
import { sanctioned } from '../../../support/discipline-flow'
import { aMemberAtTheCounter, purchaseOf } from '../../../support/points-flow'
import { callerOf, newOpenid, registered } from '../../../support/registration-flow'
import { addStaff, newRequestId, testDeps, aMomentLater } from '../../../support/test-deps'

// 2026-11-23 is a Monday.
const MONDAY = '2026-11-23T02:00:00.000Z'

describe('withdrawal (注销账号)', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps(MONDAY)))
  afterEach(() => t.cleanup())

  const request = (openid: string, reason?: string, requestId = newRequestId()) =>
    requestMyWithdrawal(t.deps, callerOf(openid), reason ? { reason } : {}, requestId)

  async function aRequestedWithdrawal() {
    const counter = await aMemberAtTheCounter(t.deps)
    const asked = await request(counter.member.openid, '店铺转让')
    if (!asked.ok) throw new Error(asked.error.code)
    const reviewer = await addStaff(t.deps, 'reviewer')
    return { ...counter, withdrawal: asked.data, reviewer: callerOf(reviewer.openid) }
  }

  describe('requestMyWithdrawal', () => {
    it('opens a request due 5 working days later; the member sees it', async () => {
      const { member } = await aMemberAtTheCounter(t.deps)

      const asked = await request(member.openid, '店铺转让')

      expect(asked).toMatchObject({
        ok: true,
        data: { status: 'requested', reason: '店铺转让', requestedAt: MONDAY, dueOn: '2026-11-30' },
      })
      expect(await myWithdrawal(t.deps, callerOf(member.openid))).toEqual(asked)
    })

    it('allows one open request per member', async () => {
      const { member } = await aRequestedWithdrawal()

      const again = await request(member.openid)

      expect(again).toMatchObject({ ok: false, error: { code: 'PRIVACY.WITHDRAWAL_PENDING' } })
    })

    it('takes a retried request once', async () => {
      const { member } = await aMemberAtTheCounter(t.deps)
      const requestId = newRequestId()

      const first = await request(member.openid, undefined, requestId)
      const again = await request(member.openid, undefined, requestId)

      expect(again).toEqual(first)
      expect(await t.deps.store.read.withdrawals.forMember(member.id)).toHaveLength(1)
    })

    it('is open to an applicant waiting for review', async () => {
      const openid = newOpenid()
      await registered(t.deps, openid)

      expect((await request(openid)).ok).toBe(true)
    })

    it('is refused to staff and guests', async () => {
      const clerk = await addStaff(t.deps, 'clerk')

      expect(await request(clerk.openid)).toMatchObject({ error: { code: 'AUTH.NOT_A_MEMBER' } })
      expect(await request('o_nobody')).toMatchObject({ error: { code: 'AUTH.NOT_A_MEMBER' } })
    })
  })

  describe('cancelMyWithdrawal', () => {
    it('takes back the open request before confirmation; the account stays as it was', async () => {
      const { member } = await aRequestedWithdrawal()

      const cancelled = await cancelMyWithdrawal(t.deps, callerOf(member.openid), newRequestId())

      expect(cancelled).toMatchObject({ ok: true, data: { status: 'cancelled' } })
      expect(await myWithdrawal(t.deps, callerOf(member.openid))).toEqual({ ok: true, data: null })
      expect((await t.deps.store.read.members.byId(member.id))?.status).toBe('active')
      expect((await request(member.openid)).ok).toBe(true)
    })

    it('has nothing to take back without an open request, and changes nothing', async () => {
      const { member } = await aMemberAtTheCounter(t.deps)
      const before = t.snapshot()

      const cancelled = await cancelMyWithdrawal(t.deps, callerOf(member.openid), newRequestId())

      expect(cancelled).toMatchObject({
        ok: false,
        error: { code: 'PRIVACY.WITHDRAWAL_NOT_FOUND' },
      })
      expect(t.snapshot()).toEqual(before)
    })
  })

  describe('listWithdrawals', () => {
    it('shows reviewers the open requests, soonest due first, overdue ones flagged', async () => {
      const first = await aRequestedWithdrawal()
      t.clock.set('2026-11-27T02:00:00.000Z') // Friday: due the next Friday
      const second = await aMemberAtTheCounter(t.deps)
      await request(second.member.openid)
      t.clock.set('2026-12-01T02:00:00.000Z') // Tuesday: the first is past 2026-11-30

      const page = await listWithdrawals(t.deps, first.reviewer, { offset: 0, limit: 20 })

      expect(page).toMatchObject({
        ok: true,
        data: {
          total: 2,
          asOf: '2026-12-01T02:00:00.000Z',
          items: [
            {
              memberId: first.member.id,
              dueOn: '2026-11-30',
              overdue: true,
              realName: first.member.realName,
              mobileMasked: expect.stringMatching(/^\d{3}\*{4}\d{4}$/),
              cardNo: first.member.cardNo,
              memberStatus: 'active',
            },
            { memberId: second.member.id, dueOn: '2026-12-04', overdue: false },
          ],
        },
      })
    })

    it('is refused to clerks and members', async () => {
      const { member, clerkCaller } = await aRequestedWithdrawal()

      expect(await listWithdrawals(t.deps, clerkCaller, { offset: 0, limit: 20 })).toMatchObject({
        error: { code: 'AUTH.FORBIDDEN' },
      })
      expect(
        await listWithdrawals(t.deps, callerOf(member.openid), { offset: 0, limit: 20 }),
      ).toMatchObject({ error: { code: 'AUTH.FORBIDDEN' } })
    })
  })

  describe('confirmMemberWithdrawal', () => {
    it('closes the account: balance cleared by one ledger entry, card revoked, status withdrawn', async () => {
      const { member, clerk, withdrawal, reviewer } = await aRequestedWithdrawal()
      await purchaseOf(t.deps, clerk.openid, member.cardNo!, 240)
      aMomentLater(t.clock)

      const confirmed = await confirmMemberWithdrawal(
        t.deps,
        reviewer,
        { id: withdrawal.id },
        newRequestId(),
      )

      expect(confirmed).toEqual({
        ok: true,
        data: { id: withdrawal.id, memberId: member.id, status: 'confirmed' },
      })
      const read = t.deps.store.read
      const closed = await read.members.byId(member.id)
      expect(closed).toMatchObject({ status: 'withdrawn', realName: '已注销会员' })
      expect((await read.points.account(member.id))?.balance).toBe(0)
      expect(await read.points.ledgerSum(member.id)).toBe(0)
      const history = await read.points.history(member.id, 0, 10)
      expect(history.items[0]).toMatchObject({ type: 'adjust', label: 'closure', points: -240 })
      expect((await read.cards.byCardNo(member.cardNo!))?.status).toBe('revoked')
      expect(await read.withdrawals.byId(withdrawal.id)).toMatchObject({
        status: 'confirmed',
        reason: null,
        confirmedAt: t.clock.now().toISOString(),
      })
    })

    it('audits member.withdraw with states only, nothing personal', async () => {
      const { member, withdrawal, reviewer } = await aRequestedWithdrawal()
      const requestId = newRequestId()

      await confirmMemberWithdrawal(t.deps, reviewer, { id: withdrawal.id }, requestId)

      const rows = await t.deps.store.read.audit.forTarget('member', member.id)
      const withdraw = rows.filter((a) => a.action === 'member.withdraw')
      expect(withdraw).toEqual([
        expect.objectContaining({
          actorRole: 'reviewer',
          before: { status: 'active', version: member.version },
          after: { status: 'withdrawn', version: expect.any(Number), withdrawalId: withdrawal.id },
          reason: null,
          requestId,
        }),
      ])
    })

    it('frees the WeChat user to register afresh, with the same mobile and licence', async () => {
      const form = aRegistration()
      const openid = newOpenid()
      const oldId = await registered(t.deps, openid, form)
      await request(openid)
      const [open] = await t.deps.store.read.withdrawals.forMember(oldId)
      const reviewer = callerOf((await addStaff(t.deps, 'reviewer')).openid)
      await confirmMemberWithdrawal(t.deps, reviewer, { id: open!.id }, newRequestId())

      const guest = await getMe(t.deps, callerOf(openid))
      const again = await registerMember(t.deps, callerOf(openid), form, newRequestId())

      expect(guest).toMatchObject({ ok: true, data: { role: 'guest', member: null } })
      expect(again).toMatchObject({ ok: true, data: { status: 'pending' } })
      expect(again.ok && again.data.memberId).not.toBe(oldId)
    })

    it('sends no withdrawal notice, and skips the messages still waiting to go', async () => {
      const { member, withdrawal, reviewer } = await aRequestedWithdrawal()
      await t.deps.store.transaction((tx) =>
        tx.outbox.add({
          id: `test-pending:${member.id}`,
          memberId: member.id,
          kind: 'points.earned',
          payload: { points: 5, realName: member.realName },
          createdAt: MONDAY,
          status: 'pending',
        }),
      )

      await confirmMemberWithdrawal(t.deps, reviewer, { id: withdrawal.id }, newRequestId())

      const messages = await t.deps.store.read.outbox.forMember(member.id)
      expect(messages.some((m) => m.kind.startsWith('withdrawal'))).toBe(false)
      expect(messages.find((m) => m.id === `test-pending:${member.id}`)).toMatchObject({
        status: 'skipped',
        payload: { points: 5, realName: '[erased]' },
      })
    })

    it('confirms once: a retry returns the first result; a second request id is refused', async () => {
      const { withdrawal, reviewer } = await aRequestedWithdrawal()
      const requestId = newRequestId()

      const first = await confirmMemberWithdrawal(
        t.deps,
        reviewer,
        { id: withdrawal.id },
        requestId,
      )
      const snapshot = t.snapshot()
      const retry = await confirmMemberWithdrawal(
        t.deps,
        reviewer,
        { id: withdrawal.id },
        requestId,
      )
      const second = await confirmMemberWithdrawal(
        t.deps,
        reviewer,
        { id: withdrawal.id },
        newRequestId(),
      )

      expect(retry).toEqual(first)
      expect(second).toMatchObject({ ok: false, error: { code: 'PRIVACY.WITHDRAWAL_CLOSED' } })
      expect(t.snapshot()).toEqual(snapshot)
    })

    it('asks the store, once committed, to scrub old copies from its files; logs when it cannot yet', async () => {
      const { member, withdrawal, reviewer } = await aRequestedWithdrawal()
      const scrubs: string[] = []
      const store = t.deps.store
      const heldUp = {
        ...t.deps,
        store: {
          ...store,
          afterErasure: async () => {
            scrubs.push((await store.read.members.byId(member.id))!.realName)
            return false
          },
        },
      }
      const requestId = newRequestId()

      const confirmed = await confirmMemberWithdrawal(
        heldUp,
        reviewer,
        { id: withdrawal.id },
        requestId,
      )

      expect(confirmed).toMatchObject({ ok: true })
      expect(scrubs).toEqual(['已注销会员'])
      expect(t.errors).toEqual([expect.objectContaining({ requestId })])
    })

    it('cannot confirm a request the member took back', async () => {
      const { member, withdrawal, reviewer } = await aRequestedWithdrawal()
      await cancelMyWithdrawal(t.deps, callerOf(member.openid), newRequestId())

      const confirmed = await confirmMemberWithdrawal(
        t.deps,
        reviewer,
        { id: withdrawal.id },
        newRequestId(),
      )

      expect(confirmed).toMatchObject({ ok: false, error: { code: 'PRIVACY.WITHDRAWAL_CLOSED' } })
      expect((await t.deps.store.read.members.byId(member.id))?.status).toBe('active')
    })

    it('erases a member whose account a sanction already cancelled', async () => {
      const { member } = await aMemberAtTheCounter(t.deps)
      const admin = callerOf((await addStaff(t.deps, 'admin')).openid)
      await sanctioned(t.deps, admin, {
        memberId: member.id,
        kind: 'cancellation',
        reason: '多次转卖兑换券',
      })
      const asked = await request(member.openid)
      if (!asked.ok) throw new Error(asked.error.code)

      const confirmed = await confirmMemberWithdrawal(
        t.deps,
        admin,
        { id: asked.data.id },
        newRequestId(),
      )

      expect(confirmed).toMatchObject({ ok: true })
      expect(await t.deps.store.read.members.byId(member.id)).toMatchObject({
        status: 'withdrawn',
        realName: '已注销会员',
        openid: `erased:${member.id}`,
      })
      expect(await t.deps.store.read.points.ledgerSum(member.id)).toBe(0)
    })

    it('refuses an unknown request', async () => {
      const reviewer = callerOf((await addStaff(t.deps, 'reviewer')).openid)

      const confirmed = await confirmMemberWithdrawal(
        t.deps,
        reviewer,
        { id: 'wd-nobody-1' },
        newRequestId(),
      )

      expect(confirmed).toMatchObject({
        ok: false,
        error: { code: 'PRIVACY.WITHDRAWAL_NOT_FOUND' },
      })
    })

    it('is refused to clerks and to the member, changing nothing', async () => {
      const { member, clerkCaller, withdrawal } = await aRequestedWithdrawal()
      const before = t.snapshot()

      for (const caller of [clerkCaller, callerOf(member.openid), callerOf('')]) {
        const confirmed = await confirmMemberWithdrawal(
          t.deps,
          caller,
          { id: withdrawal.id },
          newRequestId(),
        )
        expect(confirmed).toMatchObject({
          ok: false,
          error: { code: expect.stringMatching(/^AUTH\./) },
        })
      }
      expect(t.snapshot()).toEqual(before)
    })
  })
})
