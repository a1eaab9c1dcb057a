import { cancelClub } from '../../src/domain/club/club'
import { dropSignup, isActiveSignup } from '../../src/domain/event/signup'
import { closePointsAccount } from '../../src/domain/points/closure'
import { emptyAccount } from '../../src/domain/points/points'
import { writeConflict } from '../../src/domain/shared/common.errors'
import { ok, type Result } from '../../src/domain/shared/result'
import { givePlaceBack } from './event-places'
import type { MemberRecord, Repositories } from './ports'

export type Closure = {
  member: MemberRecord
  /** `cancelled` by a sanction (SPEC §8), `withdrawn` at the member's own request (SPEC §9). */
  status: 'cancelled' | 'withdrawn'
  /** The id of the clearing ledger entry (one per closure). */
  entryId: string
  actorId: string
  requestId: string | null
  now: Date
}

/**
 * Closes a member's account inside the caller's transaction (SPEC §5, §8, §9): the balance is
 * cleared by one `adjust` entry labelled `closure` (the ledger keeps summing to the balance) and
 * the points account marked closed (it takes nothing more), the
 * card is revoked, the club membership ends, places in events not yet over are given back (the
 * waitlist moves up) and the member record takes the closed status. Returns the closed record.
 */
export async function closeAccount(
  tx: Repositories,
  closure: Closure,
): Promise<Result<MemberRecord>> {
  const { member, now } = closure
  // 1. Points: one entry takes the whole balance, oldest lots first, and the account is closed
  //    (one with nothing on it too), so that no credit lands on it afterwards.
  const account = (await tx.points.account(member.id)) ?? emptyAccount(member.id)
  const closing = closePointsAccount(account, now)
  if (!(await tx.points.saveAccount(closing.account)).ok) return writeConflict()
  if (closing.points !== 0) {
    await tx.points.append({
      id: closure.entryId,
      memberId: member.id,
      type: 'adjust',
      label: 'closure',
      points: closing.points,
      reference: `closure:${member.id}`,
      actorId: closure.actorId,
      requestId: closure.requestId,
      at: now.toISOString(),
      takes: closing.takes,
      lotId: null,
      note: null,
    })
  }
  // 2. The card stops working at once.
  if (member.cardNo) await tx.cards.setStatus(member.cardNo, 'revoked')
  // 3. The club membership ends for good.
  const club = await tx.clubs.byMember(member.id)
  const ended = club && club.state !== 'none' ? cancelClub(club, now) : club
  if (ended && ended !== club && !(await tx.clubs.save(ended)).ok) return writeConflict()
  // 4. Places in events that have not ended go to the waitlist.
  for (const signup of await tx.signups.forMember(member.id)) {
    if (!isActiveSignup(signup)) continue
    const event = await tx.events.byId(signup.eventId)
    const change = event ? dropSignup(event, signup, now) : null
    if (!event || !change) continue
    const given = await givePlaceBack(tx, event, change, now)
    if (!given.ok) return given
  }
  // 5. The account itself.
  const closed: MemberRecord = {
    ...member,
    status: closure.status,
    updatedAt: now.toISOString(),
    version: member.version + 1,
  }
  if (!(await tx.members.update(closed)).ok) return writeConflict()
  return ok(closed)
}
