import type { MyCardView, VerifiedCardView } from '../../../src/contracts/card.contract'
import {
  cardUnusable,
  codeForged,
  codeOldVersion,
  codeReplayed,
} from '../../../src/domain/card/card.errors'
import { parseCardCode, verifyCardCode, type ParsedCode } from '../../../src/domain/card/card-code'
import { memberNotFound } from '../../../src/domain/member/member.errors'
import { maskMobile } from '../../../src/domain/privacy/mask'
import {
  forbidden,
  notAMember,
  notSignedIn,
  writeConflict,
} from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { auditOf } from '../audit'
import { newCardSecret, secretBytes } from '../card-secrets'
import { memberAllowed, requireMember, requireStaff, staffAllowed, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import { readAlongsideCount } from '../rate-limits'
import {
  codeUseId,
  type CardRecord,
  type Deps,
  type MemberRecord,
  type Repositories,
} from '../ports'
import { standingFrom } from '../star-views'
import { refuseKnownStaffCardholder } from '../staff-cardholders'

/** A card can be shown while the card is active and its member is active (SPEC §6, §8). */
const isUsable = (card: CardRecord, member: MemberRecord) =>
  card.status === 'active' && member.status === 'active'

/**
 * The member's own card (SPEC §6) with its secret, which the phone keeps to derive its codes
 * offline. A card issued before secrets existed gets one now, once, even under concurrent calls.
 */
export async function getMyCard(deps: Deps, caller: Caller): Promise<Result<MyCardView>> {
  if (!caller.openid) return notSignedIn()
  // The member, their staff account if any, stars and club in one read (one request on
  // CloudBase), then the card: the page a member opens at the counter costs two round trips.
  const scene = await deps.store.memberScene(caller.openid)
  const member = memberAllowed(scene.member, scene.staff)
  if (!member.ok) return member
  if (!member.data.cardNo) return notAMember()
  let card = await deps.store.read.cards.byCardNo(member.data.cardNo)
  if (!card) return memberNotFound()
  if (!card.secret) {
    const sealed = deps.cipher.seal('card-secret', newCardSecret())
    await deps.store.transaction((tx) => tx.cards.setSecretIfMissing(card!.cardNo, sealed))
    card = (await deps.store.read.cards.byCardNo(card.cardNo)) as CardRecord
  }
  const { year, star, club } = standingFrom(
    member.data.id,
    scene.stars,
    scene.club,
    deps.clock.now(),
  )
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
 * current version, inside its 60 s, and not accepted before — each refusal says why. Of two scans
 * of one code exactly one passes: the code's use is recorded once, with its audit record (who read
 * whose data, when; SPEC §1, §9), and the card remembers the scan, which a purchase then needs.
 *
 * Shaped for the round trips it costs on CloudBase (docs/performance.md): everything it reads comes
 * in one scene, and the use is one write of the store's choosing (`CounterStore.useCode`). A retry
 * of a verify that went through — the card's last scan is this request's, by this clerk — gets
 * the same answer again, from the data as it stands, and records nothing.
 */
export async function verifyCardCodeUseCase(
  deps: Deps,
  caller: Caller,
  input: { code: string },
  requestId: string,
  /**
   * The clerk's rate count, sent alongside the scene's read (one round trip for both): awaited
   * before anything is answered or written, so a clerk's phone over its limit learns nothing of
   * the code it tried.
   */
  admission: Promise<Result<void>> = Promise.resolve(ok(undefined)),
): Promise<Result<VerifiedCardView>> {
  const parsed = parseCardCode(input.code)
  const read = await readAlongsideCount(
    admission,
    caller.openid && parsed.ok
      ? deps.store.counter.scene({ staffOpenid: caller.openid, cardNo: parsed.data.cardNo })
      : Promise.resolve(null),
  )
  if (!read.ok) return read
  const scene = read.data
  if (!caller.openid) return notSignedIn()
  if (!parsed.ok) {
    const clerk = await requireStaff(deps, caller, 'clerk')
    return clerk.ok ? parsed : clerk
  }
  if (!scene) throw new Error('the scene of a parsed code was not read')
  const { cardNo } = parsed.data
  const clerk = staffAllowed(scene.staff, 'clerk')
  if (!clerk.ok) return clerk
  const attempt = { action: 'card.verify', requestId }
  const refused = await refuseKnownStaffCardholder(deps, clerk.data, cardNo, scene, attempt)
  if (refused) return refused
  const { card, member } = scene
  // An unknown card number and a forged code look the same from outside.
  if (!card?.secret || !member || member.id !== card.memberId) return codeForged()
  const now = deps.clock.now()
  const view = (verifiedAt: string): VerifiedCardView => {
    const { star, club } = standingFrom(member.id, scene.stars, scene.club, now)
    return {
      memberId: member.id,
      cardNo,
      realName: member.realName,
      mobileMasked: maskMobile(deps.cipher.open(member.mobile)),
      status: member.status,
      star,
      clubState: club.state,
      balance: scene.account?.balance ?? 0,
      verifiedAt,
    }
  }
  if (card.lastScanRequestId === requestId && card.lastScanBy === clerk.data.id) {
    return ok(view(card.lastScanAt ?? now.toISOString()))
  }
  const checked = verifyCardCode(parsed.data, card, secretBytes(deps.cipher.open(card.secret)), now)
  if (!checked.ok) return checked
  if (!isUsable(card, member)) return cardUnusable()
  const { step } = checked.data
  const use = await deps.store.counter.useCode({
    cardNo,
    version: card.version,
    step,
    scan: { by: clerk.data.id, at: now.toISOString(), requestId },
    audit: {
      ...auditOf(deps, clerk.data, {
        action: 'card.verify',
        targetType: 'member',
        targetId: member.id,
        before: null,
        after: { cardNo },
        reason: 'counter',
        requestId,
        now,
      }),
      id: codeUseId(cardNo, card.version, step),
    },
  })
  if (use === 'replayed') return codeReplayed()
  if (use === 'stale') return codeOldVersion()
  return ok(view(now.toISOString()))
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
