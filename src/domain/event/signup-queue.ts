import { ok, type Result } from '../shared/result'
import { checkEligibility, type Applicant } from './eligibility'
import type { ClubEvent } from './event'
import { signUp, type Signup } from './signup'

/**
 * A sign-up waiting in its event's queue: who asked, with what, their standing when they asked,
 * and when they arrived. First come, first served (SPEC §7) is the order of arrival.
 */
export type QueuedSignup = {
  requestId: string
  eventId: string
  memberId: string
  acknowledged: boolean
  applicant: Applicant
  arrivedAt: string
}

/** Arrival order: by instant, then by request id between arrivals of the same millisecond. */
export function byArrival(a: QueuedSignup, b: QueuedSignup): number {
  if (a.arrivedAt !== b.arrivedAt) return a.arrivedAt < b.arrivedAt ? -1 : 1
  return a.requestId < b.requestId ? -1 : a.requestId > b.requestId ? 1 : 0
}

export type SettledQueue = {
  /**
   * The event after every sign-up of the batch, one version after the one read (the same object
   * when none was accepted).
   */
  event: ClubEvent
  /** The sign-ups written, one per member, in arrival order. */
  signups: Signup[]
  /** Each queued request's answer, in arrival order. */
  outcomes: { requestId: string; result: Result<Signup> }[]
}

/**
 * Settles queued sign-ups of one event in arrival order, each exactly as if it had been made
 * alone at the moment it arrived: eligibility on the standing it arrived with, at its arrival
 * instant (a sign-up that arrived before the window closed keeps its turn), then `signUp` on the
 * event and the member's sign-up as the ones before it left them. `existing` holds the members'
 * sign-ups for this event as stored.
 */
export function settleQueue(
  event: ClubEvent,
  queued: readonly QueuedSignup[],
  existing: ReadonlyMap<string, Signup>,
): SettledQueue {
  let current = event
  const written = new Map<string, Signup>()
  const outcomes: SettledQueue['outcomes'] = []
  for (const ticket of [...queued].sort(byArrival)) {
    const at = new Date(ticket.arrivedAt)
    const eligible = checkEligibility(current, ticket.applicant, at)
    if (!eligible.ok) {
      outcomes.push({ requestId: ticket.requestId, result: eligible })
      continue
    }
    const prior = written.get(ticket.memberId) ?? existing.get(ticket.memberId) ?? null
    const decided = signUp(current, prior, ticket.memberId, ticket.acknowledged, at)
    if (decided.ok) {
      current = decided.data.event
      written.set(ticket.memberId, decided.data.signup)
      outcomes.push({ requestId: ticket.requestId, result: ok(decided.data.signup) })
    } else {
      outcomes.push({ requestId: ticket.requestId, result: decided })
    }
  }
  // One write of the event for the whole batch: one version step, whatever the batch holds.
  const saved = current === event ? event : { ...current, version: event.version + 1 }
  return { event: saved, signups: [...written.values()], outcomes }
}
