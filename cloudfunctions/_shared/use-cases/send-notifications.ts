import type { JobProgress } from '../../../src/contracts/jobs.contract'
import {
  claim,
  CLAIM_TIMEOUT_MS,
  fail,
  giveUpUnknown,
  isDue,
  isStuck,
  settle,
  skip,
  subscriptionUnused,
  type SendOutcome,
} from '../../../src/domain/notification/delivery'
import { renderMessage } from '../../../src/domain/notification/messages'
import type { TemplateKey } from '../../../src/domain/notification/templates'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireSystemOrAdmin, type Caller } from '../caller'
import { oneShotDone } from '../job-runs'
import type { Deps, OutboxDelivery, Repositories, SubscribeMessage } from '../ports'
import { fanOutBroadcasts } from './notification-broadcasts'

/** Due messages read per query, and stuck claims settled per run. */
const BATCH = 50
const STUCK_BATCH = 200
/** Stop well inside the function's 60 s limit; the next run (every minute) goes on. */
const TIME_BUDGET_MS = 40_000

/** Thrown inside a claim's transaction when another sender moved the message first. */
class ClaimLost extends Error {}

type Claimed = {
  message: OutboxDelivery
  template: TemplateKey
  request: SubscribeMessage
}
type Delivered = 'sent' | 'retried' | 'failed' | 'skipped' | 'unknown'

async function saveOrLose(tx: Repositories, message: OutboxDelivery): Promise<void> {
  if (!(await tx.outbox.save(message)).ok) throw new ClaimLost()
}

/**
 * Step (a), in one transaction: the message is still due (from the version read), it has a
 * template and a reachable member, and one of the member's sends of that template is used;
 * then it is claimed (`sending`, one more attempt). A message that cannot go is settled here:
 * `failed` without a template, `skipped` without a recipient or a subscription. Null when
 * another sender took it first.
 */
async function claimNext(
  deps: Deps,
  id: string,
): Promise<Claimed | Exclude<Delivered, 'sent'> | null> {
  try {
    return await deps.store.transaction(async (tx) => {
      const current = await tx.outbox.get(id)
      const now = deps.clock.now()
      if (!current || !isDue(current, now)) return null
      const rendered = renderMessage(current.kind, current.payload, current.createdAt)
      if (!rendered) {
        await saveOrLose(tx, fail(current, 'no-template'))
        return 'failed'
      }
      const member = await tx.members.byId(current.memberId)
      if (!member?.openid) {
        await saveOrLose(tx, skip(current, 'no-recipient'))
        return 'skipped'
      }
      if (!(await tx.subscriptions.take(member.id, rendered.template, now.toISOString()))) {
        await saveOrLose(tx, skip(current, 'no-subscription'))
        return 'skipped'
      }
      const claimed = claim(current, now)
      await saveOrLose(tx, claimed)
      return {
        message: claimed,
        template: rendered.template,
        request: {
          openid: member.openid,
          templateId: deps.settings.subscribeTemplates[rendered.template],
          page: rendered.page,
          data: rendered.data,
        },
      }
    })
  } catch (error) {
    if (error instanceof ClaimLost) return null
    throw error
  }
}

/**
 * Step (c): the claimed attempt settled by WeChat's answer (sent, retry later, failed), and the
 * send given back when it was not used. Only the claim this sender holds is settled: a claim
 * given up as unknown meanwhile stays unknown.
 */
async function settleClaim(
  deps: Deps,
  claimed: Claimed,
  outcome: SendOutcome | 'unknown',
): Promise<Delivered> {
  return deps.store.transaction(async (tx) => {
    const current = await tx.outbox.get(claimed.message.id)
    if (current?.status !== 'sending' || current.version !== claimed.message.version) {
      return 'unknown'
    }
    const now = deps.clock.now()
    if (outcome === 'unknown') {
      await saveOrLose(tx, giveUpUnknown(current, 'send-threw'))
      return 'unknown'
    }
    const settled = settle(current, outcome, now)
    await saveOrLose(tx, settled)
    if (!outcome.ok && subscriptionUnused(outcome.errcode)) {
      await tx.subscriptions.grant(current.memberId, claimed.template, 1, now.toISOString())
    }
    return settled.status === 'sent' ? 'sent' : settled.status === 'pending' ? 'retried' : 'failed'
  })
}

/** One message through (a) claim, (b) send outside any transaction, (c) settle. */
async function deliver(deps: Deps, id: string): Promise<Delivered | null> {
  const claimed = await claimNext(deps, id)
  if (claimed === null || typeof claimed === 'string') return claimed
  let outcome: SendOutcome | 'unknown'
  try {
    outcome = await deps.sender.send(claimed.request)
  } catch (error) {
    // The request may have reached WeChat: never send it again (at most once).
    deps.logger.error('subscribe message outcome unknown', {
      messageId: claimed.message.id,
      error: error instanceof Error ? error.message : String(error),
    })
    outcome = 'unknown'
  }
  return settleClaim(deps, claimed, outcome)
}

/**
 * Claims a sender never settled (it died between sending and recording) become `unknown` after
 * the timeout: they may have been delivered, so they are never sent again.
 */
async function giveUpStuckClaims(deps: Deps): Promise<number> {
  const now = deps.clock.now()
  const before = new Date(now.getTime() - CLAIM_TIMEOUT_MS).toISOString()
  let given = 0
  for (const stuck of await deps.store.read.outbox.stuck(before, STUCK_BATCH)) {
    given += await deps.store.transaction(async (tx) => {
      const current = await tx.outbox.get(stuck.id)
      if (!current || !isStuck(current, deps.clock.now())) return 0
      return (await tx.outbox.save(giveUpUnknown(current, 'claim-expired'))).ok ? 1 : 0
    })
  }
  return given
}

/**
 * The outbox sender (SPEC §10), timer-triggered every minute and runnable by an admin: stuck
 * claims given up, broadcasts fanned out to the holders of their template, then the due messages
 * sent in batches — each claimed by exactly one sender with one of the member's sends of its
 * template, sent, and settled: sent, retried on the backoff (1 min … 12 h), or failed. A member
 * without a subscription is skipped, not sent to. `limit` caps the messages per call.
 */
export async function sendNotifications(
  deps: Deps,
  caller: Caller,
  input: { limit?: number },
): Promise<Result<JobProgress>> {
  const actor = await requireSystemOrAdmin(deps, caller)
  if (!actor.ok) return actor
  const started = deps.clock.now()
  const totals: Record<string, number> = {
    sent: 0,
    retried: 0,
    failed: 0,
    skipped: 0,
    unknown: await giveUpStuckClaims(deps),
    fannedOut: await fanOutBroadcasts(deps, started.getTime() + TIME_BUDGET_MS / 2),
  }
  let budget = input.limit ?? Number.POSITIVE_INFINITY
  let processed = 0
  while (budget > 0) {
    const due = await deps.store.read.outbox.due(
      deps.clock.now().toISOString(),
      Math.min(BATCH, budget),
    )
    let moved = 0
    for (const message of due) {
      const delivered = await deliver(deps, message.id)
      budget -= 1
      if (!delivered) continue
      totals[delivered] = (totals[delivered] ?? 0) + 1
      moved += 1
    }
    processed += moved
    // Nothing due, or all of it taken by another sender: this run is done.
    if (moved === 0 || deps.clock.now().getTime() - started.getTime() > TIME_BUDGET_MS) break
  }
  return ok(oneShotDone('notifications', started, processed, totals, deps.clock.now()))
}
