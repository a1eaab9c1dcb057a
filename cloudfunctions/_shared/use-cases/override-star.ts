import type { MemberStarsView } from '../../../src/contracts/star-club'
import { memberNotFound } from '../../../src/domain/member/member.errors'
import { cardUnknown } from '../../../src/domain/points/points.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { overrideStar as override, type StarValue } from '../../../src/domain/star/star'
import { auditOf } from '../audit'
import { requireStaff, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import type { Deps, MemberRecord, Repositories } from '../ports'
import { historyOf, standingOf } from '../star-views'

async function starsView(
  repos: Repositories,
  member: MemberRecord,
  now: Date,
): Promise<MemberStarsView> {
  const { year, star, grants, club } = await standingOf(repos, member.id, now)
  return {
    memberId: member.id,
    realName: member.realName,
    cardNo: member.cardNo ?? '',
    year,
    star,
    history: historyOf(grants),
    clubState: club.state,
  }
}

/** A member's stars by year and club state, found by card number, for the admin's override form. */
export async function memberStars(
  deps: Deps,
  caller: Caller,
  input: { cardNo: string },
): Promise<Result<MemberStarsView>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const member = await deps.store.read.members.byCardNo(input.cardNo)
  if (!member) return cardUnknown()
  return ok(await starsView(deps.store.read, member, deps.clock.now()))
}

/**
 * An admin sets a member's star for the current year (SPEC §3: the one exception to "only at the
 * annual adjustment"), with a reason that stays in the member's star history; audited. The club
 * is not moved by it: the club changes at adjustments, or by application.
 */
export async function overrideStar(
  deps: Deps,
  caller: Caller,
  input: { memberId: string; star: number; reason: string },
  requestId: string,
): Promise<Result<MemberStarsView>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const key = { requestId, openid: caller.openid, fn: 'admin', action: 'overrideStar' }
  return idempotent(deps, key, async (tx) => {
    const member = await tx.members.byId(input.memberId)
    if (!member || member.status !== 'active') return memberNotFound()
    const now = deps.clock.now()
    const { year, star: before } = await standingOf(tx, member.id, now)
    await tx.stars.put(override(member.id, year, input.star as StarValue, input.reason, now))
    await tx.audit.append(
      auditOf(deps, admin.data, {
        action: 'star.override',
        targetType: 'member',
        targetId: member.id,
        before: { year, star: before },
        after: { year, star: input.star },
        reason: input.reason,
        requestId,
        now,
      }),
    )
    return ok(await starsView(tx, member, now))
  })
}
