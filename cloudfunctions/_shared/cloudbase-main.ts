import * as tcb from '@cloudbase/node-sdk'
import { cloudbaseStore, type CloudbaseDb } from './adapters/cloudbase/cloudbase-store'
import type { Caller } from './caller'
import { createDeps } from './deps'
import type { FunctionHandler } from './handler'
import type { Deps } from './ports'

let app: ReturnType<typeof tcb.init> | undefined
let deps: Deps | undefined

/**
 * The CloudBase entry of a function: the caller comes from the invocation's context only
 * (`getUserInfo()` reads the per-call WX_OPENID; a timer has none), never from the event.
 */
export function cloudbaseMain(fn: FunctionHandler, overrides: Partial<Deps> = {}) {
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
    return fn.handle(event, caller, deps)
  }
}
