import type { MySignupView } from '../../../src/contracts/events.contract'
import { checkEligibility } from '../../../src/domain/event/eligibility'
import { eventNotFound } from '../../../src/domain/event/event.errors'
import { cancelSignup, signUp } from '../../../src/domain/event/signup'
import { writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireMember, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import { memberApplicant, mySignupView } from '../event-views'
import { givePlaceBack } from '../event-places'
import type { Deps } from '../ports'

/**
 * A member signs up for an event (SPEC §7). Their standing (status, star, club, no-shows) is read
 * first, in one read; then in one transaction the event is read, eligibility and the sign-up
 * decided, and the event's counters saved only from the version read — so of any number of
 * simultaneous sign-ups exactly `capacity` get a place and the rest queue on the waitlist in the
 * order their transactions commit (their arrival numbers). Once per request id.
 */
export async function signUpForEvent(
  deps: Deps,
  caller: Caller,
  input: { eventId: string; acknowledged: boolean },
  requestId: string,
): Promise<Result<MySignupView>> {
  // The member's standing in one read (one request on CloudBase); nothing of it is written here.
  const standing = await memberApplicant(deps, caller, deps.clock.now())
  if (!standing.ok) return standing
  const { member, applicant } = standing.data
  const key = { requestId, openid: caller.openid, fn: 'events', action: 'signUp' }
  return idempotent(deps, key, async (tx) => {
    const now = deps.clock.now()
    // 1. Read the event inside the transaction; eligibility is decided on the standing read.
    const event = await tx.events.byId(input.eventId)
    if (!event) return eventNotFound()
    const eligible = checkEligibility(event, applicant, now)
    if (!eligible.ok) return eligible
    // 2. Decide, then write the event from the version read: a concurrent sign-up conflicts.
    const existing = await tx.signups.get(event.id, member.id)
    const decided = signUp(event, existing, member.id, input.acknowledged, now)
    if (!decided.ok) return decided
    if (!(await tx.events.save(decided.data.event)).ok) return writeConflict()
    if (!(await tx.signups.save(decided.data.signup)).ok) return writeConflict()
    return ok((await mySignupView(tx, decided.data.event, decided.data.signup, now))!)
  })
}

/**
 * A member cancels their sign-up until 16:00 Shanghai on the event day (SPEC §7). A confirmed
 * place goes at once, in the same transaction, to the first on the waitlist, who is notified.
 */
export async function cancelEventSignup(
  deps: Deps,
  caller: Caller,
  input: { eventId: string },
  requestId: string,
): Promise<Result<MySignupView>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  const key = { requestId, openid: caller.openid, fn: 'events', action: 'cancelSignup' }
  return idempotent(deps, key, async (tx) => {
    const now = deps.clock.now()
    const event = await tx.events.byId(input.eventId)
    if (!event) return eventNotFound()
    const cancelled = cancelSignup(event, await tx.signups.get(event.id, member.data.id), now)
    if (!cancelled.ok) return cancelled
    const saved = await givePlaceBack(tx, event, cancelled.data, now)
    if (!saved.ok) return saved
    return ok((await mySignupView(tx, saved.data, cancelled.data.signup, now))!)
  })
}
