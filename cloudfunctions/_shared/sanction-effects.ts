import { endClubSuspension, suspendClub, type ClubMembership } from '../../src/domain/club/club'
import { statusOnReinstatement, type Sanction } from '../../src/domain/discipline/sanction'
import { reopenPointsAccount } from '../../src/domain/points/closure'
import { writeConflict } from '../../src/domain/shared/common.errors'
import { ok, type Result } from '../../src/domain/shared/result'
import type { MemberRecord, Repositories } from './ports'
import { reversalIdOf } from './use-cases/adjust-points'

/** The one clearing entry a cancellation may write: found again when the cancellation is overturned. */
export const closureEntryIdOf = (sanctionId: string) => `closure-${sanctionId}`

/** The member record moved to `status`, as the next version. */
const withStatus = (member: MemberRecord, status: MemberRecord['status'], now: Date) => ({
  ...member,
  status,
  updatedAt: now.toISOString(),
  version: member.version + 1,
})

/** The club membership moved by `move`, saved only when it changed. */
async function moveClub(
  tx: Repositories,
  memberId: string,
  move: (club: ClubMembership) => ClubMembership,
): Promise<Result<null>> {
  const club = await tx.clubs.byMember(memberId)
  if (!club) return ok(null)
  const moved = move(club)
  if (moved !== club && !(await tx.clubs.save(moved)).ok) return writeConflict()
  return ok(null)
}

/**
 * A suspension takes effect inside the caller's transaction (SPEC §8): the account is suspended
 * (no earning, redeeming, sign-ups or card; those check for an active member) and so is the club
 * membership, which remembers where it was.
 */
export async function suspendAccount(
  tx: Repositories,
  member: MemberRecord,
  now: Date,
): Promise<Result<MemberRecord>> {
  const suspended = withStatus(member, 'suspended', now)
  if (!(await tx.members.update(suspended)).ok) return writeConflict()
  const club = await moveClub(tx, member.id, (c) => suspendClub(c, now))
  return club.ok ? ok(suspended) : club
}

/** A suspension ends (its day passed, or it was overturned): the member and the club are back. */
export async function liftSuspension(
  tx: Repositories,
  member: MemberRecord,
  now: Date,
): Promise<Result<MemberRecord>> {
  const active = withStatus(member, 'active', now)
  if (!(await tx.members.update(active)).ok) return writeConflict()
  const club = await moveClub(tx, member.id, (c) => endClubSuspension(c, now))
  return club.ok ? ok(active) : club
}

/**
 * An overturned cancellation reinstates the closed account inside the caller's transaction: the
 * clearing entry is reversed by a `reverse` entry that puts the points back into their lots (with
 * their original expiry; unless an admin already reversed it), the card works again, and the
 * account is active — or suspended, if a suspension given before the cancellation still runs.
 * Places given up in events stay given up, and the club stays cancelled (the member may re-apply).
 */
export async function reinstateAccount(
  tx: Repositories,
  reinstatement: {
    member: MemberRecord
    cancellation: Sanction
    actorId: string
    requestId: string
    note: string
    now: Date
  },
): Promise<Result<MemberRecord>> {
  const { member, cancellation, now } = reinstatement
  // 1. Points: the account open again, and the closure entry reversed, at most once (the
  //    reversal id is the one admins use).
  const found = await tx.points.entry(closureEntryIdOf(cancellation.id))
  const closure = found && !(await tx.points.entry(reversalIdOf(found.id))) ? found : null
  const account = await tx.points.account(member.id)
  if (account && (account.closedAt !== undefined || closure)) {
    const change = reopenPointsAccount(account, closure)
    if (!change.ok) return change
    if (!(await tx.points.saveAccount(change.data.account)).ok) return writeConflict()
    if (closure) {
      await tx.points.append({
        id: reversalIdOf(closure.id),
        memberId: member.id,
        type: 'reverse',
        label: closure.label,
        points: -closure.points,
        reference: closure.id,
        actorId: reinstatement.actorId,
        requestId: reinstatement.requestId,
        at: now.toISOString(),
        takes: change.data.takes,
        lotId: null,
        note: reinstatement.note,
      })
    }
  }
  // 2. The card works again; its codes and secret are unchanged, so no re-key is needed.
  if (member.cardNo) await tx.cards.setStatus(member.cardNo, 'active')
  // 3. The account itself.
  const others = (await tx.sanctions.forMember(member.id)).filter((s) => s.id !== cancellation.id)
  const reinstated = withStatus(member, statusOnReinstatement(others, now), now)
  if (!(await tx.members.update(reinstated)).ok) return writeConflict()
  return ok(reinstated)
}
