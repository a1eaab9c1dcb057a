import type { JobProgress } from '../../../src/contracts/jobs.contract'
import { markNoShow } from '../../../src/domain/event/no-show'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireSystemOrAdmin, type Caller } from '../caller'
import { oneShotDone } from '../job-runs'
import type { Deps } from '../ports'

/** Events settled per invocation, and sign-ups read per query. */
const EVENTS_PER_CALL = 20
const PAGE = 100

/**
 * After an event ends, every confirmed member who did not check in is recorded as a no-show
 * (SPEC §7), dated by the event's end; three within 12 months block sign-ups for 90 days (see
 * eligibility). Timer-triggered hourly and runnable by an admin. Each page of sign-ups is marked
 * in one transaction and a member already marked is skipped, so a crash or a second run changes
 * nothing twice; the event is flagged done at the end.
 */
export async function markNoShows(deps: Deps, caller: Caller): Promise<Result<JobProgress>> {
  const actor = await requireSystemOrAdmin(deps, caller)
  if (!actor.ok) return actor
  const started = deps.clock.now()
  const events = await deps.store.read.events.endedUnmarked(started.toISOString(), EVENTS_PER_CALL)
  let noShows = 0
  for (const event of events) {
    for (let offset = 0; ; offset += PAGE) {
      const page = await deps.store.read.signups.forEvent(event.id, 'confirmed', offset, PAGE)
      noShows += await deps.store.transaction(async (tx) => {
        let marked = 0
        for (const signup of page.items) {
          const current = await tx.signups.get(signup.eventId, signup.memberId)
          const missed = current ? markNoShow(event, current, deps.clock.now()) : null
          if (!missed) continue
          if (!(await tx.signups.save(missed)).ok) throw new Error('sign-up changed while marking')
          marked += 1
        }
        return marked
      })
      if (offset + PAGE >= page.total) break
    }
    await deps.store.transaction(async (tx) => {
      const current = await tx.events.byId(event.id)
      if (!current || current.noShowsMarked) return
      const done = { ...current, noShowsMarked: true, version: current.version + 1 }
      if (!(await tx.events.save(done)).ok) throw new Error('event changed while marking')
    })
  }
  return ok(oneShotDone('no-shows', started, events.length, { noShows }, deps.clock.now()))
}
