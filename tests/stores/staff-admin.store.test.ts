import type { IssuedInvite, StaffInviteView, StaffListView, StaffView } from '@/contracts/staff'
import type { StaffRole } from '@/domain/member/roles'
import { createStaffAdminStore } from '@/stores/staff-admin.store'
import { failure, isAcceptedRequestId, networkDown, success } from './fake-transport'

// The store module also builds the app's own store over services/cloud.ts, which imports
// @tarojs/taro (ESM-only); these tests inject their own api, so an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

const CLERK: StaffView = {
  id: 'staff-clerk',
  name: '陈晓',
  role: 'clerk',
  site: null,
  status: 'active',
  createdAt: '2026-11-20T02:00:00.000Z',
  self: false,
}
const ME: StaffView = { ...CLERK, id: 'staff-admin', name: '刘强', role: 'admin', self: true }
const INVITE: StaffInviteView = {
  id: 'inv-1',
  name: '周新',
  role: 'reviewer',
  site: null,
  status: 'open',
  createdAt: '2026-11-23T02:00:00.000Z',
  expiresAt: '2026-11-25T02:00:00.000Z',
  expired: false,
}
const ISSUED: IssuedInvite = { invite: INVITE, code: 'ABCDE-FGHJK-MNPQR-STVWX' }

const list = (staff: StaffView[], invites: StaffInviteView[] = []): StaffListView => ({
  staff,
  total: staff.length,
  invites,
})

function staffApi() {
  return {
    list: jest.fn(async (_offset?: number, _limit?: number) => success(list([ME, CLERK]))),
    invite: jest.fn(async (_input: { role: StaffRole; name: string }, _requestId: string) =>
      success(ISSUED),
    ),
    cancelInvite: jest.fn(async (_inviteId: string, _requestId: string) =>
      success({ ...INVITE, status: 'cancelled' as const }),
    ),
    changeRole: jest.fn(
      async (input: { staffId: string; role: StaffRole; reason: string }, _requestId: string) =>
        success({ ...CLERK, role: input.role }),
    ),
    changeSite: jest.fn(
      async (input: { staffId: string; site: string | null; reason: string }, _requestId: string) =>
        success({ ...CLERK, site: input.site }),
    ),
    revoke: jest.fn(async (_input: { staffId: string; reason: string }, _requestId: string) =>
      success({ ...CLERK, status: 'revoked' as const }),
    ),
  }
}

