import type { EarnPurchaseInput, PurchaseOutcome } from '../../../src/contracts/points.contract'
import {
  cardNotShown,
  cardUnknown,
  memberNotActive,
} from '../../../src/domain/points/points.errors'
import { wasShownTo } from '../../../src/domain/card/card-shown'
import {
  purchaseNote,
  purchaseOutcomeOf,
  purchasePoints,
} from '../../../src/domain/points/purchase'
import type { LedgerEntry } from '../../../src/domain/points/points'
import { checkVoucherUse } from '../../../src/domain/points/vouchers'
import {
  notSignedIn,
  requestIdReused,
  writeConflict,
} from '../../../src/domain/shared/common.errors'
import { ok, type Failure, type Result } from '../../../src/domain/shared/result'
import { staffAllowed, type Caller } from '../caller'
import { idempotent, type RequestKey } from '../idempotent'
import type { CounterScene, Deps, MemberRecord, StaffRecord, VoucherRecord } from '../ports'
import {
  creditEntry,
  earnEntry,
  earnedNotice,
  PURCHASE_CREDIT,
  purchaseEntryIdOf,
} from '../points-credit'
import { refuseKnownStaffCardholder } from '../staff-cardholders'

/**
 * A clerk records a purchase for the member whose card they verified in the last 10 minutes
 * (SPEC §5: no recording without the card shown, no back-filling): vouchers applied to it
 * are used up and that part earns nothing; the rest earns 1 point per whole yuan (×2 on the
 * member's birthday) as a new lot expiring in 12 months. The points are credited after the
 * vouchers are settled, so they can never pay for the purchase that earned them. The entry keeps
 * the sale (amount, vouchers, receipt, clerk) for the member's history; a sale with less than ¥1
 * to earn on is recorded with 0 points and a plain note.
 */
export async function earnPurchase(
  deps: Deps,
  caller: Caller,
  input: EarnPurchaseInput,
  requestId: string,
): Promise<Result<PurchaseOutcome>> {
  if (!caller.openid) return notSignedIn()
  // Everything the checks need, in one read (one request on CloudBase).
  const scene = await deps.store.counter.scene({ staffOpenid: caller.openid, cardNo: input.cardNo })
  const clerk = staffAllowed(scene.staff, 'clerk')
  if (!clerk.ok) return clerk
  const refused = await refuseKnownStaffCardholder(deps, clerk.data, input.cardNo, scene, {
    action: 'points.earnPurchase',
    requestId,
  })
  if (refused) return refused
  const key = { requestId, openid: caller.openid, fn: 'points', action: 'earnPurchase' }
  if (input.voucherCodes.length === 0) return creditPurchase(deps, clerk.data, scene, input, key)

  // The checks run inside, so a retry that no longer passes them (the 10 minutes are over)
  // still gets the first result.
  const entryId = purchaseEntryIdOf(requestId)
  return idempotent(deps, key, async (tx) => {
    const now = deps.clock.now()
    const refusal = refusalOf(scene, clerk.data, now)
    if (refusal || !scene.member) return refusal ?? cardUnknown()
    const member = scene.member
    // The entry is filed under the request id on both paths, so a request id first sent without
    // vouchers (a credit: on CloudBase no request record) and again with them is answered with
    // that first purchase, as a retry is, and spends nothing.
    const onFile = await tx.points.entry(entryId)
    if (onFile) {
      if (onFile.actorId !== clerk.data.id || onFile.requestId !== requestId) {
        return requestIdReused()
      }
      const account = await tx.points.account(onFile.memberId)
      return ok(purchaseOutcomeOf(onFile, account?.balance ?? 0))
    }

    // 1. The vouchers applied: each the member's own, unused, due today or earlier.
    const used: VoucherRecord[] = []
    for (const code of new Set(input.voucherCodes)) {
      const checked = checkVoucherUse(await tx.vouchers.byCode(code), member.id, now)
      if (!checked.ok) return checked
      used.push({
        ...checked.data,
        status: 'used',
        usedAt: now.toISOString(),
        usedBy: clerk.data.id,
        version: checked.data.version + 1,
      })
    }
    const paidWithPointsFen = used.reduce((sum, v) => sum + (v.faceValueFen ?? 0), 0)

    // 2. Write: vouchers settled, then the lot and its entry — together or not at all.
    for (const voucher of used) {
      if (!(await tx.vouchers.save(voucher)).ok) return writeConflict()
    }
    const entry = purchaseEntry(deps, clerk.data, member, input, {
      entryId,
      requestId,
      paidWithPointsFen,
      now,
    })
    // Closed since the scene was read (a withdrawal, a cancellation): refused, nothing kept.
    const account = await creditEntry(tx, entry)
    if (!account.ok) return account
    // A sale that earned nothing is on file, but there is nothing to tell the member.
    const notice = earnedNotice(entry, account.data.balance)
    if (notice) await tx.outbox.addNew(notice)
    return ok(
      purchaseOutcomeOf(
        entry,
        account.data.balance,
        used.map((v) => v.code),
      ),
    )
  })
}

