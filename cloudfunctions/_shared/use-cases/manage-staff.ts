import type {
  IssuedInvite,
  StaffInviteView,
  StaffListView,
  StaffView,
} from '../../../src/contracts/staff'
import type { StaffRole } from '../../../src/domain/member/roles'
import { formatInviteCode } from '../../../src/domain/staff/invite-code'
import {
  cancelInvite,
  changeStaffRole,
  changeStaffSite,
  isActiveStaff,
  isInviteExpired,
  newInvite,
  revokeStaff,
  type StaffInvite,
} from '../../../src/domain/staff/staff'
import { writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { auditOf } from '../audit'
import { requireStaff, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import type { Deps, Repositories, StaffRecord } from '../ports'
import { inviteCodeHash, newInviteCode } from '../staff-invite-codes'

/** How many open invites the staff page lists. */
const OPEN_INVITES_SHOWN = 50

export const inviteView = (invite: StaffInvite, now: Date): StaffInviteView => ({
  id: invite.id,
  name: invite.name,
  role: invite.role,
  site: invite.site,
  status: invite.status,
  createdAt: invite.createdAt,
  expiresAt: invite.expiresAt,
  expired: isInviteExpired(invite, now),
})

const staffView = (staff: StaffRecord, viewerId: string): StaffView => ({
  id: staff.id,
  name: staff.name,
  role: staff.role,
  site: staff.site,
  status: staff.status,
  createdAt: staff.createdAt,
  self: staff.id === viewerId,
})

/** 员工管理 (admin): every staff account, active and revoked, and the open invites. */
export async function listStaff(
  deps: Deps,
  caller: Caller,
  input: { offset: number; limit: number },
): Promise<Result<StaffListView>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const [page, invites] = await Promise.all([
    deps.store.read.staff.list(input.offset, input.limit),
    deps.store.read.staff.openInvites(OPEN_INVITES_SHOWN),
  ])
  const now = deps.clock.now()
  return ok({
    staff: page.items.map((s) => staffView(s, admin.data.id)),
    total: page.total,
    invites: invites.map((i) => inviteView(i, now)),
  })
}

/**
 * Writes a new invite and its audit record; the code is returned to show once, never stored (only
 * its hash is). Shared by the admin's invite and the first-admin script.
 */
async function writeInvite(
  deps: Pick<Deps, 'clock' | 'ids'>,
  tx: Repositories,
  actor: { id: string; role: string },
  input: { role: StaffRole; name: string; site: string | null; code: string; requestId: string },
): Promise<Result<IssuedInvite>> {
  const now = deps.clock.now()
  const invite = newInvite(
    {
      id: deps.ids.next(),
      codeHash: inviteCodeHash(input.code),
      role: input.role,
      name: input.name,
      site: input.site,
      createdBy: actor.id,
    },
    now,
  )
  if (!(await tx.staff.saveInvite(invite)).ok) return writeConflict()
  await tx.audit.append(
    auditOf(deps, actor, {
      action: 'staff.invite',
      targetType: 'staff_invite',
      targetId: invite.id,
      before: null,
      after: {
        role: invite.role,
        name: invite.name,
        site: invite.site,
        expiresAt: invite.expiresAt,
      },
      reason: null,
      requestId: input.requestId,
      now,
    }),
  )
  return ok({ invite: inviteView(invite, now), code: formatInviteCode(input.code) })
}

/** The request log keeps an issued invite without its code (the code is stored nowhere). */
const withoutCode = (result: Result<IssuedInvite>): Result<IssuedInvite> =>
  result.ok ? ok({ ...result.data, code: null }) : result

/**
 * 邀请员工 (admin): a clerk, reviewer or admin is invited by name with a one-time code, valid 48
 * hours, shown once (as text and QR) and stored only as its hash; audited. A retry of the request
 * returns the invite without its code.
 */
export async function inviteStaff(
  deps: Deps,
  caller: Caller,
  input: { role: StaffRole; name: string; site?: string | null },
  requestId: string,
): Promise<Result<IssuedInvite>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const code = newInviteCode()
  const site = input.site ?? null
  const key = { requestId, openid: caller.openid, fn: 'admin', action: 'inviteStaff' }
  return idempotent(
    deps,
    key,
    (tx) => writeInvite(deps, tx, admin.data, { ...input, site, code, requestId }),
    withoutCode,
  )
}

/** 作废邀请 (admin): an open invite can no longer be accepted; audited. */
export async function cancelStaffInvite(
  deps: Deps,
  caller: Caller,
  input: { inviteId: string },
  requestId: string,
): Promise<Result<StaffInviteView>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const key = { requestId, openid: caller.openid, fn: 'admin', action: 'cancelStaffInvite' }
  return idempotent(deps, key, async (tx) => {
    const now = deps.clock.now()
    const invite = await tx.staff.invite(input.inviteId)
    const cancelled = cancelInvite(invite, admin.data.id, now)
    if (!cancelled.ok) return cancelled
    if (!(await tx.staff.saveInvite(cancelled.data)).ok) return writeConflict()
    await tx.audit.append(
      auditOf(deps, admin.data, {
        action: 'staff.cancelInvite',
        targetType: 'staff_invite',
        targetId: cancelled.data.id,
        before: { status: invite!.status },
        after: { status: cancelled.data.status },
        reason: null,
        requestId,
        now,
      }),
    )
    return ok(inviteView(cancelled.data, now))
  })
}

/**
 * Saves a changed staff account and re-saves the acting admin's own record in the same
 * transaction. The second write is what keeps an admin: two admins removing each other at once
 * both write both records, so on CloudBase one transaction meets a write conflict and is run
 * again — and then finds its own admin gone (SQLite runs them one after the other anyway).
 */
