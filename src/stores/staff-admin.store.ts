import type * as z from 'zod'
import { create } from 'zustand'
import { fieldErrors } from '@/contracts/define'
import type { ApiError } from '@/contracts/error-codes'
import {
  changeStaffRoleInput,
  changeStaffSiteInput,
  inviteStaffInput,
  revokeStaffInput,
  type IssuedInvite,
  type StaffInviteView,
  type StaffView,
} from '@/contracts/staff'
import type { StaffRole } from '@/domain/member/roles'
import { staffApi, type StaffApi } from '@/services/staff.api'
import { invalidForm } from './form-input'
import { retryableRequest } from './retryable-request'
import type { LoadStatus } from './session.store'

export type StaffAdminState = {
  staff: StaffView[]
  total: number
  invites: StaffInviteView[]
  status: LoadStatus
  error: ApiError | null
  /** The invite just issued, with its code to show (as text and QR) until dismissed. */
  issued: IssuedInvite | null
  inviting: boolean
  /** The staff account or invite being changed, to disable its buttons meanwhile. */
  busyId: string | null
  load(): Promise<void>
  /** `site`: the outlet (门店) printed on a clerk's receipts; blank for none. */
  invite(role: StaffRole | null, name: string, site?: string): Promise<ApiError | null>
  dismissIssued(): void
  cancelInvite(inviteId: string): Promise<ApiError | null>
  changeRole(staffId: string, role: StaffRole, reason: string): Promise<ApiError | null>
  /** `site`: the new outlet; blank for none. */
  changeSite(staffId: string, site: string, reason: string): Promise<ApiError | null>
  revoke(staffId: string, reason: string): Promise<ApiError | null>
}

/**
 * 员工管理 (admin): staff accounts and open invites; invite with a one-time code, cancel an invite,
 * change a role or an outlet, revoke access. Each change is one request id while its outcome is
 * unknown.
 */
export function createStaffAdminStore(
  api: Pick<StaffApi, 'list' | 'invite' | 'cancelInvite' | 'changeRole' | 'changeSite' | 'revoke'>,
) {
  const pendingInvite = retryableRequest()
  const pendingCancel = retryableRequest()

  return create<StaffAdminState>()((set, get) => {
    /** Runs one change of a row, then reloads the list (a refusal may mean it is stale). */
    async function change(
      id: string,
      send: () => Promise<{ ok: true } | { ok: false; error: ApiError }>,
    ) {
      if (get().busyId) return null
      set({ busyId: id })
      const res = await send()
      set({ busyId: null })
      await get().load()
      return res.ok ? null : res.error
    }

    /**
     * A change of a staff account: its input checked by the contract before anything is sent,
     * then sent as one change of the row, one request id while its outcome is unknown.
     */
    function accountChange<I extends { staffId: string }>(
      schema: { safeParse(raw: unknown): z.ZodSafeParseResult<I> },
      send: (input: I, requestId: string) => Promise<{ ok: true } | { ok: false; error: ApiError }>,
    ) {
      const pending = retryableRequest()
      return async (raw: I) => {
        const parsed = schema.safeParse(raw)
        if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
        return change(parsed.data.staffId, async () => {
          const res = await send(parsed.data, pending.idFor(parsed.data))
          pending.settle(res.ok ? null : res.error)
          return res
        })
      }
    }
    const changeRole = accountChange(changeStaffRoleInput, api.changeRole)
    const changeSite = accountChange(changeStaffSiteInput, api.changeSite)
    const revoke = accountChange(revokeStaffInput, api.revoke)

    return {
      staff: [],
      total: 0,
      invites: [],
      status: 'idle',
      error: null,
      issued: null,
      inviting: false,
      busyId: null,
      async load() {
        set((s) => ({ status: s.staff.length ? s.status : 'loading' }))
        const res = await api.list()
        if (res.ok) {
          const { staff, total, invites } = res.data
          set({ status: 'ready', staff, total, invites, error: null })
        } else set({ status: 'error', error: res.error })
      },
      async invite(role, name, site = '') {
        const parsed = inviteStaffInput.safeParse({ role: role ?? undefined, name, site })
        if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
        if (get().inviting) return null
        set({ inviting: true, issued: null })
        const res = await api.invite(parsed.data, pendingInvite.idFor(parsed.data))
        pendingInvite.settle(res.ok ? null : res.error)
        set({ inviting: false, issued: res.ok ? res.data : null })
        if (res.ok) await get().load()
        return res.ok ? null : res.error
      },
      dismissIssued() {
        set({ issued: null })
      },
      cancelInvite(inviteId) {
        return change(inviteId, async () => {
          const res = await api.cancelInvite(inviteId, pendingCancel.idFor({ inviteId }))
          pendingCancel.settle(res.ok ? null : res.error)
          return res
        })
      },
      changeRole: (staffId, role, reason) => changeRole({ staffId, role, reason }),
      changeSite: (staffId, site, reason) => changeSite({ staffId, site, reason }),
      revoke: (staffId, reason) => revoke({ staffId, reason }),
    }
  })
}

export const useStaffAdminStore = createStaffAdminStore(staffApi)
