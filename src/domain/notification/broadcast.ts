import type { TemplateKey } from './templates'

/** Who a broadcast is for, besides holding a subscription: everyone, or an event's audience. */
export type BroadcastAudience = { clubOnly: boolean; minStar: number | null }

/**
 * A message for every member holding a subscription for its template (SPEC §10: event published,
 * rule changes). It is queued once; a job step fans it out into one outbox message per holder,
 * a page at a time after `cursor` (member ids in order), so publishing never writes 100k rows.
 */
export type Broadcast = {
  id: string
  kind: string
  template: TemplateKey
  payload: Record<string, unknown>
  audience: BroadcastAudience | null
  createdAt: string
  status: 'open' | 'done'
  /** The last member id fanned out to. */
  cursor: string
  fannedOut: number
  finishedAt: string | null
  version: number
}

/** A new broadcast, not fanned out yet. */
export function newBroadcast(
  fields: Pick<Broadcast, 'id' | 'kind' | 'template' | 'payload' | 'audience'>,
  now: Date,
): Broadcast {
  return {
    ...fields,
    createdAt: now.toISOString(),
    status: 'open',
    cursor: '',
    fannedOut: 0,
    finishedAt: null,
    version: 1,
  }
}

/** The member as far as a broadcast's audience goes. */
export type Recipient = { active: boolean; inClub: boolean; star: number | null }

/**
 * Whether a holder receives the broadcast: active members only (a suspended or closed account
 * is not invited to anything), and for an event those it is open to (club-only, minimum star).
 */
export function reaches(audience: BroadcastAudience | null, who: Recipient): boolean {
  if (!who.active) return false
  if (!audience) return true
  if (audience.clubOnly && !who.inClub) return false
  return audience.minStar === null || (who.star ?? 0) >= audience.minStar
}

/** The one message a holder gets from a broadcast: its id makes a re-run add nothing twice. */
export const broadcastMessageId = (broadcastId: string, memberId: string) =>
  `${broadcastId}:${memberId}`

/** The broadcast advanced past a page of holders; done when the page was the last. */
export function advance(
  b: Broadcast,
  lastMemberId: string | null,
  added: number,
  done: boolean,
  now: Date,
): Broadcast {
  return {
    ...b,
    cursor: lastMemberId ?? b.cursor,
    fannedOut: b.fannedOut + added,
    status: done ? 'done' : 'open',
    finishedAt: done ? now.toISOString() : null,
    version: b.version + 1,
  }
}
