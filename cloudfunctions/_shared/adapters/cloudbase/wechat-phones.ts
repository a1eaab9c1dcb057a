import { phoneUnavailable } from '../../../../src/domain/member/member.errors'
import { PlatformFailure } from '../../platform-failure'
import type { PhoneVerifier } from '../../ports'

type PhoneNumberResult = {
  phoneInfo?: { purePhoneNumber?: string; countryCode?: string }
  phone_info?: { purePhoneNumber?: string; countryCode?: string }
}
type WxServerSdk = {
  init(options: { env: unknown }): void
  DYNAMIC_CURRENT_ENV: unknown
  openapi: { phonenumber: { getPhoneNumber(args: { code: string }): Promise<PhoneNumberResult> } }
}

/**
 * Answers of getPhoneNumber that no new code can fix, with what the people deploying must do.
 * -604101/-604100 come from the cloud-call gateway (wx-server-sdk's ERR_CODE); 48001 and 40013 are
 * WeChat's global codes and 1400001 the quota code of the paid API (DOC getPhoneNumber; their
 * exact use for this API is unconfirmed). Every other errcode (40029 an invalid or used code, -1
 * busy, 45011 too frequent, …) asks the member to authorise again.
 */
export const PHONE_SETUP_FAILURES: Readonly<Record<number, string>> = {
  [-604101]:
    'the function `member` lacks the open-API permission phonenumber.getPhoneNumber. Upload ' +
    'cloudfunctions/member once from WeChat DevTools (右键 → 上传并部署：云端安装依赖) so its ' +
    'config.json permissions are registered, then allow up to 10 minutes (docs/deploy.md §8.2)',
  [-604100]:
    'the cloud-call gateway does not know phonenumber.getPhoneNumber (API not found): check the ' +
    'wx-server-sdk version cloudfunctions/member/package.json pins (npm run build:functions) and ' +
    'that the CloudBase environment was opened from this mini-program (docs/deploy.md §0, §3)',
  48001:
    'WeChat refuses getPhoneNumber to this mini-program (api unauthorized): it needs a verified, ' +
    'non-individual account (docs/deploy.md §0)',
  40013:
    'WeChat refuses the appid: the CloudBase environment must be one opened from this ' +
    'mini-program (docs/deploy.md §0)',
  1400001:
    'the paid getPhoneNumber quota is used up: buy more (手机号快速验证组件 resource pack) in ' +
    'mp.weixin.qq.com (docs/deploy.md §0)',
}

let cloud: WxServerSdk | undefined

/**
 * WeChat's phone authorisation through the cloud-call open API (PLATFORM §3): documented only via
 * wx-server-sdk, needs `phonenumber.getPhoneNumber` in the function's config.json permissions and a
 * verified non-individual account. The code is single-use and valid for 5 minutes; a rejected or
 * expired code yields null. Only mainland numbers (country code 86) are accepted. An errcode of
 * PHONE_SETUP_FAILURES throws a PlatformFailure: the member reads MEMBER.PHONE_UNAVAILABLE and
 * the log says what to fix.
 */
export const wechatPhones: PhoneVerifier = {
  async exchange(code) {
    if (!cloud) {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      cloud = require('wx-server-sdk') as WxServerSdk
      cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
    }
    try {
      const result = await cloud.openapi.phonenumber.getPhoneNumber({ code })
      const info = result.phoneInfo ?? result.phone_info
      if (!info?.purePhoneNumber || (info.countryCode && info.countryCode !== '86')) return null
      return info.purePhoneNumber
    } catch (error) {
      const errcode = (error as { errCode?: unknown } | null)?.errCode
      if (typeof errcode !== 'number') throw error
      const instruction = PHONE_SETUP_FAILURES[errcode]
      if (instruction) {
        throw new PlatformFailure(
          phoneUnavailable().error,
          `getPhoneNumber failed with errcode ${errcode}: ${instruction}`,
        )
      }
      return null
    }
  },
}
