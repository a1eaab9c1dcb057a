import { acceptStaffInvite } from '../../../../cloudfunctions/_shared/use-cases/accept-staff-invite'
import {
  cancelStaffInvite,
  changeStaffRoleUseCase,
  changeStaffSiteUseCase,
  inviteStaff,
  issueFirstAdminInvite,
  listStaff,
  revokeStaffUseCase,
} from '../../../../cloudfunctions/_shared/use-cases/manage-staff'
import { listRegistrations } from '../../../../cloudfunctions/_shared/use-cases/list-registrations'
import { lookupCard } from '../../../../cloudfunctions/_shared/use-cases/lookup-card'
import { getMe } from '../../../../cloudfunctions/_shared/use-cases/get-me'
import { registerMember } from '../../../../cloudfunctions/_shared/use-cases/register-member'
import type { StaffRole } from '@/domain/member/roles'
import { aRegistration } from '../../../support/builders'
import { aMemberAtTheCounter, purchaseOf } from '../../../support/points-flow'
import { callerOf, newOpenid } from '../../../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

describe('staff management (员工管理)', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-11-23T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  async function invited(adminOpenid: string, role: StaffRole = 'clerk', name = '陈新') {
    const result = await inviteStaff(t.deps, callerOf(adminOpenid), { role, name }, newRequestId())
    if (!result.ok || !result.data.code) throw new Error('no invite')
    return result.data as { code: string; invite: { id: string } }
  }

  const accept = (openid: string, code: string, requestId = newRequestId()) =>
    acceptStaffInvite(t.deps, callerOf(openid), { code: code.replace(/-/g, '') }, requestId)

  async function joined(adminOpenid: string, role: StaffRole = 'clerk', name = '陈新') {
    const openid = newOpenid('o_invitee')
    const { code } = await invited(adminOpenid, role, name)
    const result = await accept(openid, code)
    if (!result.ok) throw new Error(result.error.code)
    return { openid, staffId: result.data.staffId }
  }

  describe('inviteStaff', () => {
    it('issues a code shown once, lists the invite as open for 48 hours, and audits it', async () => {
      const admin = await addStaff(t.deps, 'admin')

      const result = await inviteStaff(
        t.deps,
        callerOf(admin.openid),
        { role: 'reviewer', name: '周新' },
        newRequestId(),
      )

      expect(result).toMatchObject({
        ok: true,
        data: {
          code: expect.stringMatching(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/),
          invite: {
            role: 'reviewer',
            name: '周新',
            status: 'open',
            expiresAt: '2026-11-25T02:00:00.000Z',
            expired: false,
          },
        },
      })
      const list = await listStaff(t.deps, callerOf(admin.openid), { offset: 0, limit: 50 })
      expect(list.ok && list.data.invites.map((i) => i.name)).toEqual(['周新'])
      const id = result.ok ? result.data.invite.id : ''
      expect(await t.deps.store.read.audit.forTarget('staff_invite', id)).toEqual([
        expect.objectContaining({
          action: 'staff.invite',
          actorId: admin.id,
          after: {
            role: 'reviewer',
            name: '周新',
            site: null,
            expiresAt: '2026-11-25T02:00:00.000Z',
          },
        }),
      ])
    })

    it('answers a retried request with the same invite, without its code, and writes nothing', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const requestId = newRequestId()
      const input = { role: 'clerk' as const, name: '陈新' }
      const first = await inviteStaff(t.deps, callerOf(admin.openid), input, requestId)
      const before = t.snapshot()

      const retry = await inviteStaff(t.deps, callerOf(admin.openid), input, requestId)

      expect(retry).toEqual(first.ok ? { ok: true, data: { ...first.data, code: null } } : null)
      expect(t.snapshot()).toEqual(before)
    })

    it('is for admins only', async () => {
      const reviewer = await addStaff(t.deps, 'reviewer')

      const result = await inviteStaff(
        t.deps,
        callerOf(reviewer.openid),
        { role: 'admin', name: '周新' },
        newRequestId(),
      )

      expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    })
  })

  describe('acceptStaffInvite', () => {
    it('makes a guest staff with the invited role and name, uses the invite up, and audits it', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const { code, invite } = await invited(admin.openid, 'reviewer', '周新')
      const openid = newOpenid('o_invitee')

      const result = await accept(openid, code)

      expect(result).toMatchObject({ ok: true, data: { name: '周新', role: 'reviewer' } })
      const staffId = result.ok ? result.data.staffId : ''
      expect(await t.deps.store.read.staff.byOpenid(openid)).toMatchObject({
        id: staffId,
        role: 'reviewer',
        status: 'active',
      })
      expect(await getMe(t.deps, callerOf(openid))).toMatchObject({
        ok: true,
        data: { role: 'reviewer', member: null },
      })
      expect(await t.deps.store.read.staff.invite(invite.id)).toMatchObject({
        status: 'used',
        closedBy: staffId,
      })
      expect(await t.deps.store.read.audit.forTarget('staff', staffId)).toEqual([
        expect.objectContaining({
          action: 'staff.accept',
          actorId: staffId,
          actorRole: 'reviewer',
          after: { role: 'reviewer', name: '周新', status: 'active', inviteId: invite.id },
        }),
      ])
    })

    it('makes one staff member of two people accepting one code at the same moment', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const { code } = await invited(admin.openid)
      const people = [newOpenid('o_invitee'), newOpenid('o_invitee'), newOpenid('o_invitee')]

      const results = await Promise.all(people.map((openid) => accept(openid, code)))

      expect(results.filter((r) => r.ok)).toHaveLength(1)
      expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual([
        'STAFF.INVITE_USED',
        'STAFF.INVITE_USED',
      ])
      const accounts = await Promise.all(people.map((o) => t.deps.store.read.staff.byOpenid(o)))
      expect(accounts.filter(Boolean)).toHaveLength(1)
    })

    it('takes a retried accept once', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const { code } = await invited(admin.openid)
      const openid = newOpenid('o_invitee')
      const requestId = newRequestId()
      const first = await accept(openid, code, requestId)

      const retry = await accept(openid, code, requestId)

      expect(retry).toEqual(first)
    })

    it('refuses a cancelled invite', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const { code, invite } = await invited(admin.openid)
      const cancelled = await cancelStaffInvite(
        t.deps,
        callerOf(admin.openid),
        { inviteId: invite.id },
        newRequestId(),
      )

      const result = await accept(newOpenid('o_invitee'), code)

      expect(cancelled).toMatchObject({ ok: true, data: { status: 'cancelled' } })
      expect(result).toMatchObject({ ok: false, error: { code: 'STAFF.INVITE_CANCELLED' } })
      const list = await listStaff(t.deps, callerOf(admin.openid), { offset: 0, limit: 50 })
      expect(list.ok && list.data.invites).toEqual([])
    })

    it('refuses someone who is staff already, and a code nobody issued', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const clerk = await addStaff(t.deps, 'clerk')
      const { code } = await invited(admin.openid)

      const staffAccepts = await accept(clerk.openid, code)
      const unknown = await accept(newOpenid('o_invitee'), 'ABCDEFGHJKMNPQRSTVWX')

      expect(staffAccepts).toMatchObject({ ok: false, error: { code: 'AUTH.ALREADY_STAFF' } })
      expect(unknown).toMatchObject({ ok: false, error: { code: 'STAFF.INVITE_INVALID' } })
    })
  })

  describe('changeStaffRoleUseCase', () => {
    it('gives another staff member a new role, in force on their next call, audited with the reason', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const clerk = await joined(admin.openid, 'clerk')

      const result = await changeStaffRoleUseCase(
        t.deps,
        callerOf(admin.openid),
        { staffId: clerk.staffId, role: 'reviewer', reason: '调往会员部' },
        newRequestId(),
      )

      expect(result).toMatchObject({ ok: true, data: { role: 'reviewer', status: 'active' } })
      expect(
        await listRegistrations(t.deps, callerOf(clerk.openid), {
          status: 'pending',
          offset: 0,
          limit: 20,
        }),
      ).toMatchObject({ ok: true })
      expect(
        await lookupCard(t.deps, callerOf(clerk.openid), { cardNo: '860000000017' }),
      ).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
      const trail = await t.deps.store.read.audit.forTarget('staff', clerk.staffId)
      expect(trail.at(-1)).toMatchObject({
        action: 'staff.changeRole',
        actorId: admin.id,
        before: { role: 'clerk' },
        after: { role: 'reviewer' },
        reason: '调往会员部',
      })
    })

    it('refuses an admin changing their own role', async () => {
      const admin = await addStaff(t.deps, 'admin')

      const result = await changeStaffRoleUseCase(
        t.deps,
        callerOf(admin.openid),
        { staffId: admin.id, role: 'clerk', reason: '自己降级' },
        newRequestId(),
      )

      expect(result).toMatchObject({ ok: false, error: { code: 'STAFF.SELF_CHANGE' } })
    })
  })

  describe('changeStaffSiteUseCase', () => {
    it('moves a clerk to another outlet: their next receipt prints it, earlier ones keep theirs; audited with the reason', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const { member, clerk } = await aMemberAtTheCounter(t.deps)
      const before = await purchaseOf(t.deps, clerk.openid, member.cardNo!, 100)

      const result = await changeStaffSiteUseCase(
        t.deps,
        callerOf(admin.openid),
        { staffId: clerk.id, site: '秦淮夫子庙门店', reason: '调往夫子庙店' },
        newRequestId(),
      )
      const after = await purchaseOf(t.deps, clerk.openid, member.cardNo!, 50)

      expect(result).toMatchObject({
        ok: true,
        data: { site: '秦淮夫子庙门店', status: 'active' },
      })
      const entryOf = async (id: string) => (await t.deps.store.read.points.entry(id))?.purchase
      expect(await entryOf(before.entryId)).toMatchObject({ site: clerk.site })
      expect(await entryOf(after.entryId)).toMatchObject({ site: '秦淮夫子庙门店' })
      const trail = await t.deps.store.read.audit.forTarget('staff', clerk.id)
      expect(trail.at(-1)).toMatchObject({
        action: 'staff.changeSite',
        actorId: admin.id,
        before: { site: clerk.site },
        after: { site: '秦淮夫子庙门店' },
        reason: '调往夫子庙店',
      })
    })

    it('refuses a move to the outlet they are at, and changes nothing', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const clerk = await joined(admin.openid, 'clerk')
      const before = t.snapshot()

      const result = await changeStaffSiteUseCase(
        t.deps,
        callerOf(admin.openid),
        { staffId: clerk.staffId, site: null, reason: '核对门店' },
        newRequestId(),
      )

      expect(result).toMatchObject({
        ok: false,
        error: { code: 'STAFF.SITE_UNCHANGED', fields: { site: '请填写另一个门店' } },
      })
      expect(t.snapshot()).toEqual(before)
    })

    it('is for admins only', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const reviewer = await addStaff(t.deps, 'reviewer')
      const clerk = await joined(admin.openid, 'clerk')

      const result = await changeStaffSiteUseCase(
        t.deps,
        callerOf(reviewer.openid),
        { staffId: clerk.staffId, site: '鼓楼店', reason: '调往鼓楼店' },
        newRequestId(),
      )

      expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    })
  })

  describe('revokeStaffUseCase', () => {
    it('keeps the revoked account, listed as revoked, and gives it back on a new invite', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const clerk = await joined(admin.openid, 'clerk', '陈新')
      await revokeStaffUseCase(
        t.deps,
        callerOf(admin.openid),
        { staffId: clerk.staffId, reason: '离职' },
        newRequestId(),
      )
      const revokedList = await listStaff(t.deps, callerOf(admin.openid), { offset: 0, limit: 50 })
      const { code } = await invited(admin.openid, 'admin', '陈新')

      const back = await accept(clerk.openid, code)

      expect(revokedList.ok && revokedList.data.staff).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: clerk.staffId, status: 'revoked', self: false }),
          expect.objectContaining({ id: admin.id, self: true }),
        ]),
      )
      expect(back).toMatchObject({ ok: true, data: { staffId: clerk.staffId, role: 'admin' } })
      expect(await t.deps.store.read.staff.byId(clerk.staffId)).toMatchObject({
        status: 'active',
        role: 'admin',
      })
    })

    it('lets someone whose staff account was revoked register as a member afterwards', async () => {
      const admin = await addStaff(t.deps, 'admin')
      const clerk = await joined(admin.openid)
      await revokeStaffUseCase(
        t.deps,
        callerOf(admin.openid),
        { staffId: clerk.staffId, reason: '离职' },
        newRequestId(),
      )

      const registered = await registerMember(
        t.deps,
        callerOf(clerk.openid),
        aRegistration(),
        newRequestId(),
      )

      expect(registered).toMatchObject({ ok: true, data: { status: 'pending' } })
    })

    it('leaves an admin when two admins revoke each other at the same moment', async () => {
      const first = await addStaff(t.deps, 'admin')
      const second = await addStaff(t.deps, 'admin')

      const results = await Promise.all([
        revokeStaffUseCase(
          t.deps,
          callerOf(first.openid),
          { staffId: second.id, reason: '互相停用' },
          newRequestId(),
        ),
        revokeStaffUseCase(
          t.deps,
          callerOf(second.openid),
          { staffId: first.id, reason: '互相停用' },
          newRequestId(),
        ),
      ])

      expect(results.filter((r) => r.ok)).toHaveLength(1)
      expect(results.find((r) => !r.ok)).toMatchObject({ error: { code: 'AUTH.FORBIDDEN' } })
      const accounts = [
        await t.deps.store.read.staff.byId(first.id),
        await t.deps.store.read.staff.byId(second.id),
      ]
      expect(accounts.filter((a) => a?.status === 'active')).toHaveLength(1)
    })
  })

  describe('issueFirstAdminInvite', () => {
    it('writes an admin invite by the system when there is no admin yet, and its code works', async () => {
      const issued = await issueFirstAdminInvite(t.deps, { name: '刘经理', anyway: false })
      const openid = newOpenid('o_first_admin')

      const accepted = issued.ok ? await accept(openid, issued.code) : null

      expect(issued).toMatchObject({ ok: true, invite: { role: 'admin', name: '刘经理' } })
      expect(accepted).toMatchObject({ ok: true, data: { role: 'admin', name: '刘经理' } })
      const id = issued.ok ? issued.invite.id : ''
      expect(await t.deps.store.read.audit.forTarget('staff_invite', id)).toEqual([
        expect.objectContaining({ action: 'staff.invite', actorId: 'system', actorRole: 'system' }),
      ])
    })

    it('writes nothing while an active admin exists, unless told to anyway', async () => {
      await addStaff(t.deps, 'admin')
      const before = t.snapshot()

      const refused = await issueFirstAdminInvite(t.deps, { name: '刘经理', anyway: false })
      const unchanged = t.snapshot()
      const anyway = await issueFirstAdminInvite(t.deps, { name: '刘经理', anyway: true })

      expect(refused).toEqual({ ok: false, admins: [expect.stringMatching(/^admin /)] })
      expect(unchanged).toEqual(before)
      expect(anyway.ok).toBe(true)
    })
  })
})
