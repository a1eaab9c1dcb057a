import {
  hasStaffPermission,
  isStaffRole,
  STAFF_ROLES,
  type Role,
  type StaffRole,
} from '@/domain/member/roles'

describe('hasStaffPermission', () => {
  it.each<[Role, StaffRole, boolean]>([
    ['admin', 'admin', true],
    ['admin', 'clerk', true],
    ['admin', 'reviewer', true],
    ['clerk', 'clerk', true],
    ['clerk', 'reviewer', false],
    ['clerk', 'admin', false],
    ['reviewer', 'reviewer', true],
    ['reviewer', 'clerk', false],
    ['reviewer', 'admin', false],
  ])('gives %s the permission of %s: %p', (role, needed, expected) => {
    expect(hasStaffPermission(role, needed)).toBe(expected)
  })

  it.each<Role>(['member', 'guest'])('gives %s no staff permission at all', (role) => {
    for (const needed of STAFF_ROLES) {
      expect(hasStaffPermission(role, needed)).toBe(false)
    }
  })
})

describe('isStaffRole', () => {
  it.each(['clerk', 'reviewer', 'admin'])('recognises %s as a staff role', (role) => {
    expect(isStaffRole(role)).toBe(true)
  })

  it.each(['member', 'guest', '', 'Admin', 'superuser', 'toString'])(
    'does not take %p for a staff role',
    (role) => {
      expect(isStaffRole(role)).toBe(false)
    },
  )
})

describe('STAFF_ROLES', () => {
  it('lists exactly the three staff roles of the club', () => {
    expect([...STAFF_ROLES].sort()).toEqual(['admin', 'clerk', 'reviewer'])
  })
})
