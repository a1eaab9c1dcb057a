import type { MyCardView, VerifiedCardView } from '../../../src/contracts/card.contract'
import { cardUnusable, codeForged, codeReplayed } from '../../../src/domain/card/card.errors'
import { parseCardCode, verifyCardCode, type ParsedCode } from '../../../src/domain/card/card-code'
import { memberNotFound } from '../../../src/domain/member/member.errors'
import { maskMobile } from '../../../src/domain/privacy/mask'
import { forbidden, notAMember, writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { auditOf } from '../audit'
import { newCardSecret, secretBytes } from '../card-secrets'
import { requireMember, requireStaff, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import type { CardRecord, Deps, MemberRecord, Repositories } from '../ports'
import { standingOf } from '../star-views'
import { refuseStaffCardholder } from '../staff-cardholders'

const currentStar = (deps: Deps, memberId: string) =>
  standingOf(deps.store.read, memberId, deps.clock.now())

/** A card can be shown while the card is active and its member is active (SPEC §6, §8). */
const isUsable = (card: CardRecord, member: MemberRecord) =>
  card.status === 'active' && member.status === 'active'

/**
 * The member's own card (SPEC §6) with its secret, which the phone keeps to derive its codes
 * offline. A card issued before secrets existed gets one now, once, even under concurrent calls.
 */
export async function getMyCard(deps: Deps, caller: Caller): Promise<Result<MyCardView>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  if (!member.data.cardNo) return notAMember()
  let card = await deps.store.read.cards.byCardNo(member.data.cardNo)
  if (!card) return memberNotFound()
  if (!card.secret) {
    const sealed = deps.cipher.seal('card-secret', newCardSecret())
    await deps.store.transaction((tx) => tx.cards.setSecretIfMissing(card!.cardNo, sealed))
    card = (await deps.store.read.cards.byCardNo(card.cardNo)) as CardRecord
  }
  const { year, star, club } = await currentStar(deps, member.data.id)
  return ok({
    cardNo: card.cardNo,
    version: card.version,
    secret: deps.cipher.open(card.secret!),
    usable: isUsable(card, member.data),
    realName: member.data.realName,
    star,
    starYear: year,
    clubState: club.state,
    status: member.data.status,
    serverTime: deps.clock.now().toISOString(),
  })
}

/**
 * A clerk verifies the code a member shows (SPEC §6): signed with the card's secret, of the card's
 * current version, inside its 60 s, and not accepted before — the step is recorded in the same
 * transaction, so of two scans of one code exactly one passes. Each refusal says why.
 */
export async function verifyCardCodeUseCase(
  deps: Deps,
  caller: Caller,
  input: { code: string },
  requestId: string,
): Promise<Result<VerifiedCardView>> {
  const clerk = await requireStaff(deps, caller, 'clerk')
  if (!clerk.ok) return clerk
  const parsed = parseCardCode(input.code)
  if (!parsed.ok) return parsed
  const refused = await refuseStaffCardholder(deps, clerk.data, parsed.data.cardNo, {
    action: 'card.verify',
    requestId,
  })
  if (refused) return refused
  const key = { requestId, openid: caller.openid, fn: 'card', action: 'verify' }
  return idempotent(deps, key, async (tx) => {
    const now = deps.clock.now()
    const shown = await acceptShownCode(deps, tx, parsed.data, clerk.data.id, now)
    if (!shown.ok) return shown
    const { card, member } = shown.data
    // A clerk reading a member's data at the counter: who, whom, when (SPEC §1, §9).
    await tx.audit.append(
      auditOf(deps, clerk.data, {
        action: 'card.verify',
        targetType: 'member',
        targetId: member.id,
        before: null,
        after: { cardNo: card.cardNo },
        reason: 'counter',
        requestId,
        now,
      }),
    )
    const account = await tx.points.account(member.id)
    const { star, club } = await currentStar(deps, member.id)
    return ok({
      memberId: member.id,
      cardNo: card.cardNo,
      realName: member.realName,
      mobileMasked: maskMobile(deps.cipher.open(member.mobile)),
      status: member.status,
      star,
      clubState: club.state,
      balance: account?.balance ?? 0,
      verifiedAt: now.toISOString(),
    })
  })
}

/**
 * 挂失补卡 (SPEC §6): the member, or a reviewer on their behalf, re-keys the card — new secret,
 * version + 1 — so every code of the old phone or a screenshot fails at once; the card number,
 * points and history stay. Audited.
 */
export async function rekeyCard(
  deps: Deps,
  caller: Caller,
  input: { memberId?: string },
  requestId: string,
): Promise<Result<{ cardNo: string; version: number }>> {
  let memberId: string
  let actor: { id: string; role: string }
  if (input.memberId) {
    const reviewer = await requireStaff(deps, caller, 'reviewer')
    if (!reviewer.ok) return reviewer
    memberId = input.memberId
    actor = reviewer.data
  } else {
    const member = await requireMember(deps, caller)
    if (!member.ok) return member
    memberId = member.data.id
    actor = { id: member.data.id, role: 'member' }
  }
  const key = { requestId, openid: caller.openid, fn: 'card', action: 'rekey' }
  return idempotent(deps, key, async (tx) => {
    const member = await tx.members.byId(memberId)
    if (!member) return memberNotFound()
    if (!member.cardNo) return forbidden()
    const card = await tx.cards.byCardNo(member.cardNo)
    if (!card) return memberNotFound()
    const sealed = deps.cipher.seal('card-secret', newCardSecret())
    if (!(await tx.cards.rekey(card.cardNo, card.version, sealed)).ok) return writeConflict()
    const now = deps.clock.now()
    await tx.audit.append(
      auditOf(deps, actor, {
        action: 'card.rekey',
        targetType: 'member',
        targetId: member.id,
        before: { cardVersion: card.version },
        after: { cardVersion: card.version + 1 },
        reason: null,
        requestId,
        now,
      }),
    )
    return ok({ cardNo: card.cardNo, version: card.version + 1 })
  })
}

/**
 * Checks a shown code inside a transaction and records it as accepted (so of two scans of one code
 * exactly one passes): signed with the card's secret, of its current version, inside its 60 s,
 * not accepted before, and the card usable. The counter and the event check-in both start here.
 */
export async function acceptShownCode(
  deps: Deps,
  tx: Repositories,
  code: ParsedCode,
  clerkId: string,
  now: Date,
): Promise<Result<{ card: CardRecord; member: MemberRecord }>> {
  const card = await tx.cards.byCardNo(code.cardNo)
  // An unknown card number and a forged code look the same from outside.
  if (!card?.secret) return codeForged()
  const member = await tx.members.byId(card.memberId)
  if (!member) return codeForged()
  const checked = verifyCardCode(code, card, secretBytes(deps.cipher.open(card.secret)), now)
  if (!checked.ok) return checked
  if (!isUsable(card, member)) return cardUnusable()
  const scan = { by: clerkId, at: now.toISOString() }
  if (!(await tx.cards.acceptStep(card.cardNo, checked.data.step, scan))) return codeReplayed()
  return ok({ card, member })
}
