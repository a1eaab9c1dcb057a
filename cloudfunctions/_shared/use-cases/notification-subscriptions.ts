import type {
  NotificationSettingsView,
  SubscriptionCredits,
} from '../../../src/contracts/notifications'
import { TEMPLATE_KEYS, type TemplateKey } from '../../../src/domain/notification/templates'
import { notSignedIn } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireMember, resolveActor, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import type { Deps } from '../ports'

/**
 * The template ids the client asks WeChat for (anyone signed in, so the registration page can ask
 * before the member exists), and the member's unused sends per template.
 */
export async function notificationSettings(
  deps: Deps,
  caller: Caller,
): Promise<Result<NotificationSettingsView>> {
  if (!caller.openid) return notSignedIn()
  // Active staff have no member account here, whatever legacy data says (SPEC §1).
  const { member } = await resolveActor(deps.store.read, caller)
  return ok({
    templates: TEMPLATE_KEYS.map((key) => ({
      key,
      templateId: deps.settings.subscribeTemplates[key],
    })),
    credits: member ? await deps.store.read.subscriptions.credits(member.id) : {},
  })
}

/**
 * The member accepted templates in WeChat's dialog (`requestSubscribeMessage`, SPEC §10): one more
 * send of each, once per request id (a template named twice counts once).
 */
export async function subscribe(
  deps: Deps,
  caller: Caller,
  input: { accepted: readonly TemplateKey[] },
  requestId: string,
): Promise<Result<{ credits: SubscriptionCredits }>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  const key = { requestId, openid: caller.openid, fn: 'member', action: 'subscribe' }
  return idempotent(deps, key, async (tx) => {
    const at = deps.clock.now().toISOString()
    for (const template of new Set(input.accepted)) {
      await tx.subscriptions.grant(member.data.id, template, 1, at)
    }
    return ok({ credits: await tx.subscriptions.credits(member.data.id) })
  })
}