async function saveChange(tx: Repositories, changed: StaffRecord, actor: StaffRecord) {
  if (!(await tx.staff.update(changed)).ok) return false
  return (await tx.staff.update({ ...actor, version: actor.version + 1 })).ok
}

/** The acting admin as stored now, read inside the transaction (null when gone). */
const actorIn = async (tx: Repositories, id: string) => tx.staff.byId(id)

/**
 * A change an admin makes to another staff member's account (修改角色, 修改门店, 停用): once per
 * request, the domain's decision on the account as stored now, both records saved
 * (`saveChange`), and an audit record of what the change touched, with the reason.
 */
async function changeStaffAccount(
  deps: Deps,
  caller: Caller,
  change: {
    staffId: string
    reason: string
    requestId: string
    action: 'changeStaffRole' | 'changeStaffSite' | 'revokeStaff'
    audited: 'staff.changeRole' | 'staff.changeSite' | 'staff.revoke'
    decide(actor: StaffRecord | null, target: StaffRecord | null): Result<StaffRecord>
    /** What the audit record shows of the account, before and after. */
    shown(account: StaffRecord): Record<string, unknown>
  },
): Promise<Result<StaffView>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const { requestId } = change
  const key = { requestId, openid: caller.openid, fn: 'admin', action: change.action }
  return idempotent(deps, key, async (tx) => {
    const now = deps.clock.now()
    const actor = await actorIn(tx, admin.data.id)
    const target = await tx.staff.byId(change.staffId)
    const changed = change.decide(actor, target)
    if (!changed.ok) return changed
    if (!(await saveChange(tx, changed.data, actor!))) return writeConflict()
    await tx.audit.append(
      auditOf(deps, actor!, {
        action: change.audited,
        targetType: 'staff',
        targetId: changed.data.id,
        before: change.shown(target!),
        after: change.shown(changed.data),
        reason: change.reason,
        requestId,
        now,
      }),
    )
    return ok(staffView(changed.data, actor!.id))
  })
}

/**
 * 修改角色 (admin): another active staff member gets a different role, with a reason; audited. An
 * admin never changes their own role (another admin does), so the last admin always remains.
 */
export const changeStaffRoleUseCase = (
  deps: Deps,
  caller: Caller,
  input: { staffId: string; role: StaffRole; reason: string },
  requestId: string,
): Promise<Result<StaffView>> =>
  changeStaffAccount(deps, caller, {
    ...input,
    requestId,
    action: 'changeStaffRole',
    audited: 'staff.changeRole',
    decide: (actor, target) => changeStaffRole(actor, target, input.role),
    shown: ({ role }) => ({ role }),
  })

/**
 * 修改门店 (admin): another active staff member moves to another outlet (or none), with a reason;
 * audited. The receipts of their sales print it from then on; those on file keep theirs.
 */
export const changeStaffSiteUseCase = (
  deps: Deps,
  caller: Caller,
  input: { staffId: string; site: string | null; reason: string },
  requestId: string,
): Promise<Result<StaffView>> =>
  changeStaffAccount(deps, caller, {
    ...input,
    requestId,
    action: 'changeStaffSite',
    audited: 'staff.changeSite',
    decide: (actor, target) => changeStaffSite(actor, target, input.site),
    shown: ({ site }) => ({ site }),
  })

/**
 * 停用 (admin): another staff member's access ends at once — their next call is refused — and the
 * account stays, revoked, for the audit trail; with a reason; audited. An admin never revokes
 * their own account.
 */
export const revokeStaffUseCase = (
  deps: Deps,
  caller: Caller,
  input: { staffId: string; reason: string },
  requestId: string,
): Promise<Result<StaffView>> =>
  changeStaffAccount(deps, caller, {
    ...input,
    requestId,
    action: 'revokeStaff',
    audited: 'staff.revoke',
    decide: revokeStaff,
    shown: ({ role, status }) => ({ role, status }),
  })

/** The actor of the first admin's invite: the holder of the environment's API key, by script. */
export const FIRST_ADMIN_ACTOR = { id: 'system', role: 'system' } as const

export type FirstAdminInvite =
  { ok: true; code: string; invite: StaffInviteView } | { ok: false; admins: string[] }

/**
 * The first admin (`npm run cloud:first-admin`): with no active admin yet, an admin invite is
 * written through the store like any other (hash only, audited, actor `system`) and its code
 * returned to print. With an active admin already, nothing is written and their names are
 * returned, unless `anyway` (the environment's owner recovering from a lost admin account).
 */
export async function issueFirstAdminInvite(
  deps: Pick<Deps, 'store' | 'clock' | 'ids'>,
  input: { name: string; anyway: boolean },
): Promise<FirstAdminInvite> {
  const admins = await activeAdmins(deps.store.read)
  if (admins.length > 0 && !input.anyway) return { ok: false, admins: admins.map((a) => a.name) }
  const code = newInviteCode()
  const requestId = `first-admin-${deps.ids.next()}`
  const issued = await deps.store.transaction((tx) =>
    writeInvite(deps, tx, FIRST_ADMIN_ACTOR, {
      role: 'admin',
      name: input.name,
      site: null,
      code,
      requestId,
    }),
  )
  if (!issued.ok) throw new Error(`the invite was not written: ${issued.error.code}`)
  return { ok: true, code: issued.data.code!, invite: issued.data.invite }
}

/** Every active admin, read page by page. */
async function activeAdmins(repos: Repositories): Promise<StaffRecord[]> {
  const admins: StaffRecord[] = []
  for (let offset = 0; ; offset += 100) {
    const page = await repos.staff.list(offset, 100)
    admins.push(...page.items.filter((s) => isActiveStaff(s) && s.role === 'admin'))
    if (page.items.length < 100) return admins
  }
}
