import { isPermanentError } from '../../../../src/domain/notification/delivery'
import type { NotificationSender } from '../../ports'

type SendArgs = {
  touser: string
  templateId: string
  page: string
  data: Record<string, { value: string }>
  miniprogramState: MiniprogramState
}
type WxServerSdk = {
  init(options: { env: unknown }): void
  DYNAMIC_CURRENT_ENV: unknown
  openapi: { subscribeMessage: { send(args: SendArgs): Promise<{ errCode?: number }> } }
}

/** Which version of the mini-program a tap on the message opens (`formal` unless set). */
type MiniprogramState = 'formal' | 'trial' | 'developer'
const miniprogramState = (value: string | undefined): MiniprogramState =>
  value === 'trial' || value === 'developer' ? value : 'formal'

let cloud: WxServerSdk | undefined

/**
 * Subscribe messages through the cloud-call open API (PLATFORM §3): documented only via
 * wx-server-sdk, loaded on first use; the jobs function declares `subscribeMessage.send` in its
 * config.json permissions. WeChat's errcodes (thrown as `errCode`, or returned non-zero) are
 * outcomes, permanent or not; anything else (a network failure, a timeout) is rethrown, since the
 * message may have been delivered and must not be sent again. CLUB_MINIPROGRAM_STATE picks the
 * version a tap opens (trial, developer; formal by default).
 */
export const wechatSubscribeSender: NotificationSender = {
  async send(message) {
    if (!cloud) {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      cloud = require('wx-server-sdk') as WxServerSdk
      cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
    }
    let errcode: number
    try {
      const result = await cloud.openapi.subscribeMessage.send({
        touser: message.openid,
        templateId: message.templateId,
        page: message.page,
        data: message.data,
        miniprogramState: miniprogramState(process.env.CLUB_MINIPROGRAM_STATE),
      })
      errcode = result?.errCode ?? 0
    } catch (error) {
      const e = error as { errCode?: unknown }
      if (typeof e?.errCode !== 'number') throw error
      errcode = e.errCode
    }
    return errcode === 0
      ? { ok: true }
      : { ok: false, errcode, permanent: isPermanentError(errcode) }
  },
}
