import { createFieldCipher } from '../../../../cloudfunctions/_shared/field-cipher'
import type { MemberRecord } from '../../../../cloudfunctions/_shared/ports'

/** The contract suites' cipher: a fixed key, so blind indexes agree across suites and adapters. */
export const CONTRACT_CIPHER = createFieldCipher(Buffer.alloc(32, 7))

/**
 * A member record under `id` whose openid, mobile and licence derive from the id, so they are new
 * to the store; pending unless overridden.
 */
export function aContractMember(id: string, overrides: Partial<MemberRecord> = {}): MemberRecord {
  return {
    id,
    openid: `o-${id}`,
    unionid: null,
    status: 'pending',
    realName: '王建国',
    mobile: CONTRACT_CIPHER.seal('mobile', `mobile-${id}`),
    shopName: '建国便利店',
    shopAddress: '江苏省南京市鼓楼区中山路100号',
    licence: CONTRACT_CIPHER.seal('licence', `licence-${id}`),
    birthday: '1985-06-15',
    consentVersion: '2026-01',
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
