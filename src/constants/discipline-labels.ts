import type { SanctionView } from '@/contracts/discipline'
import type { AppealDecision, SanctionKind, SanctionState } from '@/domain/discipline/sanction'

export const SANCTION_KIND_LABELS: Record<SanctionKind, string> = {
  warning: '警告',
  suspension: '暂停',
  cancellation: '注销',
}

export const SANCTION_STATE_LABELS: Record<SanctionState, string> = {
  in_force: '生效中',
  ended: '已期满',
  overturned: '已撤销',
}

export const APPEAL_DECISION_LABELS: Record<AppealDecision, string> = {
  upheld: '维持原处分',
  overturned: '撤销处分',
}

/** Where an appeal stands, in one phrase: 未申诉 / 申诉处理中 / the decision. */
export function appealStatusText(sanction: Pick<SanctionView, 'appeal'>): string {
  if (!sanction.appeal) return '未申诉'
  if (!sanction.appeal.decision) return '申诉处理中'
  return `申诉结果：${APPEAL_DECISION_LABELS[sanction.appeal.decision]}`
}
