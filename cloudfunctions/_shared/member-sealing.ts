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

/** The personal fields that must be unique among members (SPEC §2). */
export type HeldField = 'mobile' | 'licenceNo'

const HELD_PREFIX = 'held:'
const SEALED_KEY = { mobile: 'mobile', licenceNo: 'licence' } as const

/**
 * The application stored without claiming `field`, which another member already holds: the value
 * stays sealed for the reviewer, but its blind index is replaced by a marker unique to this
 * record, which matches no mobile or licence. So the applicant hears the same answer as anyone
 * (submitted, awaiting review) and the registry does not become an oracle; the reviewer sees the
 * clash and rejects with a reason, and approval is refused while it stands (docs/security.md).
 */
export function withoutClaimOn(record: MemberRecord, field: HeldField): MemberRecord {
  const key = SEALED_KEY[field]
  return { ...record, [key]: { ...record[key], hash: `${HELD_PREFIX}${record.id}:${field}` } }
}

/** The unique fields this record holds only by a marker, because another member holds them. */
export function heldElsewhere(record: MemberRecord): HeldField[] {
  return (['mobile', 'licenceNo'] as const).filter((field) =>
    record[SEALED_KEY[field]].hash.startsWith(HELD_PREFIX),
  )
}

/**
 * Seals a member again after a decision on its stored record, keeping the marker of a field held
 * elsewhere while its value is unchanged (a rejection must not claim what another member holds).
 */
export function resealMember(
  member: Member,
  stored: MemberRecord,
  cipher: FieldCipher,
): MemberRecord {
  const value = { mobile: member.mobile, licenceNo: member.licenceNo }
  return heldElsewhere(stored).reduce(
    (record, field) =>
      cipher.open(stored[SEALED_KEY[field]]) === value[field]
        ? withoutClaimOn(record, field)
        : record,
    sealMember(member, cipher),
  )
}
