import { isPermanentError } from '../../../../src/domain/notification/delivery'
import { jsonLogger } from '../../deps'
import type { Logger, NotificationSender } from '../../ports'

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

/**
 * Answers of subscribeMessage.send the people deploying must act on, with what to do (DOC
 * subscribeMessage.send; -604101 from the cloud-call gateway, wx-server-sdk's ERR_CODE). Each is
 * logged; the outcome stays WeChat's errcode. Not here: 43101 (the member refused or holds no
 * subscription, an ordinary outcome) and the transient ones (-1 busy, 45009 quota, …).
 */
export const SEND_SETUP_FAILURES: Readonly<Record<number, string>> = {
  [-604101]:
    'the function `jobs` lacks the open-API permission subscribeMessage.send. Upload ' +
    'cloudfunctions/jobs once from WeChat DevTools (右键 → 上传并部署：云端安装依赖) so its ' +
    'config.json permissions are registered, then allow up to 10 minutes. Messages are retried ' +
    'meanwhile (for about 15 hours) (docs/deploy.md §8.2)',
  40037:
    'the template id is not one of this mini-program: set its key in CLUB_SUBSCRIBE_TEMPLATES and ' +
    'redeploy (docs/deploy.md §2, §9)',
  47003:
    "the message data breaks a rule of the template's fields (errmsg names the field): the " +
    'template chosen must have the fields of src/domain/notification/templates.ts (docs/deploy.md §9)',
  41030:
    'the page is not in the released mini-program: release the version that has it, or set ' +
    'CLUB_MINIPROGRAM_STATE=trial while testing a trial version (docs/deploy.md §9)',
  40003:
    'WeChat does not know the openid in this mini-program: the CloudBase environment must be one ' +
    'opened from this mini-program (docs/deploy.md §0)',
}

/**
 * Errcodes after which the message may have been delivered (-604102: the cloud-call gateway timed
 * out calling WeChat): no outcome, like a network failure, so it is never sent again.
 */
const OUTCOME_UNKNOWN = new Set([-604102])

let cloud: WxServerSdk | undefined

/**
 * Subscribe messages through the cloud-call open API (PLATFORM §3): documented only via
 * wx-server-sdk, loaded on first use; the jobs function declares `subscribeMessage.send` in its
 * config.json permissions. WeChat's errcodes (thrown as `errCode`, or returned non-zero) are
 * outcomes, permanent or not, and those of SEND_SETUP_FAILURES are logged with what to fix;
 * anything else (a network failure, a timeout) is rethrown, since the message may have been
 * delivered and must not be sent again. CLUB_MINIPROGRAM_STATE picks the version a tap opens
 * (trial, developer; formal by default).
 */
export function wechatSubscribeSenderWith(logger: Logger): NotificationSender {
  return {
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
        const thrown = (error as { errCode?: unknown } | null)?.errCode
        if (typeof thrown !== 'number' || OUTCOME_UNKNOWN.has(thrown)) throw error
        errcode = thrown
      }
      if (errcode === 0) return { ok: true }
      const instruction = SEND_SETUP_FAILURES[errcode]
      if (instruction) {
        logger.error('platform setup needed', {
          fn: 'jobs',
          api: 'subscribeMessage.send',
          errcode,
          templateId: message.templateId,
          instruction: `subscribeMessage.send failed with errcode ${errcode}: ${instruction}`,
        })
      }
      return { ok: false, errcode, permanent: isPermanentError(errcode) }
    },
  }
}

/** The sender of the jobs function: one JSON line on stderr per failure to fix. */
export const wechatSubscribeSender: NotificationSender = wechatSubscribeSenderWith(jsonLogger)
