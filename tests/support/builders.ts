import type { RegisterInput } from '@/contracts/member.contract'
import type { Member } from '@/domain/member/member'
import { CURRENT_POLICY_VERSION } from '@/domain/privacy/policy'

let serial = 0

/** A valid registration form; each call gets its own mobile and licence unless given. */
export function aRegistration(
  overrides: Partial<RegisterInput> = {},
): RegisterInput & { mobile: string } {
  serial += 1
  return {
    realName: '王建国',
    mobile: `139${String(10_000_000 + serial).slice(-8)}`,
    shopName: '建国便利店',
    shopAddress: '江苏省南京市鼓楼区中山路100号',
    licenceNo: `3201${String(100_000_000 + serial).slice(-8)}`,
    birthday: '1985-06-15',
    consentVersion: CURRENT_POLICY_VERSION,
    channel: 'oa_menu',
    ...overrides,
  }
}

/** A member record in clear, pending unless told otherwise. */
export function aMember(overrides: Partial<Member> = {}): Member {
  const form = aRegistration()
  return {
    id: `m-${serial}`,
    openid: `o_member_${serial}`,
    unionid: null,
    status: 'pending',
    realName: form.realName,
    mobile: form.mobile,
    shopName: form.shopName,
    shopAddress: form.shopAddress,
    licenceNo: form.licenceNo,
    birthday: form.birthday,
    consentVersion: form.consentVersion,
    consentAt: '2026-11-20T02:00:00.000Z',
    referralCode: null,
    referredBy: null,
    channel: 'oa_menu',
    cardNo: null,
    rejectReason: null,
    submittedAt: '2026-11-20T02:00:00.000Z',
    reviewedAt: null,
    reviewedBy: null,
    createdAt: '2026-11-20T02:00:00.000Z',
    updatedAt: '2026-11-20T02:00:00.000Z',
    version: 1,
    ...overrides,
  }
}
