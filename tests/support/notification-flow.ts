import type { Caller } from '../../cloudfunctions/_shared/caller'
import type { Deps, NotificationSender, SubscribeMessage } from '../../cloudfunctions/_shared/ports'
import { subscribe } from '../../cloudfunctions/_shared/use-cases/notification-subscriptions'
import type { SendOutcome } from '@/domain/notification/delivery'
import type { TemplateKey } from '@/domain/notification/templates'
import { callerOf } from './registration-flow'
import { newRequestId } from './test-deps'

/** The scheduler, as CloudBase's timer calls the jobs function. */
export const TIMER: Caller = { openid: '', unionid: null, system: true }

/**
 * A stand-in for WeChat (an external system): records every message it is given and answers
 * with the next scripted outcome (delivered once the script runs out); an outcome `throw` records
 * the message and then throws, as a sender dying after the request left would.
 */
export function recordingSender(script: (SendOutcome | 'throw')[] = []) {
  const sent: SubscribeMessage[] = []
  const sender: NotificationSender = {
    async send(message) {
      sent.push(message)
      // Let other work interleave, as a network call would.
      await new Promise((resolve) => setImmediate(resolve))
      const outcome = script.shift() ?? { ok: true }
      if (outcome === 'throw') throw new Error('socket hang up')
      return outcome
    },
  }
  return { sender, sent }
}

/** WeChat's answer to a send that failed: transient (-1, busy) unless told otherwise. */
export const wechatError = (errcode = -1, permanent = false): SendOutcome => ({
  ok: false,
  errcode,
  permanent,
})

/** The member accepted these templates in WeChat's dialog; fails the test if refused. */
export async function subscribed(deps: Deps, openid: string, accepted: TemplateKey[]) {
  const result = await subscribe(deps, callerOf(openid), { accepted }, newRequestId())
  if (!result.ok) throw new Error(`subscribe refused: ${JSON.stringify(result.error)}`)
  return result.data.credits
}
