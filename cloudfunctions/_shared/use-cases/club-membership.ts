import type { ClubApplicationPage, ClubView } from '../../../src/contracts/star-club'
import {
  applyForClub,
  approveClubApplication,
  leaveClub as leave,
  rejectClubApplication,
  type ClubMembership,
} from '../../../src/domain/club/club'
import { clubNotAllowed } from '../../../src/domain/club/club.errors'
import { memberNotFound } from '../../../src/domain/member/member.errors'
import { maskMobile } from '../../../src/domain/privacy/mask'
import { writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { auditOf } from '../audit'
import { requireMember, requireStaff, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import type { Deps, MemberRecord, Repositories } from '../ports'
import { clubViewOf, standingOf } from '../star-views'

/** Saves a club move made by the member themself, once per request. */
async function memberMoves(
  deps: Deps,
  caller: Caller,
  action: 'applyClub' | 'leaveClub',
  requestId: string,
  decide: (
    club: ClubMembership,
    star: Parameters<typeof applyForClub>[1],
    now: Date,
    member: MemberRecord,
  ) => Result<ClubMembership>,
): Promise<Result<ClubView>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  const key = { requestId, openid: caller.openid, fn: 'member', action }
  return idempotent(deps, key, async (tx) => {
    const now = deps.clock.now()
    const { star, club } = await standingOf(tx, member.data.id, now)
    const moved = decide(club, star, now, member.data)
    if (!moved.ok) return moved
    if (!(await tx.clubs.save(moved.data)).ok) return writeConflict()
    return ok(clubViewOf(moved.data, star, now))
  })
}

/**
 * A member with ≥ 3★ this year applies to the club (SPEC §4); a reviewer decides. Only an active
 * member: a suspended or closed account applies for nothing (SPEC §8).
 */
export function applyClub(deps: Deps, caller: Caller, requestId: string) {
  return memberMoves(deps, caller, 'applyClub', requestId, (club, star, now, member) =>
    member.status === 'active' ? applyForClub(club, star, now) : clubNotAllowed(),
  )
}

/** A club member leaves by choice; platform membership and points are untouched (SPEC §4). */
export function leaveClub(deps: Deps, caller: Caller, requestId: string) {
  return memberMoves(deps, caller, 'leaveClub', requestId, (club, _star, now) => leave(club, now))
}

/** The reviewer's queue of club applications, oldest first, mobile masked (SPEC §9). */
export async function listClubApplications(
  deps: Deps,
  caller: Caller,
  input: { offset: number; limit: number },
): Promise<Result<ClubApplicationPage>> {
  const reviewer = await requireStaff(deps, caller, 'reviewer')
  if (!reviewer.ok) return reviewer
  const now = deps.clock.now()
  const page = await deps.store.read.clubs.listByState('applied', input.offset, input.limit)
  const items = await Promise.all(
    page.items.map(async (club) => {
      const member = await deps.store.read.members.byId(club.memberId)
      const { star } = await standingOf(deps.store.read, club.memberId, now)
      return {
        memberId: club.memberId,
        realName: member?.realName ?? '',
        shopName: member?.shopName ?? '',
        mobileMasked: member ? maskMobile(deps.cipher.open(member.mobile)) : '',
        cardNo: member?.cardNo ?? null,
        star,
        appliedAt: club.appliedAt ?? club.since,
      }
    }),
  )
  return ok({ items, total: page.total })
}

type Decision = {
  action: 'club.approve' | 'club.reject'
  reason: string | null
  decide: (
    club: ClubMembership,
    star: Parameters<typeof applyForClub>[1],
    reviewerId: string,
    now: Date,
  ) => Result<ClubMembership>
}

/** A reviewer decides a club application: saved, audited and the member notified, once. */
async function decideApplication(
  deps: Deps,
  caller: Caller,
  memberId: string,
  requestId: string,
  decision: Decision,
): Promise<Result<ClubView>> {
  const reviewer = await requireStaff(deps, caller, 'reviewer')
  if (!reviewer.ok) return reviewer
  const key = { requestId, openid: caller.openid, fn: 'admin', action: decision.action }
  return idempotent(deps, key, async (tx: Repositories) => {
    if (!(await tx.members.byId(memberId))) return memberNotFound()
    const now = deps.clock.now()
    const { star, club } = await standingOf(tx, memberId, now)
    const decided = decision.decide(club, star, reviewer.data.id, now)
    if (!decided.ok) return decided
    if (!(await tx.clubs.save(decided.data)).ok) return writeConflict()
    await tx.audit.append(
      auditOf(deps, reviewer.data, {
        action: decision.action,
        targetType: 'member',
        targetId: memberId,
        before: { club: club.state },
        after: { club: decided.data.state },
        reason: decision.reason,
        requestId,
        now,
      }),
    )
    await tx.outbox.add({
      id: `club-application:${memberId}:${requestId}`,
      memberId,
      kind: 'club.application',
      payload: { approved: decided.data.state === 'active', reason: decision.reason },
      createdAt: now.toISOString(),
      status: 'pending',
    })
    return ok(clubViewOf(decided.data, star, now))
  })
}

export function approveClub(
  deps: Deps,
  caller: Caller,
  input: { memberId: string },
  requestId: string,
) {
  return decideApplication(deps, caller, input.memberId, requestId, {
    action: 'club.approve',
    reason: null,
    decide: approveClubApplication,
  })
}

export function rejectClub(
  deps: Deps,
  caller: Caller,
  input: { memberId: string; reason: string },
  requestId: string,
) {
  return decideApplication(deps, caller, input.memberId, requestId, {
    action: 'club.reject',
    reason: input.reason,
    decide: (club, _star, reviewerId, now) =>
      rejectClubApplication(club, reviewerId, input.reason, now),
  })
}
