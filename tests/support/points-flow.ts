import type { Deps } from '../../cloudfunctions/_shared/ports'
import { earnPurchase } from '../../cloudfunctions/_shared/use-cases/earn-purchase'
import { issueSanction } from '../../cloudfunctions/_shared/use-cases/issue-sanction'
import { showCardAtCounter } from '../../server/demo-phone'
import { wasShownTo } from '@/domain/card/card-shown'
import type { RewardItem } from '@/domain/points/redemption'
import { anActiveMember, callerOf } from './registration-flow'
import { addStaff, newRequestId } from './test-deps'

/**
 * An active member (with card) and a clerk who can record purchases for them: the member has
 * shown the card and the clerk verified its code, as at a real counter.
 */
export async function aMemberAtTheCounter(deps: Deps) {
  const reviewer = await addStaff(deps, 'reviewer')
  const member = await anActiveMember(deps, reviewer)
  const record = (await deps.store.read.members.byId(member.memberId))!
  const clerk = await addStaff(deps, 'clerk')
  await showCard(deps, record.openid, clerk.openid)
  return {
    member: record,
    clerk,
    memberCaller: callerOf(record.openid),
    clerkCaller: callerOf(clerk.openid),
  }
}

/**
 * Has the card's holder cancelled (SPEC §8) by an admin between the moment a counter action reads
 * its scene (the member still active) and the moment it goes on: the store's next scene read of
 * `cardNo` is followed, before it is answered, by the real cancellation (then `andThen`). Answers
 * the cancellation's result once it ran.
 */
export async function cancelledRightAfterTheScene(
  deps: Deps,
  cardNo: string,
  andThen: () => void = () => undefined,
) {
  const admin = callerOf((await addStaff(deps, 'admin')).openid)
  const counter = deps.store.counter
  const read = counter.scene.bind(counter)
  let cancelled: Awaited<ReturnType<typeof issueSanction>> | null = null
  counter.scene = async (query) => {
    const scene = await read(query)
    if (query.cardNo === cardNo && !cancelled) {
      cancelled = await issueSanction(
        deps,
        admin,
        { cardNo, kind: 'cancellation', reason: '多次恶意刷单，取消会员资格' },
        newRequestId(),
      )
      andThen()
    }
    return scene
  }
  return () => cancelled
}

/** The member shows the code on their phone and the clerk verifies it (SPEC §6). */
export const showCard = (deps: Deps, memberOpenid: string, clerkOpenid: string) =>
  showCardAtCounter(deps, callerOf(memberOpenid), callerOf(clerkOpenid), newRequestId())

/** Records a plain purchase of `yuan` whole yuan (one 'daily' line), showing the card first if needed. */
export async function purchaseOf(deps: Deps, clerkOpenid: string, cardNo: string, yuan: number) {
  const member = (await deps.store.read.members.byCardNo(cardNo))!
  const clerk = (await deps.store.read.staff.byOpenid(clerkOpenid))!
  const card = (await deps.store.read.cards.byCardNo(cardNo))!
  if (!wasShownTo(card, clerk.id, deps.clock.now()))
    await showCard(deps, member.openid, clerkOpenid)
  const result = await earnPurchase(
    deps,
    callerOf(clerkOpenid),
    {
      cardNo,
      lines: [{ category: 'daily', amountFen: yuan * 100 }],
      voucherCodes: [],
      receiptNo: '',
    },
    newRequestId(),
  )
  if (!result.ok) throw new Error(`purchase failed: ${JSON.stringify(result.error)}`)
  return result.data
}

/** Puts a reward item in the catalogue (version 1). */
export async function aRewardItem(deps: Deps, overrides: Partial<RewardItem> = {}) {
  const item: RewardItem = {
    id: `item-${Math.abs(hash(JSON.stringify(overrides)))}-${++items}`,
    name: '¥20 代金券',
    imageUrl: null,
    pointsPrice: 1500,
    stock: 100,
    faceValueFen: 2000,
    availableFrom: null,
    availableUntil: null,
    active: true,
    version: 1,
    ...overrides,
  }
  await deps.store.transaction((tx) => tx.catalogue.save(item))
  return item
}

let items = 0
const hash = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7)
