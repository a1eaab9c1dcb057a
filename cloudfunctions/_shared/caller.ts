import {
  forbidden,
  notAMember,
  notSignedIn,
  staffNotAMember,
} from '../../src/domain/shared/common.errors'
import { hasStaffPermission, type Role, type StaffRole } from '../../src/domain/member/roles'
import { isActiveStaff } from '../../src/domain/staff/staff'
import { ok, type Result } from '../../src/domain/shared/result'
import type { Deps, MemberRecord, Repositories, StaffRecord } from './ports'

/**
 * Who is calling, taken from the server context only: CloudBase's `getUserInfo()` in production,
 * the signed dev session on the local host. Never from the payload.
 */
export type Caller = {
  openid: string
  unionid: string | null
  /** A timer trigger of CloudBase itself (no WeChat user behind it); never set from the payload. */
  system?: boolean
}

export type Actor = {
  role: Role
  member: MemberRecord | null
  staff: StaffRecord | null
}

/**
 * Resolves the caller's role: active staff by openid first, then member, else guest. A revoked
 * staff account counts for nothing.
 */
export async function resolveActor(repos: Repositories, caller: Caller): Promise<Actor> {
  const staff = await repos.staff.byOpenid(caller.openid)
  if (staff && isActiveStaff(staff)) return { role: staff.role, member: null, staff }
  const member = await repos.members.byOpenid(caller.openid)
  return { role: member ? 'member' : 'guest', member, staff: null }
}

/**
 * The staff record of an active caller who holds (or inherits) `needed` — or one of them, when
 * several roles may do it; otherwise an AUTH failure. Read on every call, so a revoked account (or
 * a changed role) takes effect on the very next call.
 */
export async function requireStaff(
  deps: Deps,
  caller: Caller,
  needed: StaffRole | readonly StaffRole[],
): Promise<Result<StaffRecord>> {
  if (!caller.openid) return notSignedIn()
  return staffAllowed(await deps.store.read.staff.byOpenid(caller.openid), needed)
}

/** `requireStaff` on a staff account already read: active, and holding one of the roles needed. */
export function staffAllowed(
  staff: StaffRecord | null,
  needed: StaffRole | readonly StaffRole[],
): Result<StaffRecord> {
  const roles: readonly StaffRole[] = typeof needed === 'string' ? [needed] : needed
  if (!staff || !isActiveStaff(staff)) return forbidden()
  if (!roles.some((role) => hasStaffPermission(staff.role, role))) return forbidden()
  return ok(staff)
}

/**
 * The caller's own member record (any status); otherwise an AUTH failure. An openid that is also
 * active staff (legacy data: a console edit) acts as no member (SPEC §1: never both at once).
 */
export async function requireMember(deps: Deps, caller: Caller): Promise<Result<MemberRecord>> {
  if (!caller.openid) return notSignedIn()
  const member = await deps.store.read.members.byOpenid(caller.openid)
  if (!member) return notAMember()
  return memberAllowed(member, await deps.store.read.staff.byOpenid(caller.openid))
}

/** `requireMember` on the caller's member record and staff account already read. */
export function memberAllowed(
  member: MemberRecord | null,
  staff: StaffRecord | null,
): Result<MemberRecord> {
  if (!member) return notAMember()
  if (isActiveStaff(staff)) return staffNotAMember()
  return ok(member)
}

/** The scheduler, or an admin pressing the button: who may run a batch job. */
export async function requireSystemOrAdmin(deps: Deps, caller: Caller): Promise<Result<string>> {
  if (caller.system && !caller.openid) return ok('system')
  const admin = await requireStaff(deps, caller, 'admin')
  return admin.ok ? ok(admin.data.id) : admin
}
