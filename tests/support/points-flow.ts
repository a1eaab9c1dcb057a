import type { Deps } from '../../cloudfunctions/_shared/ports'
import { earnPurchase } from '../../cloudfunctions/_shared/use-cases/earn-purchase'
import type { RewardItem } from '@/domain/points/redemption'
import { anActiveMember, callerOf } from './registration-flow'
import { addStaff, newRequestId } from './test-deps'

/** An active member (with card) and a clerk who can record purchases for them. */
export async function aMemberAtTheCounter(deps: Deps) {
  const reviewer = await addStaff(deps, 'reviewer')
  const member = await anActiveMember(deps, reviewer)
  const record = (await deps.store.read.members.byId(member.memberId))!
  const clerk = await addStaff(deps, 'clerk')
  return {
    member: record,
    clerk,
    memberCaller: callerOf(record.openid),
    clerkCaller: callerOf(clerk.openid),
  }
}

/** Records a plain purchase of `yuan` whole yuan (one 'daily' line) and returns the outcome. */
export async function purchaseOf(deps: Deps, clerkOpenid: string, cardNo: string, yuan: number) {
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
