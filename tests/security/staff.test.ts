import { adminFunction } from '../../cloudfunctions/admin/index'
import { cardFunction } from '../../cloudfunctions/card/index'
import { eventsFunction } from '../../cloudfunctions/events/index'
import { memberFunction } from '../../cloudfunctions/member/index'
import { pointsFunction } from '../../cloudfunctions/points/index'
import { getMyCard } from '../../cloudfunctions/_shared/use-cases/card-use-cases'
import type { Deps } from '../../cloudfunctions/_shared/ports'
import { cardCode, timeStep } from '@/domain/card/card-code'
import type { StaffRole } from '@/domain/member/roles'
import { aMemberAtTheCounter, showCard } from '../support/points-flow'
import { aPublishedEvent } from '../support/event-flow'
import { callerOf, newOpenid } from '../support/registration-flow'
import { addStaff, newRequestId, testDeps, type StoreSnapshot } from '../support/test-deps'

type Fn = typeof memberFunction

const FUNCTIONS: Record<string, Fn> = {
  member: memberFunction,
  card: cardFunction,
  points: pointsFunction,
  events: eventsFunction,
  admin: adminFunction,
}

/** Everything stored except the audit log, which records refused attempts too. */
const withoutAudit = ({ audit_log: _audit, ...rest }: StoreSnapshot) => rest

/**
 * The attacks on staff accounts (SPEC §1: staff and members are never the same WeChat account;
 * every privileged action is audited): a member made staff behind the app's back (a console edit)
 * crediting his own card, a clerk who left still at the counter, an invite code used twice, late,
 * or by a member.
 */
