import {
  acceptInvite,
  cancelInvite,
  changeStaffRole,
  changeStaffSite,
  INVITE_VALID_HOURS,
  isActiveStaff,
  isInviteExpired,
  memberBarsStaffRole,
  newInvite,
  revokeStaff,
  type AcceptContext,
  type StaffAccount,
  type StaffInvite,
} from '@/domain/staff/staff'
import type { MemberStatus } from '@/domain/member/member'

const NOW = new Date('2026-11-23T02:00:00.000Z')

function aStaff(overrides: Partial<StaffAccount> = {}): StaffAccount {
  return {
    id: 'staff-1',
    openid: 'o_staff_1',
    name: '陈晓',
    role: 'clerk',
    site: null,
    status: 'active',
    createdAt: '2026-01-01T02:00:00.000Z',
    version: 1,
    ...overrides,
  }
}

const anAdmin = (overrides: Partial<StaffAccount> = {}) =>
  aStaff({ id: 'staff-admin', openid: 'o_admin', name: '刘强', role: 'admin', ...overrides })

function anInvite(overrides: Partial<StaffInvite> = {}): StaffInvite {
  return {
    ...newInvite(
      {
        id: 'inv-1',
        codeHash: 'hash-1',
        role: 'reviewer',
        name: '周敏',
        site: null,
        createdBy: 'staff-admin',
      },
      NOW,
    ),
    ...overrides,
  }
}

function aContext(overrides: Partial<AcceptContext> = {}): AcceptContext {
  return {
    openid: 'o_guest',
    newStaffId: 'staff-new',
    staff: null,
    memberStatus: null,
    now: new Date('2026-11-23T03:00:00.000Z'),
    ...overrides,
  }
}

describe('newInvite', () => {
  it('is open, unused, at version 1, and valid for 48 hours', () => {
    const invite = anInvite()

    expect(INVITE_VALID_HOURS).toBe(48)
    expect(invite).toMatchObject({
      status: 'open',
      createdAt: '2026-11-23T02:00:00.000Z',
      expiresAt: '2026-11-25T02:00:00.000Z',
      closedBy: null,
      closedAt: null,
      version: 1,
    })
  })
})

describe('isInviteExpired', () => {
  it.each([
    ['a millisecond before the 48 hours are up', '2026-11-25T01:59:59.999Z', false],
    ['when the 48 hours are up', '2026-11-25T02:00:00.000Z', true],
    ['after', '2026-11-26T00:00:00.000Z', true],
  ])('%s: expired is %s', (_when, at, expired) => {
    expect(isInviteExpired(anInvite(), new Date(at))).toBe(expired)
  })
})

describe('isActiveStaff', () => {
  it('is true for an active account only', () => {
    expect(isActiveStaff(aStaff())).toBe(true)
    expect(isActiveStaff(aStaff({ status: 'revoked' }))).toBe(false)
    expect(isActiveStaff(null)).toBe(false)
  })
})

describe('memberBarsStaffRole', () => {
  it.each<[MemberStatus, boolean]>([
    ['pending', true],
    ['active', true],
    ['rejected', true],
    ['suspended', true],
    ['cancelled', true],
    ['withdrawn', false],
  ])('a %s member account bars a staff role: %s', (status, barred) => {
    expect(memberBarsStaffRole(status)).toBe(barred)
  })
})

describe('acceptInvite', () => {
  it('makes the caller staff with the invite’s role, name and outlet, and uses the invite up', () => {
    const result = acceptInvite(anInvite({ site: '鼓楼中山北路门店' }), aContext())

    expect(result).toEqual({
      ok: true,
      data: {
        staff: {
          id: 'staff-new',
          openid: 'o_guest',
          name: '周敏',
          role: 'reviewer',
          site: '鼓楼中山北路门店',
          status: 'active',
          createdAt: '2026-11-23T03:00:00.000Z',
          version: 1,
        },
        invite: expect.objectContaining({
          status: 'used',
          closedBy: 'staff-new',
          closedAt: '2026-11-23T03:00:00.000Z',
          version: 2,
        }),
      },
    })
  })

  it('gives a revoked account back, with the new role and name, keeping its id', () => {
    const revoked = aStaff({ status: 'revoked', version: 3 })

    const result = acceptInvite(anInvite(), aContext({ staff: revoked }))

    expect(result).toMatchObject({
      ok: true,
      data: {
        staff: { id: 'staff-1', role: 'reviewer', name: '周敏', status: 'active', version: 4 },
        invite: { closedBy: 'staff-1' },
      },
    })
  })

  it.each<MemberStatus>(['pending', 'active', 'rejected', 'suspended', 'cancelled'])(
    'refuses a caller with a %s member account, whatever the code',
    (memberStatus) => {
      expect(acceptInvite(null, aContext({ memberStatus }))).toMatchObject({
        ok: false,
        error: { code: 'AUTH.MEMBER_CANNOT_BE_STAFF' },
      })
    },
  )

  it('accepts a caller whose member account was withdrawn (erased)', () => {
    expect(acceptInvite(anInvite(), aContext({ memberStatus: 'withdrawn' })).ok).toBe(true)
  })

  it('refuses active staff, whatever the code', () => {
    expect(acceptInvite(null, aContext({ staff: aStaff() }))).toMatchObject({
      ok: false,
      error: { code: 'AUTH.ALREADY_STAFF' },
    })
  })

  it.each([
    ['an unknown code', null, 'STAFF.INVITE_INVALID'],
    ['a cancelled invite', anInvite({ status: 'cancelled' }), 'STAFF.INVITE_CANCELLED'],
    ['a used invite', anInvite({ status: 'used' }), 'STAFF.INVITE_USED'],
    [
      'an expired invite',
      anInvite({ expiresAt: '2026-11-23T03:00:00.000Z' }),
      'STAFF.INVITE_EXPIRED',
    ],
  ])('refuses %s', (_case, invite, code) => {
    expect(acceptInvite(invite, aContext())).toMatchObject({ ok: false, error: { code } })
  })
})

