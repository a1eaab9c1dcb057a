import type { JoinedStaff } from '@/contracts/staff'
import { createJoinStaffStore } from '@/stores/staff-join.store'
import { failure, isAcceptedRequestId, networkDown, success } from './fake-transport'

// The store module also builds the app's own store over services/cloud.ts, which imports
// @tarojs/taro (ESM-only); these tests inject their own api, so an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

const JOINED: JoinedStaff = { staffId: 'staff-1', name: '陈新', role: 'clerk' }

function joinApi() {
  return {
    acceptInvite: jest.fn(async (_code: string, _requestId: string) => success(JOINED)),
  }
}

describe('createJoinStaffStore', () => {
  it('sends the code as stored (upper case, no dashes) and keeps who joined', async () => {
    const api = joinApi()
    const store = createJoinStaffStore(api)

    const result = await store.getState().accept('abcde-fghjk-mnpqr-stvwx')

    expect(result).toBeNull()
    expect(api.acceptInvite).toHaveBeenCalledWith('ABCDEFGHJKMNPQRSTVWX', expect.any(String))
    expect(isAcceptedRequestId(api.acceptInvite.mock.calls[0]![1])).toBe(true)
    expect(store.getState()).toMatchObject({ joined: JOINED, error: null, submitting: false })
  })

  it('refuses a code of the wrong shape without sending it', async () => {
    const api = joinApi()
    const store = createJoinStaffStore(api)

    const result = await store.getState().accept('12345')

    expect(result).toMatchObject({ code: 'INPUT.INVALID', fields: { code: expect.any(String) } })
    expect(api.acceptInvite).not.toHaveBeenCalled()
  })

  it('keeps the refusal to show (a member account cannot become staff)', async () => {
    const api = joinApi()
    api.acceptInvite.mockResolvedValueOnce(failure('AUTH.MEMBER_CANNOT_BE_STAFF'))
    const store = createJoinStaffStore(api)

    await store.getState().accept('ABCDE-FGHJK-MNPQR-STVWX')

    expect(store.getState()).toMatchObject({
      joined: null,
      error: { code: 'AUTH.MEMBER_CANNOT_BE_STAFF' },
    })
  })

  it('accepts again with the same request id after a network failure', async () => {
    const api = joinApi()
    api.acceptInvite.mockResolvedValueOnce(networkDown())
    const store = createJoinStaffStore(api)

    await store.getState().accept('ABCDE-FGHJK-MNPQR-STVWX')
    await store.getState().accept('ABCDE-FGHJK-MNPQR-STVWX')

    const [first, second] = api.acceptInvite.mock.calls.map((call) => call[1])
    expect(first).toBe(second)
  })
})
