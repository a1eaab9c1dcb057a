import type { ClubEvent } from '../../src/domain/event/event'
import { newBroadcast, type Broadcast } from '../../src/domain/notification/broadcast'
import { shanghaiDate } from '../../src/domain/shared/calendar'

/**
 * 新活动: a published event, for the members who subscribed to new events and may sign up for it
 * (club-only, minimum star). Queued once per event, fanned out later by the sender job.
 */
export function publishedBroadcast(event: ClubEvent, now: Date): Broadcast {
  return newBroadcast(
    {
      id: `event-published:${event.id}`,
      kind: 'event.published',
      template: 'eventNew',
      payload: {
        eventId: event.id,
        title: event.title,
        startAt: event.startAt,
        place: event.place,
      },
      audience: { clubOnly: event.clubOnly, minStar: event.minStar },
    },
    now,
  )
}

/**
 * 规则变更: new star thresholds for a year, for every member subscribed to star news. At most one
 * per effective year and Shanghai day, however often the admin corrects the figures that day.
 */
export function rulesChangedBroadcast(effectiveYear: number, now: Date): Broadcast {
  return newBroadcast(
    {
      id: `rules-changed:star-thresholds:${effectiveYear}:${shanghaiDate(now)}`,
      kind: 'rules.changed',
      template: 'star',
      payload: { rule: 'star-thresholds', effectiveYear },
      audience: null,
    },
    now,
  )
}
