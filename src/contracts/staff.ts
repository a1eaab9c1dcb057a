import * as z from 'zod'
import { STAFF_ROLES, type StaffRole } from '../domain/member/roles'
import { isInviteCode, normaliseInviteCode } from '../domain/staff/invite-code'
import type { InviteStatus, StaffStatus } from '../domain/staff/staff'
import { trimmedText } from './fields'

/** Staff management (员工管理, admin) and the invitee's side (SPEC §1: admin manages staff roles). */

const staffRole = z.enum(STAFF_ROLES, { error: '请选择角色' })
const staffId = z.string({ error: '缺少员工编号' }).min(1, '缺少员工编号').max(64)
const reason = trimmedText('原因', 2, 200)

/** The outlet (门店) a clerk works at: printed on the receipts of their sales; may be left out. */
const site = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  trimmedText('门店', 2, 30).nullable().default(null),
)

export const inviteStaffInput = z
  .object({ role: staffRole, name: trimmedText('姓名', 2, 20), site })
  .strict()

export const staffListInput = z
  .object({
    offset: z.number().int().min(0).max(100_000).default(0),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .strict()

export const changeStaffRoleInput = z.object({ staffId, role: staffRole, reason }).strict()

export const changeStaffSiteInput = z.object({ staffId, site, reason }).strict()

export const revokeStaffInput = z.object({ staffId, reason }).strict()

export const cancelStaffInviteInput = z
  .object({ inviteId: z.string({ error: '缺少邀请编号' }).min(1, '缺少邀请编号').max(64) })
  .strict()

/** The code as typed or scanned: any case, with or without dashes and spaces. */
export const acceptStaffInviteInput = z
  .object({
    code: z.preprocess(
      (v) => (typeof v === 'string' ? normaliseInviteCode(v) : v),
      z
        .string({ error: '请输入邀请码' })
        .min(1, '请输入邀请码')
        .refine(isInviteCode, '邀请码为20位字母或数字，请核对'),
    ),
  })
  .strict()

/** A staff account as the admin's list shows it. */
export type StaffView = {
  id: string
  name: string
  role: StaffRole
  site: string | null
  status: StaffStatus
  createdAt: string
  /** The admin looking at the list: their own row has no buttons. */
  self: boolean
}

export type StaffInviteView = {
  id: string
  name: string
  role: StaffRole
  site: string | null
  status: InviteStatus
  createdAt: string
  expiresAt: string
  expired: boolean
}

export type StaffListView = {
  staff: StaffView[]
  total: number
  /** Open invites (not used, not cancelled), newest first; expired ones flagged. */
  invites: StaffInviteView[]
}

/**
 * A new invite and its code, shown once (it is stored only as a hash). A retried request returns
 * the invite with `code: null`: the code cannot be shown again, so the admin cancels and re-invites.
 */
export type IssuedInvite = { invite: StaffInviteView; code: string | null }

/** The invitee, now staff. */
export type JoinedStaff = { staffId: string; name: string; role: StaffRole }