describe('createStaffAdminStore', () => {
  it('loads the staff and the open invites', async () => {
    const api = staffApi()
    api.list.mockResolvedValueOnce(success(list([ME, CLERK], [INVITE])))
    const store = createStaffAdminStore(api)

    await store.getState().load()

    expect(store.getState()).toMatchObject({
      status: 'ready',
      staff: [ME, CLERK],
      total: 2,
      invites: [INVITE],
    })
  })

  it('shows why the list cannot be read (a reviewer)', async () => {
    const api = staffApi()
    api.list.mockResolvedValueOnce(failure('AUTH.FORBIDDEN'))
    const store = createStaffAdminStore(api)

    await store.getState().load()

    expect(store.getState()).toMatchObject({ status: 'error', error: { code: 'AUTH.FORBIDDEN' } })
  })

  it('invites with a role and a name, keeps the code to show, and reloads', async () => {
    const api = staffApi()
    const store = createStaffAdminStore(api)

    const result = await store.getState().invite('reviewer', ' 周新 ')

    expect(result).toBeNull()
    expect(api.invite).toHaveBeenCalledWith(
      { role: 'reviewer', name: '周新', site: null },
      expect.any(String),
    )
    expect(isAcceptedRequestId(api.invite.mock.calls[0]![1])).toBe(true)
    expect(store.getState().issued).toEqual(ISSUED)
    expect(api.list).toHaveBeenCalled()
    store.getState().dismissIssued()
    expect(store.getState().issued).toBeNull()
  })

  it('asks for a role and a name before sending anything', async () => {
    const api = staffApi()
    const store = createStaffAdminStore(api)

    const result = await store.getState().invite(null, '')

    expect(result).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { role: '请选择角色', name: '姓名为2–20个字' },
    })
    expect(api.invite).not.toHaveBeenCalled()
  })

  it('invites again with the same request id after a network failure, so one invite is made', async () => {
    const api = staffApi()
    api.invite.mockResolvedValueOnce(networkDown())
    const store = createStaffAdminStore(api)

    await store.getState().invite('clerk', '陈新')
    await store.getState().invite('clerk', '陈新')

    const [first, second] = api.invite.mock.calls.map((call) => call[1])
    expect(first).toBe(second)
  })

  it('moves a clerk to another outlet with a reason, a blank outlet meaning none; checks both before sending', async () => {
    const api = staffApi()
    const store = createStaffAdminStore(api)

    const noReason = await store.getState().changeSite(CLERK.id, '鼓楼中山北路门店', '')
    const tooShort = await store.getState().changeSite(CLERK.id, '店', '调店')
    const moved = await store.getState().changeSite(CLERK.id, ' 鼓楼中山北路门店 ', '调往鼓楼店')
    const none = await store.getState().changeSite(CLERK.id, '  ', '改做仓库工作')

    expect(noReason).toMatchObject({ code: 'INPUT.INVALID', fields: { reason: '原因为2–200个字' } })
    expect(tooShort).toMatchObject({ code: 'INPUT.INVALID', fields: { site: '门店为2–30个字' } })
    expect(moved).toBeNull()
    expect(none).toBeNull()
    expect(api.changeSite.mock.calls.map((call) => call[0])).toEqual([
      { staffId: CLERK.id, site: '鼓楼中山北路门店', reason: '调往鼓楼店' },
      { staffId: CLERK.id, site: null, reason: '改做仓库工作' },
    ])
    expect(api.list).toHaveBeenCalledTimes(2)
  })

  it('needs a reason to change a role or revoke, and sends it with the change', async () => {
    const api = staffApi()
    const store = createStaffAdminStore(api)

    const missing = await store.getState().revoke(CLERK.id, '')
    const revoked = await store.getState().revoke(CLERK.id, '已离职')
    const changed = await store.getState().changeRole(CLERK.id, 'reviewer', '调往会员部')

    expect(missing).toMatchObject({ code: 'INPUT.INVALID', fields: { reason: '原因为2–200个字' } })
    expect(revoked).toBeNull()
    expect(changed).toBeNull()
    expect(api.revoke).toHaveBeenCalledTimes(1)
    expect(api.revoke.mock.calls[0]![0]).toEqual({ staffId: CLERK.id, reason: '已离职' })
    expect(api.changeRole.mock.calls[0]![0]).toEqual({
      staffId: CLERK.id,
      role: 'reviewer',
      reason: '调往会员部',
    })
    expect(store.getState().busyId).toBeNull()
  })

  it('passes a refusal on (an admin revoking themselves), and reloads the list', async () => {
    const api = staffApi()
    api.revoke.mockResolvedValueOnce(failure('STAFF.SELF_CHANGE'))
    const store = createStaffAdminStore(api)

    const result = await store.getState().revoke(ME.id, '测试')

    expect(result).toMatchObject({ code: 'STAFF.SELF_CHANGE' })
    expect(api.list).toHaveBeenCalled()
  })

  it('cancels an open invite', async () => {
    const api = staffApi()
    const store = createStaffAdminStore(api)

    const result = await store.getState().cancelInvite(INVITE.id)

    expect(result).toBeNull()
    expect(api.cancelInvite).toHaveBeenCalledWith(INVITE.id, expect.any(String))
    expect(isAcceptedRequestId(api.cancelInvite.mock.calls[0]![1])).toBe(true)
  })
})