describe('staff accounts under attack', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-11-23T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  const call = (fn: string, openid: string, action: string, payload: unknown = {}) =>
    FUNCTIONS[fn]!.handle({ action, payload, requestId: newRequestId() }, callerOf(openid), t.deps)

  /** A staff record written straight into the store, as a console edit would. */
  const madeStaffBehindTheAppsBack = (deps: Deps, openid: string, role: StaffRole) =>
    addStaff(deps, role, openid)

  /** The member's phone: the current code of their card, from the secret it was given. */
  async function phoneOf(openid: string) {
    const card = await getMyCard(t.deps, callerOf(openid))
    if (!card.ok) throw new Error(`no card: ${card.error.code}`)
    const secret = new Uint8Array(Buffer.from(card.data.secret, 'base64'))
    return { codeNow: () => cardCode(secret, card.data, timeStep(t.deps.clock.now())) }
  }

  async function anInvite(admin: { openid: string }, role: StaffRole = 'clerk', name = '新店员') {
    const invited = await call('admin', admin.openid, 'inviteStaff', { role, name })
    if (!invited.ok) throw new Error(`invite refused: ${invited.error.code}`)
    return invited.data as { code: string; invite: { id: string } }
  }

  describe('a member added as staff in the database console', () => {
    it('cannot verify his own card, nor earn 99,999 points on it', async () => {
      const { member } = await aMemberAtTheCounter(t.deps)
      const phone = await phoneOf(member.openid)
      await madeStaffBehindTheAppsBack(t.deps, member.openid, 'clerk')
      t.clock.set('2026-11-23T02:01:00.000Z') // the next code of his own phone
      const before = t.snapshot()

      const verified = await call('card', member.openid, 'verify', { code: phone.codeNow() })
      const earned = await call('points', member.openid, 'earnPurchase', {
        cardNo: member.cardNo,
        lines: [{ category: 'daily', amountFen: 9_999_900 }],
      })

      expect(verified).toMatchObject({
        ok: false,
        error: { code: 'STAFF.CARDHOLDER_IS_STAFF' },
      })
      expect(earned).toMatchObject({ ok: false, error: { code: 'STAFF.CARDHOLDER_IS_STAFF' } })
      expect(withoutAudit(t.snapshot())).toEqual(withoutAudit(before))
      expect((await t.deps.store.read.points.account(member.id))?.balance ?? 0).toBe(0)
    })

    it('has every counter attempt on his card refused and audited, whichever clerk serves him', async () => {
      const { member, clerk } = await aMemberAtTheCounter(t.deps)
      const phone = await phoneOf(member.openid)
      await madeStaffBehindTheAppsBack(t.deps, member.openid, 'reviewer')
      t.clock.set('2026-11-23T02:01:00.000Z')
      const admin = await addStaff(t.deps, 'admin')
      const event = await aPublishedEvent(t.deps, {}, admin)
      const before = t.snapshot()

      const answers = [
        await call('card', clerk.openid, 'verify', { code: phone.codeNow() }),
        await call('points', clerk.openid, 'lookupCard', { cardNo: member.cardNo }),
        await call('points', clerk.openid, 'earnPurchase', {
          cardNo: member.cardNo,
          lines: [{ category: 'daily', amountFen: 100_00 }],
        }),
        await call('points', clerk.openid, 'useVoucher', {
          code: 'V123456789',
          cardNo: member.cardNo,
        }),
        await call('events', clerk.openid, 'checkIn', { eventId: event.id, code: phone.codeNow() }),
      ]

      for (const answer of answers) {
        expect(answer).toMatchObject({ ok: false, error: { code: 'STAFF.CARDHOLDER_IS_STAFF' } })
      }
      expect(withoutAudit(t.snapshot())).toEqual(withoutAudit(before))
      const trail = await t.deps.store.read.audit.forTarget('member', member.id)
      const refused = trail.filter((r) => r.action === 'staff.counterRefused')
      expect(refused).toHaveLength(answers.length)
      expect(refused[0]).toMatchObject({ actorId: clerk.id, actorRole: 'clerk' })
    })

    it('cannot act as a member', async () => {
      const { member } = await aMemberAtTheCounter(t.deps)
      await madeStaffBehindTheAppsBack(t.deps, member.openid, 'clerk')
      const before = t.snapshot()

      const answers = [
        await call('points', member.openid, 'overview'),
        await call('card', member.openid, 'mine'),
        await call('member', member.openid, 'star'),
        await call('member', member.openid, 'myData'),
        await call('member', member.openid, 'fileComplaint', {
          category: 'service',
          text: '门店服务态度差',
        }),
        await call('events', member.openid, 'list', { when: 'upcoming' }),
      ]

      for (const answer of answers) {
        expect(answer).toMatchObject({ ok: false, error: { code: 'AUTH.STAFF_NOT_A_MEMBER' } })
      }
      expect(t.snapshot()).toEqual(before)
    })
  })

  describe('a clerk whose access was revoked', () => {
    it('is refused at the counter on his very next call', async () => {
      const { member, clerk } = await aMemberAtTheCounter(t.deps)
      const admin = await addStaff(t.deps, 'admin')
      const revoked = await call('admin', admin.openid, 'revokeStaff', {
        staffId: clerk.id,
        reason: '已离职',
      })
      const before = t.snapshot()

      const lookup = await call('points', clerk.openid, 'lookupCard', { cardNo: member.cardNo })
      const earned = await call('points', clerk.openid, 'earnPurchase', {
        cardNo: member.cardNo,
        lines: [{ category: 'daily', amountFen: 100_00 }],
      })

      expect(revoked).toMatchObject({ ok: true, data: { status: 'revoked' } })
      expect(lookup).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
      expect(earned).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
      expect(t.snapshot()).toEqual(before)
      expect(await t.deps.store.read.staff.byId(clerk.id)).toMatchObject({ status: 'revoked' })
      expect(await t.deps.store.read.audit.forTarget('staff', clerk.id)).toEqual([
        expect.objectContaining({
          action: 'staff.revoke',
          actorId: admin.id,
          before: { role: 'clerk', status: 'active' },
          after: { role: 'clerk', status: 'revoked' },
          reason: '已离职',
        }),
      ])
    })

    it('cannot be revoked by the last admin revoking himself', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const before = t.snapshot()

      const answer = await call('admin', admin.openid, 'revokeStaff', {
        staffId: admin.id,
        reason: '测试',
      })

      expect(answer).toMatchObject({ ok: false, error: { code: 'STAFF.SELF_CHANGE' } })
      expect(t.snapshot()).toEqual(before)
    })
  })

  describe('an invite code', () => {
    it('makes one staff member when two people accept it at the same moment', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const { code } = await anInvite(admin)
      const [first, second] = [newOpenid('o_guest'), newOpenid('o_guest')]

      const answers = await Promise.all([
        call('member', first, 'acceptStaffInvite', { code }),
        call('member', second, 'acceptStaffInvite', { code }),
      ])

      expect(answers.filter((a) => a.ok)).toHaveLength(1)
      expect(answers.find((a) => !a.ok)).toMatchObject({
        ok: false,
        error: { code: 'STAFF.INVITE_USED' },
      })
      const staff = [
        await t.deps.store.read.staff.byOpenid(first),
        await t.deps.store.read.staff.byOpenid(second),
      ].filter(Boolean)
      expect(staff).toHaveLength(1)
    })

    it('is refused once used, even to the person who used it', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const { code } = await anInvite(admin)
      const guest = newOpenid('o_guest')
      await call('member', guest, 'acceptStaffInvite', { code })
      const before = t.snapshot()

      const again = await call('member', newOpenid('o_guest'), 'acceptStaffInvite', { code })

      expect(again).toMatchObject({ ok: false, error: { code: 'STAFF.INVITE_USED' } })
      expect(t.snapshot()).toEqual(before)
    })

    it('is refused once expired (48 hours)', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const { code } = await anInvite(admin, 'admin')
      t.clock.set('2026-11-25T02:00:00.000Z')
      const before = t.snapshot()

      const late = await call('member', newOpenid('o_guest'), 'acceptStaffInvite', { code })

      expect(late).toMatchObject({ ok: false, error: { code: 'STAFF.INVITE_EXPIRED' } })
      expect(t.snapshot()).toEqual(before)
    })

    it('cannot be accepted by a member', async () => {
      const { member } = await aMemberAtTheCounter(t.deps)
      const admin = await addStaff(t.deps, 'admin')
      const { code } = await anInvite(admin, 'admin')
      const before = t.snapshot()

      const answer = await call('member', member.openid, 'acceptStaffInvite', { code })

      expect(answer).toMatchObject({ ok: false, error: { code: 'AUTH.MEMBER_CANNOT_BE_STAFF' } })
      expect(answer.ok ? '' : answer.error.message).toMatch(/会员/)
      expect(t.snapshot()).toEqual(before)
      expect(await t.deps.store.read.staff.byOpenid(member.openid)).toBeNull()
    })

    it('is stored nowhere in clear: not in the invite, the audit log or the request log', async () => {
      const admin = await addStaff(t.deps, 'admin')

      const { code } = await anInvite(admin)
      await call('member', newOpenid('o_guest'), 'acceptStaffInvite', { code })

      expect(JSON.stringify(t.snapshot())).not.toContain(code.replace(/-/g, ''))
      expect(JSON.stringify(t.snapshot())).not.toContain(code)
    })

    it('cannot be guessed: at least 80 random bits, never the same twice', async () => {
      const admin = await addStaff(t.deps, 'admin')

      const codes = await Promise.all(
        Array.from({ length: 20 }, async () => (await anInvite(admin)).code),
      )

      const symbols = codes.map((c) => c.replace(/-/g, ''))
      expect(new Set(symbols).size).toBe(codes.length)
      // Crockford base-32: 5 bits a symbol.
      for (const s of symbols) expect(s.length * 5).toBeGreaterThanOrEqual(80)
    })
  })

  it('lets a clerk whose card was shown to him by a real member keep working (control)', async () => {
    const { member, clerk } = await aMemberAtTheCounter(t.deps)
    t.clock.set('2026-11-23T02:01:00.000Z')
    await showCard(t.deps, member.openid, clerk.openid)

    const earned = await call('points', clerk.openid, 'earnPurchase', {
      cardNo: member.cardNo,
      lines: [{ category: 'daily', amountFen: 100_00 }],
    })

    expect(earned).toMatchObject({ ok: true, data: { points: 100 } })
  })
})
