/**
 * Platform membership (平台会员) states of SPEC §2, and by discipline (SPEC §8) or choice (§9):
 * `suspended` (暂停) keeps the account but cannot earn, redeem, sign up or show the card;
 * `cancelled` (注销, a sanction) and `withdrawn` (已退出, the member's own withdrawal) are closed
 * accounts: points cleared, card revoked, nothing can be done with them any more.
 */
export type MemberStatus =
  'pending' | 'active' | 'rejected' | 'suspended' | 'cancelled' | 'withdrawn'

/** How a retailer arrived (来源渠道), recorded for the supplier's reports. */
export const ARRIVAL_CHANNELS = ['oa_menu', 'qr_poster', 'referral', 'event', 'other'] as const
export type ArrivalChannel = (typeof ARRIVAL_CHANNELS)[number]

/** What the applicant fills in on the registration form (SPEC §2), already normalised. */
export type RegistrationForm = {
  realName: string
  mobile: string
  shopName: string
  shopAddress: string
  licenceNo: string
  birthday: string
  consentVersion: string
  referralCode?: string
  channel?: ArrivalChannel
}

/** A member in clear: the application layer seals mobile and licence before they are stored. */
export type Member = {
  id: string
  openid: string
  unionid: string | null
  status: MemberStatus
  realName: string
  mobile: string
  shopName: string
  shopAddress: string
  licenceNo: string
  birthday: string
  consentVersion: string
  consentAt: string
  referralCode: string | null
  referredBy: string | null
  channel: ArrivalChannel | null
  cardNo: string | null
  rejectReason: string | null
  submittedAt: string
  reviewedAt: string | null
  reviewedBy: string | null
  createdAt: string
  updatedAt: string
  version: number
}
