import type {
  MemberSanctionsView,
  SanctionView,
  StaffSanctionView,
} from '../../src/contracts/discipline'
import { canAppeal, suspendedUntil, type Sanction } from '../../src/domain/discipline/sanction'
import { maskMobile } from '../../src/domain/privacy/mask'
import type { FieldCipher, MemberRecord, Repositories } from './ports'

/** A sanction as its member reads it: who decided stays with staff. */
export function sanctionView(s: Sanction): SanctionView {
  return {
    id: s.id,
    kind: s.kind,
    reason: s.reason,
    endsOn: s.endsOn,
    issuedAt: s.issuedAt,
    state: s.state,
    appeal: s.appeal
      ? {
          text: s.appeal.text,
          filedAt: s.appeal.filedAt,
          decision: s.appeal.decision,
          note: s.appeal.note,
          decidedAt: s.appeal.decidedAt,
        }
      : null,
    canAppeal: canAppeal(s),
  }
}

/** Who a member is in the admin's lists: name, masked mobile (SPEC §9), card and status. */
function whoIs(member: MemberRecord, cipher: FieldCipher) {
  return {
    memberId: member.id,
    realName: member.realName,
    mobileMasked: maskMobile(cipher.open(member.mobile)),
    cardNo: member.cardNo,
  }
}

export function staffSanctionView(
  s: Sanction,
  member: MemberRecord,
  cipher: FieldCipher,
): StaffSanctionView {
  return {
    ...sanctionView(s),
    ...whoIs(member, cipher),
    memberStatus: member.status,
    issuedBy: s.issuedBy,
  }
}

/** Sanctions with their members, reading each member once. */
export async function staffSanctionViews(
  repos: Repositories,
  sanctions: readonly Sanction[],
  cipher: FieldCipher,
): Promise<StaffSanctionView[]> {
  const members = new Map<string, MemberRecord | null>()
  const views: StaffSanctionView[] = []
  for (const s of sanctions) {
    if (!members.has(s.memberId)) members.set(s.memberId, await repos.members.byId(s.memberId))
    const member = members.get(s.memberId)
    // A sanction always names a stored member (a foreign key on SQLite); skip one that does not.
    if (member) views.push(staffSanctionView(s, member, cipher))
  }
  return views
}

/** A member and every sanction they had, newest first, for the admin's sanction form. */
export async function memberSanctionsView(
  repos: Repositories,
  member: MemberRecord,
  cipher: FieldCipher,
): Promise<MemberSanctionsView> {
  const sanctions = await repos.sanctions.forMember(member.id)
  return {
    ...whoIs(member, cipher),
    status: member.status,
    suspendedUntil: member.status === 'suspended' ? suspendedUntil(sanctions) : null,
    sanctions: sanctions.map(sanctionView),
  }
}

/** What the member's own pages show of discipline: how many sanctions, and a running suspension. */
export async function disciplineStandingOf(
  repos: Repositories,
  member: MemberRecord,
): Promise<{ sanctionCount: number; suspendedUntil: string | null }> {
  const sanctions = await repos.sanctions.forMember(member.id)
  return {
    sanctionCount: sanctions.length,
    suspendedUntil: member.status === 'suspended' ? suspendedUntil(sanctions) : null,
  }
}
