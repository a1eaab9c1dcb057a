import { create } from 'zustand'
import { fieldErrors } from '@/contracts/define'
import {
  decideAppealInput,
  issueSanctionInput,
  memberSanctionsInput,
  type MemberSanctionsView,
  type StaffSanctionView,
} from '@/contracts/discipline'
import type { ApiError } from '@/contracts/error-codes'
import type { AppealDecision, SanctionKind } from '@/domain/discipline/sanction'
import { disciplineApi, type DisciplineApi } from '@/services/discipline.api'
import { invalidForm } from './form-input'
import { retryableRequest } from './retryable-request'
import type { LoadStatus } from './session.store'

export type DisciplineAdminApi = Pick<
  DisciplineApi,
  'memberSanctions' | 'issueSanction' | 'sanctions' | 'appeals' | 'decideAppeal'
>

/** The sanction form as typed: no kind picked yet, an end date only for a suspension. */
export type SanctionForm = { kind: SanctionKind | null; reason: string; endsOn: string }

export type DisciplineAdminState = {
  /** The member found by card number, with their sanctions. */
  member: MemberSanctionsView | null
  finding: boolean
  findMember(cardNo: string): Promise<ApiError | null>
  issuing: boolean
  issue(form: SanctionForm): Promise<ApiError | null>

  /** 最近处分: every sanction, newest first. */
  recent: StaffSanctionView[]
  recentTotal: number
  recentStatus: LoadStatus
  loadRecent(): Promise<void>

  /** 申诉: appeals waiting for a decision, oldest first. */
  appeals: StaffSanctionView[]
  appealsTotal: number
  appealsStatus: LoadStatus
  error: ApiError | null
  decidingId: string | null
  loadAppeals(): Promise<void>
  decide(sanctionId: string, decision: AppealDecision, note: string): Promise<ApiError | null>
}

/** The admin's discipline desk (纪律管理): find a member, sanction them, decide appeals. */
export function createDisciplineAdminStore(api: DisciplineAdminApi) {
  const pendingIssue = retryableRequest()
  const pendingDecision = retryableRequest()

  return create<DisciplineAdminState>()((set, get) => {
    /** The member shown again after a change, so their status and list are current. */
    const refreshMember = async () => {
      const cardNo = get().member?.cardNo
      if (!cardNo) return
      const res = await api.memberSanctions(cardNo)
      if (res.ok) set({ member: res.data })
    }

    return {
      member: null,
      finding: false,
      async findMember(cardNo) {
        const parsed = memberSanctionsInput.safeParse({ cardNo: cardNo.trim() })
        if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
        set({ finding: true })
        const res = await api.memberSanctions(parsed.data.cardNo)
        set({ finding: false, member: res.ok ? res.data : null })
        return res.ok ? null : res.error
      },
      issuing: false,
      async issue(form) {
        const member = get().member
        if (!member) return invalidForm({ cardNo: '请先查询会员' })
        if (!form.kind) return invalidForm({ kind: '请选择处分类型' })
        const parsed = issueSanctionInput.safeParse({
          memberId: member.memberId,
          kind: form.kind,
          reason: form.reason,
          ...(form.kind === 'suspension' && form.endsOn ? { endsOn: form.endsOn } : {}),
        })
        if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
        if (get().issuing) return null
        set({ issuing: true })
        const res = await api.issueSanction(parsed.data, pendingIssue.idFor(parsed.data))
        pendingIssue.settle(res.ok ? null : res.error)
        set({ issuing: false })
        if (!res.ok) return res.error
        await Promise.all([refreshMember(), get().loadRecent()])
        return null
      },

      recent: [],
      recentTotal: 0,
      recentStatus: 'idle',
      async loadRecent() {
        set((s) => ({ recentStatus: s.recent.length ? s.recentStatus : 'loading' }))
        const res = await api.sanctions(0, 20)
        if (res.ok) {
          set({ recentStatus: 'ready', recent: res.data.items, recentTotal: res.data.total })
        } else set({ recentStatus: 'error' })
      },

      appeals: [],
      appealsTotal: 0,
      appealsStatus: 'idle',
      error: null,
      decidingId: null,
      async loadAppeals() {
        set((s) => ({ appealsStatus: s.appeals.length ? s.appealsStatus : 'loading' }))
        const res = await api.appeals(0, 50)
        if (res.ok) {
          set({
            appealsStatus: 'ready',
            appeals: res.data.items,
            appealsTotal: res.data.total,
            error: null,
          })
        } else set({ appealsStatus: 'error', error: res.error })
      },
      async decide(sanctionId, decision, note) {
        const parsed = decideAppealInput.safeParse({ sanctionId, decision, note })
        if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
        if (get().decidingId) return null
        set({ decidingId: sanctionId })
        const res = await api.decideAppeal(parsed.data, pendingDecision.idFor(parsed.data))
        pendingDecision.settle(res.ok ? null : res.error)
        set({ decidingId: null })
        await Promise.all([get().loadAppeals(), refreshMember()])
        return res.ok ? null : res.error
      },
    }
  })
}

export const useDisciplineAdminStore = createDisciplineAdminStore(disciplineApi)
