/** Staff roles (员工角色) of SPEC §1; a person with one of them can never hold a member account. */
export const STAFF_ROLES = ['clerk', 'reviewer', 'admin'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

/** Who is calling, as far as the rules care. `guest` is a WeChat user with no account yet. */
export type Role = 'guest' | 'member' | StaffRole

/** What each staff role may do: an admin may do everything a clerk or a reviewer may (SPEC §1). */
const GRANTS: Record<StaffRole, readonly StaffRole[]> = {
  clerk: ['clerk'],
  reviewer: ['reviewer'],
  admin: ['clerk', 'reviewer', 'admin'],
}

/** True when `role` carries the permissions of `needed`. */
export function hasStaffPermission(role: Role, needed: StaffRole): boolean {
  return role !== 'guest' && role !== 'member' && GRANTS[role].includes(needed)
}

export function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role)
}
