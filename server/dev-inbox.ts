import type { FastifyInstance } from 'fastify'
import type { Caller } from '../cloudfunctions/_shared/caller'
import type { Deps, OutboxDelivery } from '../cloudfunctions/_shared/ports'
import { sendNotifications } from '../cloudfunctions/_shared/use-cases/send-notifications'
import { renderMessage } from '../src/domain/notification/messages'
import { TEMPLATES } from '../src/domain/notification/templates'
import { DEV_INBOX_STYLE, devInboxPage, type InboxItem } from './dev-inbox-page'
import { isLoopback } from './dev-session'
import { pagePolicy } from './security-headers'

/** Messages the inbox shows: the newest sent. */
const SHOWN = 50
/** The local host runs the sender as CloudBase's timer would: as the system. */
const TIMER: Caller = { openid: '', unionid: null, system: true }
const COUNTS = ['sent', 'skipped', 'retried', 'failed', 'unknown'] as const

/** A sent message as the phone shows it, rendered by the same rules the sender used. */
async function itemOf(deps: Deps, m: OutboxDelivery): Promise<InboxItem> {
  const rendered = renderMessage(m.kind, m.payload, m.createdAt)
  const member = await deps.store.read.members.byId(m.memberId)
  const template = rendered ? TEMPLATES[rendered.template] : null
  return {
    id: m.id,
    kind: m.kind,
    title: template?.title ?? m.kind,
    templateId: rendered ? deps.settings.subscribeTemplates[rendered.template] : '',
    page: rendered?.page ?? '',
    recipient: member ? `${member.realName}（${member.openid}）` : m.memberId,
    sentAt: m.sentAt ?? m.createdAt,
    fields: (template?.fields ?? []).map((f) => ({
      label: f.label,
      value: rendered?.data[f.name]?.value ?? '',
    })),
  }
}

/** What the last press of the button did, from the query it redirected with. */
function noticeOf(query: Record<string, string | undefined>): string {
  if (query.sent === undefined) {
    return '会员须先在小程序里订阅（如“我的 › 消息订阅”），消息才会发出；未订阅的消息被跳过。'
  }
  const n = (key: (typeof COUNTS)[number]) => Number(query[key]) || 0
  return `刚才发送：发出 ${n('sent')} 条，未订阅跳过 ${n('skipped')} 条，待重试 ${n('retried')} 条，失败 ${n('failed')} 条。`
}

/**
 * The local host's dev inbox (loopback only): GET /dev/inbox shows the subscribe messages the
 * local sender delivered; POST /dev/inbox/send runs the outbox sender now and comes back.
 */
export function registerDevInbox(app: FastifyInstance, deps: Deps): void {
  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/dev/inbox',
    async (request, reply) => {
      if (!isLoopback(request)) return reply.status(403).send('仅限本机使用')
      const sent = await deps.store.read.outbox.recentlySent(SHOWN)
      const items = await Promise.all(sent.map((m) => itemOf(deps, m)))
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', pagePolicy({ styles: [DEV_INBOX_STYLE] }))
        .send(devInboxPage(items, noticeOf(request.query ?? {})))
    },
  )

  app.post('/dev/inbox/send', async (request, reply) => {
    if (!isLoopback(request)) return reply.status(403).send('仅限本机使用')
    const run = await sendNotifications(deps, TIMER, {})
    const totals = run.ok ? run.data.totals : {}
    const query = new URLSearchParams(COUNTS.map((key) => [key, String(totals[key] ?? 0)]))
    return reply.redirect(`/dev/inbox?${query.toString()}`)
  })
}
