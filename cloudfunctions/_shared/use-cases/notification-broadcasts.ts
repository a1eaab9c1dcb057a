import { isInClub } from '../../../src/domain/club/club'
import {
  advance,
  broadcastMessageId,
  reaches,
  type Broadcast,
  type Recipient,
} from '../../../src/domain/notification/broadcast'
import type { Deps, MemberRecord, Repositories } from '../ports'
import { standingOf } from '../star-views'

/** Holders read per page (one transaction each), and broadcasts looked at per run. */
const PAGE = 100
const BROADCASTS_PER_RUN = 10

/** Thrown to roll a page back when another run advanced the broadcast first. */
class BroadcastMoved extends Error {}

/** What the broadcast's audience needs to know of a holder; the standing only when it matters. */
async function recipientOf(
  tx: Repositories,
  member: MemberRecord,
  broadcast: Broadcast,
  now: Date,
): Promise<Recipient> {
  const active = member.status === 'active'
  if (!active || !broadcast.audience) return { active, inClub: false, star: null }
  const { star, club } = await standingOf(tx, member.id, now)
  return { active, inClub: isInClub(club), star }
}

/**
 * One page of a broadcast's holders, after its cursor: a message for each holder in its
 * audience (queued once by its id), and the broadcast advanced past them — together, from the
 * version read, so two runs never fan out the same page twice. The broadcast after the page, or
 * null when another run moved it first.
 */
async function fanOutPage(deps: Deps, broadcast: Broadcast): Promise<Broadcast | null> {
  const holders = await deps.store.read.subscriptions.holdersAfter(
    broadcast.template,
    broadcast.cursor,
    PAGE,
  )
  try {
    return await deps.store.transaction(async (tx) => {
      const current = await tx.broadcasts.get(broadcast.id)
      if (current?.status !== 'open' || current.version !== broadcast.version) {
        throw new BroadcastMoved()
      }
      const now = deps.clock.now()
      let added = 0
      for (const memberId of holders) {
        const member = await tx.members.byId(memberId)
        if (!member || !reaches(current.audience, await recipientOf(tx, member, current, now))) {
          continue
        }
        const queued = await tx.outbox.add({
          id: broadcastMessageId(current.id, memberId),
          memberId,
          kind: current.kind,
          payload: current.payload,
          createdAt: now.toISOString(),
          status: 'pending',
        })
        if (queued) added += 1
      }
      const next = advance(current, holders.at(-1) ?? null, added, holders.length < PAGE, now)
      if (!(await tx.broadcasts.save(next)).ok) throw new BroadcastMoved()
      return next
    })
  } catch (error) {
    if (error instanceof BroadcastMoved) return null
    throw error
  }
}

/**
 * Fans open broadcasts out into one outbox message per holder of their template's subscription
 * (SPEC §10: event published, rule changes), page by page until `deadline` (epoch ms); the next
 * run continues from each broadcast's cursor. Returns the messages queued.
 */
export async function fanOutBroadcasts(deps: Deps, deadline: number): Promise<number> {
  let queued = 0
  for (const open of await deps.store.read.broadcasts.open(BROADCASTS_PER_RUN)) {
    let broadcast: Broadcast | null = open
    while (broadcast?.status === 'open' && deps.clock.now().getTime() < deadline) {
      const before: number = broadcast.fannedOut
      broadcast = await fanOutPage(deps, broadcast)
      queued += broadcast ? broadcast.fannedOut - before : 0
    }
  }
  return queued
}
