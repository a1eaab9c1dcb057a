/** The job timers (cloudbaserc.json trigger names) in Chinese, for the demo clock's page. */
export const DEMO_JOB_LABELS: Record<string, string> = {
  pointsExpiry: '积分到期',
  starAdjustment: '年度星级评定',
  noShows: '标记活动缺席',
  suspensionEnd: '暂停期满恢复',
  outboxSender: '发送服务通知',
  eventReminders: '活动提醒',
  signupQueues: '报名排队结算',
  purchaseCredits: '消费积分补记',
}

/** How far the demo clock runs ahead, the way people say it: 13天2小时, 3小时, 25分钟. */
export function movedByText(ms: number): string {
  const minutes = Math.round(ms / 60_000)
  const days = Math.floor(minutes / (24 * 60))
  const hours = Math.floor((minutes % (24 * 60)) / 60)
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`
  if (hours > 0) return `${hours}小时`
  return `${Math.max(minutes, 1)}分钟`
}
