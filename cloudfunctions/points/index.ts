import { pointsContract } from '../../src/contracts/points.contract'
import { cloudbaseMain } from '../_shared/cloudbase-main'
import { createHandler } from '../_shared/handler'
import { adjustPoints, reverseEntry } from '../_shared/use-cases/adjust-points'
import { earnPurchase } from '../_shared/use-cases/earn-purchase'
import { getPointsOverview } from '../_shared/use-cases/get-points-overview'
import { listCatalogue } from '../_shared/use-cases/list-catalogue'
import { listMyVouchers } from '../_shared/use-cases/list-my-vouchers'
import { listPointsHistory } from '../_shared/use-cases/list-points-history'
import { lookupCard } from '../_shared/use-cases/lookup-card'
import { listAllItems, saveRewardItem } from '../_shared/use-cases/manage-catalogue'
import { memberLedger } from '../_shared/use-cases/member-ledger'
import { redeemReward } from '../_shared/use-cases/redeem-reward'
import { useVoucher } from '../_shared/use-cases/use-voucher'

/** points: the member's points and rewards, the clerk's counter, the admin's catalogue and corrections. */
export const pointsFunction = createHandler(pointsContract, {
  overview: (_input, caller, deps) => getPointsOverview(deps, caller),
  history: (input, caller, deps) => listPointsHistory(deps, caller, input),
  catalogue: (_input, caller, deps) => listCatalogue(deps, caller),
  redeem: (input, caller, deps, requestId) => redeemReward(deps, caller, input, requestId),
  vouchers: (_input, caller, deps) => listMyVouchers(deps, caller),
  lookupCard: (input, caller, deps) => lookupCard(deps, caller, input),
  earnPurchase: (input, caller, deps, requestId) => earnPurchase(deps, caller, input, requestId),
  useVoucher: (input, caller, deps, requestId, admission) =>
    useVoucher(deps, caller, input, requestId, admission),
  allItems: (_input, caller, deps) => listAllItems(deps, caller),
  saveItem: (input, caller, deps, requestId) => saveRewardItem(deps, caller, input, requestId),
  memberLedger: (input, caller, deps) => memberLedger(deps, caller, input),
  adjust: (input, caller, deps, requestId) => adjustPoints(deps, caller, input, requestId),
  reverse: (input, caller, deps, requestId) => reverseEntry(deps, caller, input, requestId),
})

export const main = cloudbaseMain(pointsFunction)
