import { formatShanghaiDateTime } from '../src/domain/shared/calendar'

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  )

/** One sent subscribe message as the phone would show it: title, fields, page, recipient. */
export type InboxItem = {
  id: string
  kind: string
  title: string
  templateId: string
  page: string
  recipient: string
  sentAt: string
  fields: { label: string; value: string }[]
}

/** The dev inbox's only inline block: constant, so the page's CSP allows exactly it by hash. */
export const DEV_INBOX_STYLE = `
body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;max-width:480px;margin:0 auto;padding:24px 16px;background:#f5f5f5;color:#222}
h1{font-size:20px;margin:0 0 4px}p.hint{color:#888;font-size:13px;margin:0 0 12px}
form{margin:0 0 16px}button{width:100%;border:0;border-radius:10px;background:#c8102e;color:#fff;padding:12px 14px;cursor:pointer;font-size:15px}
.notice{background:#fff;border-radius:10px;padding:10px 14px;margin:0 0 16px;font-size:13px;color:#555}
.msg{background:#fff;border:1px solid #e5e5e5;border-radius:10px;padding:12px 14px;margin:0 0 10px}
.msg h2{font-size:16px;margin:0 0 8px}dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:0 0 8px;font-size:14px}
dt{color:#888}dd{margin:0}.meta{color:#aaa;font-size:12px;margin:0}.empty{color:#888;text-align:center;padding:24px 0}
`

/**
 * The local host's dev inbox (开发环境专用): the subscribe messages the sender delivered, newest
 * first, each with its template's fields as WeChat would show them; and a button that runs the
 * sender now, since no timer runs locally.
 */
export function devInboxPage(items: readonly InboxItem[], notice: string): string {
  const cards = items
    .map(
      (m) => `<article class="msg" data-id="${escape(m.id)}" data-kind="${escape(m.kind)}">
  <h2>${escape(m.title)}</h2>
  <dl>${m.fields.map((f) => `<dt>${escape(f.label)}</dt><dd>${escape(f.value)}</dd>`).join('')}</dl>
  <p class="meta">发给 ${escape(m.recipient)} · ${escape(formatShanghaiDateTime(m.sentAt))} 发送<br>
  模板 ${escape(m.templateId)} · 点开进入 ${escape(m.page)}</p>
</article>`,
    )
    .join('\n')
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>消息收件箱 · 零售客户俱乐部（本地开发）</title>
<style>${DEV_INBOX_STYLE}</style></head><body>
<h1>消息收件箱</h1><p class="hint">仅本机开发使用：本地没有微信，订阅消息“发送”后出现在这里，最新的在前。生产环境由微信下发到用户手机。</p>
<form method="post" action="/dev/inbox/send"><button type="submit">立即发送待发消息</button></form>
<p class="notice">${escape(notice)}</p>
${cards || '<p class="empty">还没有发出的消息</p>'}
</body></html>`
}
