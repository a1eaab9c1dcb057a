import { alreadyStaff, forbidden, memberCannotBeStaff } from '../shared/common.errors'
import { ok, type Result } from '../shared/result'
import type { MemberStatus } from '../member/member'
import { hasStaffPermission, type StaffRole } from '../member/roles'
import {
  inviteCancelled,
  inviteExpired,
  inviteInvalid,
  inviteNotFound,
  inviteUsed,
  roleUnchanged,
  selfChange,
  siteUnchanged,
  staffNotFound,
  staffRevoked,
} from './staff.errors'

/** `revoked`: access ended at once; the account stays, for the audit trail (审计). */
export type StaffStatus = 'active' | 'revoked'

/** A staff account (员工账号) of SPEC §1: one WeChat openid, one role, never a member as well. */
export type StaffAccount = {
  id: string
  openid: string
  name: string
  role: StaffRole
  /** The supplier's outlet (门店) where they work, printed on the receipts of their sales. */
  site: string | null
  status: StaffStatus
  createdAt: string
  version: number
}

export type InviteStatus = 'open' | 'used' | 'cancelled'

/**
 * An admin's invitation to become staff (员工邀请): a role and a name, accepted once, within
 * `INVITE_VALID_HOURS`, with a code that is stored only as its hash.
 */
export type StaffInvite = {
  id: string
  codeHash: string
  role: StaffRole
  name: string
  /** The outlet (门店) the new staff member will work at, if the admin gave one. */
  site: string | null
  status: InviteStatus
  /** The admin who invited (or `system` for the first admin's invite, made by a script). */
  createdBy: string
  createdAt: string
  expiresAt: string
  /** Who accepted it (the staff account) or cancelled it (the admin), and when. */
  closedBy: string | null
  closedAt: string | null
  version: number
}

/** How long an invite code can be accepted. */
export const INVITE_VALID_HOURS = 48

/** True for an account that may act as staff now; a revoked account, or none, may not. */
export const isActiveStaff = (staff: Pick<StaffAccount, 'status'> | null): boolean =>
  staff !== null && staff.status === 'active'

/**
 * A member account keeps its WeChat account from a staff role (SPEC §1: never both at once),
 * whatever its status, until it is withdrawn (注销, its personal data erased).
 */
export const memberBarsStaffRole = (status: MemberStatus): boolean => status !== 'withdrawn'

/** A new open invite, valid for `INVITE_VALID_HOURS` from `now`. */
export function newInvite(
  fields: Pick<StaffInvite, 'id' | 'codeHash' | 'role' | 'name' | 'site' | 'createdBy'>,
  now: Date,
): StaffInvite {
  return {
    ...fields,
    status: 'open',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + INVITE_VALID_HOURS * 3_600_000).toISOString(),
    closedBy: null,
    closedAt: null,
    version: 1,
  }
}

/** An invite expires at `expiresAt` exactly. */
export const isInviteExpired = (invite: Pick<StaffInvite, 'expiresAt'>, now: Date): boolean =>
  now.getTime() >= Date.parse(invite.expiresAt)

export type AcceptContext = {
  openid: string
  /** The id for a brand-new staff account. */
  newStaffId: string
  /** The caller's staff account, if any (active, or revoked earlier). */
  staff: StaffAccount | null
  /** The status of the caller's member account, if any. */
  memberStatus: MemberStatus | null
  now: Date
}

/**
 * 接受邀请: the caller becomes staff with the invite's role, name and outlet, and the invite is
 * used up.
 * Who the caller is comes first (a member account, or an active staff account, is refused whatever
 * the code), then the invite: unknown, cancelled, used or expired is refused. Someone whose
 * staff account was revoked gets it back, with the new role and name.
 */
export function acceptInvite(
  invite: StaffInvite | null,
  ctx: AcceptContext,
): Result<{ staff: StaffAccount; invite: StaffInvite }> {
  if (ctx.memberStatus !== null && memberBarsStaffRole(ctx.memberStatus)) {
    return memberCannotBeStaff()
  }
  if (isActiveStaff(ctx.staff)) return alreadyStaff()
  if (!invite) return inviteInvalid()
  if (invite.status === 'cancelled') return inviteCancelled()
  if (invite.status === 'used') return inviteUsed()
  if (isInviteExpired(invite, ctx.now)) return inviteExpired()

  const at = ctx.now.toISOString()
  const { role, name, site } = invite
  const staff: StaffAccount = ctx.staff
    ? { ...ctx.staff, role, name, site, status: 'active', version: ctx.staff.version + 1 }
    : {
        id: ctx.newStaffId,
        openid: ctx.openid,
        name,
        role,
        site,
        status: 'active',
        createdAt: at,
        version: 1,
      }
  return ok({
    staff,
    invite: {
      ...invite,
      status: 'used',
      closedBy: staff.id,
      closedAt: at,
      version: invite.version + 1,
    },
  })
}

/**
 * The acting admin, checked again where the change is decided: active and an admin. An admin never
 * changes or revokes their own account — another admin does — so the last admin always remains.
 */
function checkChange(
  actor: StaffAccount | null,
  target: StaffAccount | null,
): Result<StaffAccount> {
  if (!actor || !isActiveStaff(actor) || !hasStaffPermission(actor.role, 'admin')) {
    return forbidden()
  }
  if (!target) return staffNotFound()
  if (target.id === actor.id) return selfChange()
  if (!isActiveStaff(target)) return staffRevoked()
  return ok(target)
}

/** 修改角色: an admin gives another active staff member a different role. */
export function changeStaffRole(
  actor: StaffAccount | null,
  target: StaffAccount | null,
  role: StaffRole,
): Result<StaffAccount> {
  const checked = checkChange(actor, target)
  if (!checked.ok) return checked
  if (checked.data.role === role) return roleUnchanged()
  return ok({ ...checked.data, role, version: checked.data.version + 1 })
}

/**
 * 修改门店: an admin moves another active staff member to another outlet (null: none). Their sales
 * from then on print the new outlet; those recorded before keep the one they were made at.
 */
export function changeStaffSite(
  actor: StaffAccount | null,
  target: StaffAccount | null,
  site: string | null,
): Result<StaffAccount> {
  const checked = checkChange(actor, target)
  if (!checked.ok) return checked
  if (checked.data.site === site) return siteUnchanged()
  return ok({ ...checked.data, site, version: checked.data.version + 1 })
}

/** 停用: an admin ends another staff member's access at once; the account stays, revoked. */
export function revokeStaff(
  actor: StaffAccount | null,
  target: StaffAccount | null,
): Result<StaffAccount> {
  const checked = checkChange(actor, target)
  if (!checked.ok) return checked
  return ok({ ...checked.data, status: 'revoked', version: checked.data.version + 1 })
}

/** 作废邀请: an open invite (expired or not) is cancelled; a used one stays used. */
export function cancelInvite(
  invite: StaffInvite | null,
  adminId: string,
  now: Date,
): Result<StaffInvite> {
  if (!invite) return inviteNotFound()
  if (invite.status === 'used') return inviteUsed()
  if (invite.status === 'cancelled') return inviteCancelled()
  return ok({
    ...invite,
    status: 'cancelled',
    closedBy: adminId,
    closedAt: now.toISOString(),
    version: invite.version + 1,
  })
}
