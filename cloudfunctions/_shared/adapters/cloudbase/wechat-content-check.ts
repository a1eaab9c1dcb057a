import { contentCheckUnavailable } from '../../../../src/domain/shared/common.errors'
import { PlatformFailure } from '../../platform-failure'
import type { ContentCheck } from '../../ports'

type MsgSecCheckResult = {
  errCode?: number
  errcode?: number
  result?: { suggest?: string; label?: number }
}
type MediaCheckAsyncResult = { errCode?: number; errcode?: number; traceId?: string }
type TempFileUrls = {
  fileList?: { fileID?: string; tempFileURL?: string; status?: number; errMsg?: string }[]
}
type WxServerSdk = {
  init(options: { env: unknown }): void
  DYNAMIC_CURRENT_ENV: unknown
  getTempFileURL(args: { fileList: { fileID: string; maxAge: number }[] }): Promise<TempFileUrls>
  openapi: {
    security: {
      msgSecCheck(args: {
        openid: string
        scene: number
        version: 2
        content: string
      }): Promise<MsgSecCheckResult>
      mediaCheckAsync(args: {
        mediaUrl: string
        mediaType: 2
        version: 2
        openid: string
        scene: number
      }): Promise<MediaCheckAsyncResult>
    }
  }
}

/** How long the link WeChat fetches a photo by stays valid: its check runs within minutes. */
const PHOTO_LINK_SECONDS = 60 * 60

/** WeChat's scene numbers of msgSecCheck v2: 1 资料 (profile), 2 评论 (comment). */
const SCENES = { profile: 1, comment: 2 } as const

/** Errcodes no retry can fix, with what the people deploying must do (cf. wechat-phones.ts). */
export const CONTENT_CHECK_SETUP_FAILURES: Readonly<Record<number, string>> = {
  [-604101]:
    'the function `member` lacks the open-API permission security.msgSecCheck or ' +
    'security.mediaCheckAsync. Upload ' +
    'cloudfunctions/member once from WeChat DevTools (右键 → 上传并部署：云端安装依赖) so its ' +
    'config.json permissions are registered, then allow up to 10 minutes (docs/deploy.md §8.2)',
  48001: 'WeChat refuses the content check to this mini-program (api unauthorized)',
}

let cloud: WxServerSdk | undefined

/**
 * WeChat's text content check through the cloud-call open API (`security.msgSecCheck`, version 2,
 * declared in cloudfunctions/member/config.json). The member must have opened the mini-program in
 * the last two hours, which a member writing in it has. Answers `result.suggest`; a setup errcode
 * throws a PlatformFailure (logged with what to fix); any other failure throws too, so the text is
 * refused for now rather than kept unchecked (SYS.CONTENT_CHECK_UNAVAILABLE).
 */
export const wechatContentCheck: ContentCheck = {
  async text({ openid, scene, content }) {
    const cloud = wxCloud()
    let answer: MsgSecCheckResult
    try {
      answer = await cloud.openapi.security.msgSecCheck({
        openid,
        scene: SCENES[scene],
        version: 2,
        content,
      })
    } catch (error) {
      throw failureOf((error as { errCode?: unknown } | null)?.errCode, error)
    }
    const errcode = answer.errCode ?? answer.errcode ?? 0
    if (errcode !== 0) throw failureOf(errcode, answer)
    const suggest = answer.result?.suggest
    if (suggest === 'pass' || suggest === 'review' || suggest === 'risky') return suggest
    throw new Error(`msgSecCheck answered without a suggestion: ${JSON.stringify(answer)}`)
  },

  /**
   * A complaint photo (a `cloud://` fileID of this environment) through `mediaCheckAsync` v2,
   * scene comment: WeChat fetches it by a temporary link and pushes the verdict later
   * (`wxa_media_check`, media-check-push.ts); this answers the trace id it will carry.
   */
  async image({ openid, photoId }) {
    const cloud = wxCloud()
    const links = await cloud.getTempFileURL({
      fileList: [{ fileID: photoId, maxAge: PHOTO_LINK_SECONDS }],
    })
    const link = links.fileList?.find((file) => file.fileID === photoId)
    if (!link?.tempFileURL || (link.status ?? 0) !== 0) {
      throw new Error(`no temporary link for the photo: ${link?.errMsg ?? 'not in the answer'}`)
    }
    let answer: MediaCheckAsyncResult
    try {
      answer = await cloud.openapi.security.mediaCheckAsync({
        mediaUrl: link.tempFileURL,
        mediaType: 2,
        version: 2,
        openid,
        scene: SCENES.comment,
      })
    } catch (error) {
      throw failureOf((error as { errCode?: unknown } | null)?.errCode, error)
    }
    const errcode = answer.errCode ?? answer.errcode ?? 0
    if (errcode !== 0) throw failureOf(errcode, answer)
    if (!answer.traceId) throw new Error(`mediaCheckAsync answered without a trace id`)
    return { traceId: answer.traceId }
  },
}

/** wx-server-sdk, loaded and initialised on first use (CloudBase installs it; bundles keep it out). */
function wxCloud(): WxServerSdk {
  if (!cloud) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    cloud = require('wx-server-sdk') as WxServerSdk
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  }
  return cloud
}

function failureOf(errcode: unknown, cause: unknown): Error {
  const instruction =
    typeof errcode === 'number' ? CONTENT_CHECK_SETUP_FAILURES[errcode] : undefined
  if (instruction) {
    return new PlatformFailure(
      contentCheckUnavailable().error,
      `msgSecCheck failed with errcode ${String(errcode)}: ${instruction}`,
    )
  }
  return cause instanceof Error ? cause : new Error(`msgSecCheck failed: ${JSON.stringify(cause)}`)
}
