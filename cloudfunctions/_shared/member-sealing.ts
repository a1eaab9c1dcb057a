import type { Member } from '../../src/domain/member/member'
import type { FieldCipher, MemberRecord } from './ports'

/** Seals a member's mobile and licence for storage. */
export function sealMember(member: Member, cipher: FieldCipher): MemberRecord {
  const { mobile, licenceNo, ...plain } = member
  return {
    ...plain,
    mobile: cipher.seal('mobile', mobile),
    licence: cipher.seal('licence', licenceNo),
  }
}

/** Opens a stored member for the rules and for the owner's own view. */
export function openMember(record: MemberRecord, cipher: FieldCipher): Member {
  const { mobile, licence, ...plain } = record
  return { ...plain, mobile: cipher.open(mobile), licenceNo: cipher.open(licence) }
}