describe('changeStaffRole', () => {
  it('gives another active staff member a different role, one version on', () => {
    expect(changeStaffRole(anAdmin(), aStaff(), 'reviewer')).toEqual({
      ok: true,
      data: aStaff({ role: 'reviewer', version: 2 }),
    })
  })

  it.each([
    ['the acting admin changes their own role', anAdmin(), anAdmin(), 'STAFF.SELF_CHANGE'],
    ['the target is unknown', anAdmin(), null, 'STAFF.NOT_FOUND'],
    ['the target was revoked', anAdmin(), aStaff({ status: 'revoked' }), 'STAFF.REVOKED'],
    [
      'the target has that role already',
      anAdmin(),
      aStaff({ role: 'admin' }),
      'STAFF.ROLE_UNCHANGED',
    ],
    ['the actor is no admin', aStaff({ id: 'staff-2' }), aStaff(), 'AUTH.FORBIDDEN'],
    ['the actor was revoked meanwhile', anAdmin({ status: 'revoked' }), aStaff(), 'AUTH.FORBIDDEN'],
    ['the actor is gone', null, aStaff(), 'AUTH.FORBIDDEN'],
  ])('refuses when %s', (_case, actor, target, code) => {
    expect(changeStaffRole(actor, target, 'admin')).toMatchObject({ ok: false, error: { code } })
  })
})

describe('changeStaffSite', () => {
  it('moves another active staff member to another outlet, one version on', () => {
    expect(changeStaffSite(anAdmin(), aStaff(), '鼓楼中山北路门店')).toEqual({
      ok: true,
      data: aStaff({ site: '鼓楼中山北路门店', version: 2 }),
    })
  })

  it('takes a staff member off any outlet (null)', () => {
    expect(changeStaffSite(anAdmin(), aStaff({ site: '鼓楼店' }), null)).toEqual({
      ok: true,
      data: aStaff({ site: null, version: 2 }),
    })
  })

  it.each([
    ['the acting admin changes their own outlet', anAdmin(), anAdmin(), 'STAFF.SELF_CHANGE'],
    ['the target is unknown', anAdmin(), null, 'STAFF.NOT_FOUND'],
    ['the target was revoked', anAdmin(), aStaff({ status: 'revoked' }), 'STAFF.REVOKED'],
    [
      'the target is at that outlet already',
      anAdmin(),
      aStaff({ site: '鼓楼店' }),
      'STAFF.SITE_UNCHANGED',
    ],
    ['the actor is no admin', aStaff({ id: 'staff-2' }), aStaff(), 'AUTH.FORBIDDEN'],
    ['the actor is gone', null, aStaff(), 'AUTH.FORBIDDEN'],
  ])('refuses when %s', (_case, actor, target, code) => {
    expect(changeStaffSite(actor, target, '鼓楼店')).toMatchObject({ ok: false, error: { code } })
  })
})

describe('revokeStaff', () => {
  it('ends another staff member’s access, keeping the account (revoked, one version on)', () => {
    expect(revokeStaff(anAdmin(), aStaff())).toEqual({
      ok: true,
      data: aStaff({ status: 'revoked', version: 2 }),
    })
  })

  it('refuses an admin revoking themselves, so the last admin always remains', () => {
    expect(revokeStaff(anAdmin(), anAdmin())).toMatchObject({
      ok: false,
      error: { code: 'STAFF.SELF_CHANGE' },
    })
  })

  it('refuses an account revoked already', () => {
    expect(revokeStaff(anAdmin(), aStaff({ status: 'revoked' }))).toMatchObject({
      ok: false,
      error: { code: 'STAFF.REVOKED' },
    })
  })
})

describe('cancelInvite', () => {
  it('cancels an open invite, expired or not, recording who and when', () => {
    const expired = anInvite({ expiresAt: '2026-11-20T00:00:00.000Z' })

    expect(cancelInvite(expired, 'staff-admin', NOW)).toEqual({
      ok: true,
      data: {
        ...expired,
        status: 'cancelled',
        closedBy: 'staff-admin',
        closedAt: NOW.toISOString(),
        version: 2,
      },
    })
  })

  it.each([
    ['an unknown invite', null, 'STAFF.INVITE_INVALID'],
    ['a used invite', anInvite({ status: 'used' }), 'STAFF.INVITE_USED'],
    ['a cancelled invite', anInvite({ status: 'cancelled' }), 'STAFF.INVITE_CANCELLED'],
  ])('refuses %s', (_case, invite, code) => {
    expect(cancelInvite(invite, 'staff-admin', NOW)).toMatchObject({ ok: false, error: { code } })
  })
})
