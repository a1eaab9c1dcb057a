import type { ClubEvent } from '../../src/domain/event/event'
import { promote, type Signup } from '../../src/domain/event/signup'
import { writeConflict } from '../../src/domain/shared/common.errors'
import { ok, type Result } from '../../src/domain/shared/result'
import type { Repositories } from './ports'

/**
 * Saves a sign-up that gave up its place (a cancellation, or a closed account) inside the caller's
 * transaction: a freed confirmed place goes at once to the first on the waitlist, who is notified
 * (SPEC §7). The event is saved once, from the version read, whatever the steps counted on the way.
 */
export async function givePlaceBack(
  tx: Repositories,
  read: ClubEvent,
  change: { event: ClubEvent; signup: Signup },
  now: Date,
): Promise<Result<ClubEvent>> {
  let current = change.event
  const freedPlace = current.confirmed < read.confirmed
  const next = freedPlace && read.mode === 'fcfs' ? await tx.signups.firstWaitlisted(read.id) : null
  if (next) {
    const promoted = promote(current, next, now)
    if (!promoted.ok) return promoted
    current = promoted.data.event
    if (!(await tx.signups.save(promoted.data.signup)).ok) return writeConflict()
    await tx.outbox.add({
      id: `event-promoted:${read.id}:${next.memberId}:${next.seq}`,
      memberId: next.memberId,
      kind: 'event.promoted',
      payload: { eventId: read.id, title: read.title, startAt: read.startAt },
      createdAt: now.toISOString(),
      status: 'pending',
    })
  }
  current = { ...current, version: read.version + 1 }
  if (!(await tx.events.save(current)).ok) return writeConflict()
  if (!(await tx.signups.save(change.signup)).ok) return writeConflict()
  return ok(current)
}
