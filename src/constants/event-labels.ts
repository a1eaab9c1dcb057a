import type { EventKind, EventMode, EventStatus } from '@/domain/event/event'
import type { SignupStatus } from '@/domain/event/signup'

export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  tasting: '品鉴会',
  leisure: '休闲活动',
  sports: '运动会',
  training: '培训',
  meeting: '见面会',
}

export const EVENT_MODE_LABELS: Record<EventMode, string> = {
  fcfs: '先到先得',
  selection: '遴选',
}

export const EVENT_STATUS_LABELS: Record<EventStatus, string> = {
  draft: '草稿',
  published: '已发布',
  cancelled: '已取消',
}

export const SIGNUP_STATUS_LABELS: Record<SignupStatus, string> = {
  confirmed: '已确认',
  waitlisted: '候补',
  applied: '待遴选',
  rejected: '未入选',
  cancelled: '已取消',
}
