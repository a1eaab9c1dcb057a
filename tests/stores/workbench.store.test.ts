import type { WorkbenchView } from '@/contracts/admin.contract'
import { createWorkbenchStore } from '@/stores/workbench.store'

// The store module also builds the app's store over services/cloud.ts (which imports the ESM-only
// @tarojs/taro); these tests inject their own api, so an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

const VIEW: WorkbenchView = {
  name: '陈晓',
  role: 'clerk',
  openCheckIns: 1,
  today: { sales: 2, checkIns: 0 },
  queues: null,
}

describe('workbench store', () => {
  it('loads the staff member’s workbench', async () => {
    const store = createWorkbenchStore({ workbench: async () => ({ ok: true, data: VIEW }) })

    await store.getState().load()

    expect(store.getState()).toMatchObject({ status: 'ready', view: VIEW, error: null })
  })

  it('keeps the error of a failed load', async () => {
    const error = { code: 'NETWORK' as const, message: '网络异常' }
    const store = createWorkbenchStore({ workbench: async () => ({ ok: false, error }) })

    await store.getState().load()

    expect(store.getState()).toMatchObject({ status: 'error', error, view: null })
  })
})