/** Why the purchase may not be recorded for the card the clerk entered, or null. */
function refusalOf(scene: CounterScene, clerk: StaffRecord, now: Date): Failure | null {
  const { member, card } = scene
  if (!member) return cardUnknown()
  if (member.status !== 'active') return memberNotActive()
  if (!card || !wasShownTo(card, clerk.id, now)) return cardNotShown()
  return null
}

/**
 * The entry of a purchase (SPEC §5): the points of what was paid other than with vouchers, and
 * the sale (amount, vouchers, receipt, clerk) for the member's history.
 */
function purchaseEntry(
  deps: Deps,
  clerk: StaffRecord,
  member: MemberRecord,
  input: EarnPurchaseInput,
  sale: { entryId: string; requestId: string; paidWithPointsFen: number; now: Date },
): LedgerEntry {
  const earned = purchasePoints(
    { lines: input.lines, paidWithPointsFen: sale.paidWithPointsFen },
    member,
    { excludedCategories: deps.settings.excludedCategories },
    sale.now,
  )
  return earnEntry({
    entryId: sale.entryId,
    memberId: member.id,
    points: earned.points,
    label: 'purchase',
    reference: input.receiptNo || `purchase:${sale.requestId}`,
    actorId: clerk.id,
    requestId: sale.requestId,
    note: purchaseNote(earned),
    purchase: {
      amountFen: input.lines.reduce((sum, line) => sum + line.amountFen, 0),
      paidWithPointsFen: sale.paidWithPointsFen,
      earnableFen: earned.earnableFen,
      receiptNo: input.receiptNo || null,
      clerkName: clerk.name,
      site: clerk.site,
    },
    now: sale.now,
  })
}

/**
 * A purchase paid without vouchers: nothing is spent, so it is only a credit — its entry, a lot on
 * the account and the member's notice — made once per request by the store (`creditPurchase`: on
 * CloudBase three writes and no transaction). A retry of a purchase already credited gets its
 * first answer, even once the 10 minutes of the card are over.
 */
async function creditPurchase(
  deps: Deps,
  clerk: StaffRecord,
  scene: CounterScene,
  input: EarnPurchaseInput,
  key: RequestKey,
): Promise<Result<PurchaseOutcome>> {
  const now = deps.clock.now()
  const entryId = purchaseEntryIdOf(key.requestId)
  const credit = async (entry: LedgerEntry): Promise<Result<PurchaseOutcome>> => {
    const account = scene.account?.memberId === entry.memberId ? scene.account : null
    const credited = await deps.store.counter.creditPurchase(
      { request: key, entry, account },
      PURCHASE_CREDIT,
    )
    if (credited === 'reused') return requestIdReused()
    // The account was closed after the scene was read: the purchase is not on file.
    if (credited === 'closed') return memberNotActive()
    return ok(purchaseOutcomeOf(credited.entry, credited.balance))
  }
  const refusal = refusalOf(scene, clerk, now)
  if (refusal || !scene.member) {
    // A refused retry of a purchase already on file is answered with that purchase (and
    // finishes its credit, should its first call have stopped half-way).
    const prior = await deps.store.read.points.entry(entryId)
    if (!prior) return refusal ?? cardUnknown()
    if (prior.actorId !== clerk.id || prior.requestId !== key.requestId) return requestIdReused()
    return credit(prior)
  }
  return credit(
    purchaseEntry(deps, clerk, scene.member, input, {
      entryId,
      requestId: key.requestId,
      paidWithPointsFen: 0,
      now,
    }),
  )
}
