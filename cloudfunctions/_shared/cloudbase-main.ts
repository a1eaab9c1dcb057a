import * as tcb from '@cloudbase/node-sdk'
import { cloudbaseStore, type CloudbaseDb } from './adapters/cloudbase/cloudbase-store'
import type { Caller } from './caller'
import { createDeps } from './deps'
import type { FunctionHandler } from './handler'
import type { Deps } from './ports'

let app: ReturnType<typeof tcb.init> | undefined
let deps: Deps | undefined

type TimerEvent = { Type: 'timer'; TriggerName: string; Time: string }
const isTimer = (event: unknown): event is TimerEvent =>
  typeof event === 'object' && event !== null && (event as TimerEvent).Type === 'timer'

/**
 * The CloudBase entry of a function: the caller comes from the invocation's context only
 * (`getUserInfo()` reads the per-call WX_OPENID; a timer has none), never from the event.
 * A timer event (`{Type:'timer', TriggerName, Time}`) runs the action its trigger is named after,
 * as the system — but only when no WeChat user stands behind the call.
 */
export function cloudbaseMain(
  fn: FunctionHandler,
  overrides: Partial<Deps> = {},
  timerActions: Record<string, string> = {},
) {
  return async function main(event: unknown) {
    app ??= tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
    deps ??= createDeps(
      cloudbaseStore(app.database() as unknown as CloudbaseDb),
      process.env,
      overrides,
      'wechat',
    )
    const { openId } = app.auth().getUserInfo()
    const unionId = tcb.getCloudbaseContext().WX_UNIONID
    const caller: Caller = { openid: openId ?? '', unionid: unionId || null }
    if (isTimer(event) && !caller.openid && timerActions[event.TriggerName]) {
      const request = {
        action: timerActions[event.TriggerName],
        payload: {},
        requestId: `timer-${event.TriggerName}-${event.Time}`
          .replace(/[^A-Za-z0-9_-]/g, '-')
          .slice(0, 64),
      }
      return fn.handle(request, { ...caller, system: true }, deps)
    }
    return fn.handle(event, caller, deps)
  }
}
