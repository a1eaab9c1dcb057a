import * as tcb from '@cloudbase/node-sdk'
import {
  cloudbasePhotoLinks,
  type TempFileLinker,
} from './adapters/cloudbase/cloudbase-photo-links'
import { cloudbaseStore, type CloudbaseDb } from './adapters/cloudbase/cloudbase-store'
import type { Caller } from './caller'
import { createDeps } from './deps'
import type { FunctionHandler } from './handler'
import { isMessagePush, takeMessagePush } from './media-check-push'
import type { Deps } from './ports'

let app: ReturnType<typeof tcb.init> | undefined

/** What SCF passes as `context` (its `environ`/`environment` carry the per-call variables). */
type InvocationContext = { environ?: string; environment?: string } | undefined

/**
 * The per-call variables of this invocation (TRIGGER_SRC, WX_OPENID, …), as node-sdk reads them:
 * from the process and, when the platform passes them there, from the context.
 */
function invocationVariables(context: InvocationContext): Record<string, unknown> {
  const fromContext = context && (context.environ || context.environment) ? context : undefined
  return tcb.getCloudbaseContext(fromContext as never) as unknown as Record<string, unknown>
}

/** The trigger name of a timer event (`{Type:'Timer', TriggerName, Time}`, SCF's structure). */
function timerOf(event: unknown): { name: string; time: string } | null {
  const e = event as { TriggerName?: unknown; Time?: unknown } | null
  if (typeof e?.TriggerName !== 'string') return null
  return { name: e.TriggerName, time: typeof e.Time === 'string' ? e.Time : '' }
}

/**
 * The CloudBase entry of a function: the caller comes from the invocation only (`getUserInfo()`
 * reads the per-call WX_OPENID), never from the event. A run is a timer's when the platform says
 * so — TRIGGER_SRC is `timer`, the variable node-sdk itself reads for timers (utils/wxCloudToken)
 * — and no WeChat user stands behind it; then the event's TriggerName picks the action, run as the
 * system. A payload shaped like a timer event from anyone else is an ordinary (invalid) request.
 * With `messagePushes`, an event that is a WeChat message push (no action, a MsgType) is taken as
 * one (media-check verdicts, media-check-push.ts), trusted only as far as its trace id proves.
 */
export function cloudbaseMain(
  fn: FunctionHandler,
  overrides: Partial<Deps> = {},
  timerActions: Record<string, string> = {},
  options: { messagePushes?: boolean } = {},
) {
  // Per entry, with its own overrides (the jobs' sender…); built on the first invocation.
  let deps: Deps | undefined
  return async function main(event: unknown, context?: InvocationContext) {
    app ??= tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
    deps ??= createDeps(
      cloudbaseStore(app.database() as unknown as CloudbaseDb),
      process.env,
      { photoLinks: cloudbasePhotoLinks(app as unknown as TempFileLinker), ...overrides },
      'wechat',
    )
    const variables = invocationVariables(context)
    const { openId } = app.auth().getUserInfo()
    const unionId = variables.WX_UNIONID as string | undefined
    const caller: Caller = { openid: openId ?? '', unionid: unionId || null }
    const timer = variables.TRIGGER_SRC === 'timer' && !caller.openid ? timerOf(event) : null
    const action = timer ? timerActions[timer.name] : undefined
    if (timer && action) {
      const request = {
        action,
        payload: {},
        requestId: `timer-${timer.name}-${timer.time}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64),
      }
      return fn.handle(request, { ...caller, system: true }, deps)
    }
    if (options.messagePushes && isMessagePush(event)) return takeMessagePush(deps, event)
    return fn.handle(event, caller, deps)
  }
}
