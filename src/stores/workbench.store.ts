import { create } from 'zustand'
import type { WorkbenchView } from '@/contracts/admin.contract'
import type { ApiError } from '@/contracts/error-codes'
import { adminApi, type AdminApi } from '@/services/admin.api'
import type { LoadStatus } from './session.store'

export type WorkbenchState = {
  /** 员工工作台: who I am and what waits for me; null until loaded. */
  view: WorkbenchView | null
  status: LoadStatus
  error: ApiError | null
  load(): Promise<void>
}

/** The staff home: loaded each time it shows, so the counts are those of now. */
export function createWorkbenchStore(api: Pick<AdminApi, 'workbench'>) {
  return create<WorkbenchState>()((set) => ({
    view: null,
    status: 'idle',
    error: null,
    async load() {
      set({ status: 'loading', error: null })
      const res = await api.workbench()
      if (res.ok) set({ view: res.data, status: 'ready' })
      else set({ status: 'error', error: res.error })
    },
  }))
}

export const useWorkbenchStore = createWorkbenchStore(adminApi)
