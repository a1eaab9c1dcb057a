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

let cloud: WxServerSdk | undefined

/**
 * WeChat's phone authorisation through the cloud-call open API (PLATFORM §3): documented only via
 * wx-server-sdk, needs `phonenumber.getPhoneNumber` in the function's config.json permissions and a
 * verified non-individual account. The code is single-use and valid for 5 minutes; a rejected or
 * expired code yields null. Only mainland numbers (country code 86) are accepted.
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
      const e = error as { errCode?: number }
      if (typeof e.errCode === 'number') return null
      throw error
    }
  },
}
