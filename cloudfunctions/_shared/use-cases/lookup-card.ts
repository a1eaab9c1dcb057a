import type { CardholderView } from '../../../src/contracts/points.contract'
import { wasShownTo } from '../../../src/domain/card/card-shown'
import { cardNotShown, cardUnknown } from '../../../src/domain/points/points.errors'
import { checkVoucherUse } from '../../../src/domain/points/vouchers'
import { maskMobile } from '../../../src/domain/privacy/mask'
import { notSignedIn } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { staffAllowed, type Caller } from '../caller'
import type { Deps } from '../ports'
import { voucherView } from '../points-views'
import { refuseKnownStaffCardholder } from '../staff-cardholders'
import { standingFrom } from '../star-views'

/**
 * What a clerk sees after the card is shown: who it is (mobile masked), their standing, balance
 * and the vouchers they can use today. Only for the card whose current code this clerk verified in
 * the last 10 minutes (SPEC §6): a bare card number — sequential, printed, guessable — shows
 * nobody. The verification itself is audited (card.verify).
 */
export async function lookupCard(
  deps: Deps,
  caller: Caller,
  input: { cardNo: string },
): Promise<Result<CardholderView>> {
  if (!caller.openid) return notSignedIn()
  // The clerk, the card, its holder and their standing in one read (one request on CloudBase).
  const scene = await deps.store.counter.scene({ staffOpenid: caller.openid, cardNo: input.cardNo })
  const clerk = staffAllowed(scene.staff, 'clerk')
  if (!clerk.ok) return clerk
  const refused = await refuseKnownStaffCardholder(deps, clerk.data, input.cardNo, scene, {
    action: 'points.lookupCard',
    requestId: '',
  })
  if (refused) return refused
  const now = deps.clock.now()
  const { card, member, account } = scene
  if (!card || !wasShownTo(card, clerk.data.id, now)) return cardNotShown()
  if (!member) return cardUnknown()
  const standing = standingFrom(member.id, scene.stars, scene.club, now)
  const vouchers = await deps.store.read.vouchers.forMember(member.id)
  return ok({
    memberId: member.id,
    cardNo: input.cardNo,
    realName: member.realName,
    mobileMasked: maskMobile(deps.cipher.open(member.mobile)),
    status: member.status,
    star: standing.star,
    clubState: standing.club.state,
    balance: account?.balance ?? 0,
    usableVouchers: vouchers.filter((v) => checkVoucherUse(v, member.id, now).ok).map(voucherView),
  })
}
