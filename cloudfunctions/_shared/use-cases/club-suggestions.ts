import type { StaffSuggestionPage, SuggestionView } from '../../../src/contracts/star-club'
import { isInClub } from '../../../src/domain/club/club'
import { notInClub, suggestionNotFound } from '../../../src/domain/club/club.errors'
import {
  answerSuggestion as answer,
  newSuggestion,
  type Suggestion,
} from '../../../src/domain/club/suggestion'
import { writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { auditOf } from '../audit'
import { requireMember, requireStaff, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import type { Deps, MemberRecord } from '../ports'

const viewOf = (s: Suggestion): SuggestionView => ({
  id: s.id,
  text: s.text,
  createdAt: s.createdAt,
  answer: s.answer,
  answeredAt: s.answeredAt,
})

/** The caller as a club member (`active` or `grace`, SPEC §4); the box is closed to everyone else. */
async function requireClubMember(deps: Deps, caller: Caller): Promise<Result<MemberRecord>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  return isInClub(await deps.store.read.clubs.byMember(member.data.id)) ? member : notInClub()
}

/** A club member's own suggestions, newest first, with the staff answers. */
export async function mySuggestions(deps: Deps, caller: Caller): Promise<Result<SuggestionView[]>> {
  const member = await requireClubMember(deps, caller)
  if (!member.ok) return member
  return ok((await deps.store.read.suggestions.forMember(member.data.id)).map(viewOf))
}

/** A club member drops a suggestion in the box. */
export async function suggest(
  deps: Deps,
  caller: Caller,
  input: { text: string },
  requestId: string,
): Promise<Result<SuggestionView>> {
  const member = await requireClubMember(deps, caller)
  if (!member.ok) return member
  const key = { requestId, openid: caller.openid, fn: 'member', action: 'suggest' }
  return idempotent(deps, key, async (tx) => {
    const suggestion = newSuggestion(deps.ids.next(), member.data.id, input.text, deps.clock.now())
    if (!(await tx.suggestions.save(suggestion)).ok) return writeConflict()
    return ok(viewOf(suggestion))
  })
}

/** Staff read the box: open suggestions oldest first, or answered ones newest first. */
export async function listClubSuggestions(
  deps: Deps,
  caller: Caller,
  input: { answered: boolean; offset: number; limit: number },
): Promise<Result<StaffSuggestionPage>> {
  const staff = await requireStaff(deps, caller, 'reviewer')
  if (!staff.ok) return staff
  const page = await deps.store.read.suggestions.list(input.answered, input.offset, input.limit)
  const items = await Promise.all(
    page.items.map(async (s) => {
      const member = await deps.store.read.members.byId(s.memberId)
      return {
        ...viewOf(s),
        memberId: s.memberId,
        realName: member?.realName ?? '',
        shopName: member?.shopName ?? '',
      }
    }),
  )
  return ok({ items, total: page.total })
}

/** Staff answer a suggestion once; the member is notified and reads the answer in the app. */
export async function answerClubSuggestion(
  deps: Deps,
  caller: Caller,
  input: { id: string; answer: string },
  requestId: string,
): Promise<Result<SuggestionView>> {
  const staff = await requireStaff(deps, caller, 'reviewer')
  if (!staff.ok) return staff
  const key = { requestId, openid: caller.openid, fn: 'admin', action: 'answerSuggestion' }
  return idempotent(deps, key, async (tx) => {
    const suggestion = await tx.suggestions.byId(input.id)
    if (!suggestion) return suggestionNotFound()
    const now = deps.clock.now()
    const answered = answer(suggestion, input.answer, staff.data.id, now)
    if (!answered.ok) return answered
    if (!(await tx.suggestions.save(answered.data)).ok) return writeConflict()
    await tx.audit.append(
      auditOf(deps, staff.data, {
        action: 'suggestion.answer',
        targetType: 'suggestion',
        targetId: suggestion.id,
        before: null,
        after: { answer: input.answer },
        reason: null,
        requestId,
        now,
      }),
    )
    await tx.outbox.add({
      id: `suggestion-answered:${suggestion.id}`,
      memberId: suggestion.memberId,
      kind: 'suggestion.answered',
      payload: { suggestionId: suggestion.id },
      createdAt: now.toISOString(),
      status: 'pending',
    })
    return ok(viewOf(answered.data))
  })
}
