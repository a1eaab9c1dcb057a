import type { JobProgress } from '../../../src/contracts/jobs.contract'
import type { ClubEvent } from '../../../src/domain/event/event'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireSystemOrAdmin, type Caller } from '../caller'
import { oneShotDone } from '../job-runs'
import type { Deps } from '../ports'

/** Members are reminded of events starting within this time (SPEC §10: event reminder). */
export const REMIND_BEFORE_MS = 24 * 60 * 60 * 1000
/** Events and sign-ups read per query. */
const PAGE = 100

/** The one reminder a member gets for an event, however often the job runs. */
export const reminderIdOf = (eventId: string, memberId: string) =>
  `event-reminder:${eventId}:${memberId}`

/** Published events starting after `now` and within the reminder window, soonest first. */
async function startingSoon(deps: Deps, now: Date): Promise<ClubEvent[]> {
  const horizon = now.getTime() + REMIND_BEFORE_MS
  const soon: ClubEvent[] = []
  for (let offset = 0; ; offset += PAGE) {
    const page = await deps.store.read.events.list(
      { statuses: ['published'], when: { upcoming: true, now: now.toISOString() } },
      offset,
      PAGE,
    )
    for (const event of page.items) {
      const start = Date.parse(event.startAt)
      if (start > horizon) return soon
      if (start > now.getTime()) soon.push(event)
    }
    if (offset + PAGE >= page.total) return soon
  }
}

/**
 * Queues a reminder for every confirmed sign-up of the published events starting in the next
 * 24 hours (SPEC §10), hourly and runnable by an admin. Each reminder's id is the event and the
 * member, so running again — or every hour of the window — queues it once.
 */
export async function remindEvents(deps: Deps, caller: Caller): Promise<Result<JobProgress>> {
  const actor = await requireSystemOrAdmin(deps, caller)
  if (!actor.ok) return actor
  const started = deps.clock.now()
  const events = await startingSoon(deps, started)
  let reminders = 0
  for (const event of events) {
    for (let offset = 0; ; offset += PAGE) {
      const page = await deps.store.read.signups.forEvent(event.id, 'confirmed', offset, PAGE)
      reminders += await deps.store.transaction(async (tx) => {
        let added = 0
        for (const signup of page.items) {
          const queued = await tx.outbox.add({
            id: reminderIdOf(event.id, signup.memberId),
            memberId: signup.memberId,
            kind: 'event.reminder',
            payload: {
              eventId: event.id,
              title: event.title,
              startAt: event.startAt,
              place: event.place,
            },
            createdAt: deps.clock.now().toISOString(),
            status: 'pending',
          })
          if (queued) added += 1
        }
        return added
      })
      if (offset + PAGE >= page.total) break
    }
  }
  return ok(oneShotDone('event-reminders', started, events.length, { reminders }, deps.clock.now()))
}
