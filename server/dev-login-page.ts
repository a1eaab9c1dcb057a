import type { DemoIdentity } from './demo-identities'

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  )

/** The sign-in page's only inline block: constant, so the page's CSP allows exactly it by hash. */
export const DEV_LOGIN_STYLE = `
body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;max-width:480px;margin:0 auto;padding:24px 16px;background:#f5f5f5;color:#222}
h1{font-size:20px;margin:0 0 4px}p.hint{color:#888;font-size:13px;margin:0 0 16px}
form{margin:0 0 10px}button{width:100%;text-align:left;border:1px solid #e5e5e5;border-radius:10px;background:#fff;padding:12px 14px;cursor:pointer;font-size:15px}
button span{display:block;color:#888;font-size:12px;margin-top:4px}.current button{border-color:#c8102e}
button.fresh{background:#c8102e;color:#fff}button.fresh span{color:#ffd7dc}
`

/**
 * The local host's sign-in page: pick who you are (开发环境专用). Every form carries `token`, the
 * page's anti-forgery token, without which the host signs nobody in.
 */
export function devLoginPage(
  identities: readonly DemoIdentity[],
  current: string,
  token: string,
): string {
  const tokenField = `<input type="hidden" name="token" value="${escape(token)}">`
  const rows = identities
    .map(
      (
        i,
      ) => `<form method="post" action="/dev/login" class="who${i.openid === current ? ' current' : ''}">
  <input type="hidden" name="openid" value="${escape(i.openid)}">${tokenField}
  <button type="submit" data-openid="${escape(i.openid)}"><b>${escape(i.label)}</b><span>${escape(i.description)}</span></button>
</form>`,
    )
    .join('\n')
  // Signing out revokes the session on the host: the cookie is refused from then on.
  const signOut = `<form method="post" action="/dev/logout">
<button type="submit" data-action="logout"><b>退出登录</b><span>结束当前会话（${escape(current)}）</span></button></form>`
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>选择身份 · 零售客户俱乐部（本地开发）</title>
<style>${DEV_LOGIN_STYLE}</style></head><body>
<h1>选择身份</h1><p class="hint">仅本机开发使用：模拟不同的微信用户进入小程序。生产环境身份来自微信云开发。</p>
${rows}
<form method="post" action="/dev/login"><input type="hidden" name="fresh" value="1">${tokenField}
<button type="submit" class="fresh" data-openid="fresh"><b>以新微信用户身份进入</b><span>尚未注册，可体验注册流程</span></button></form>
${current ? signOut : ''}
</body></html>`
}
