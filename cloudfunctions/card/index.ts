import { cardContract } from '../../src/contracts/card.contract'
import { cloudbaseMain } from '../_shared/cloudbase-main'
import { createHandler } from '../_shared/handler'
import { getMyCard, rekeyCard, verifyCardCodeUseCase } from '../_shared/use-cases/card-use-cases'

/** card: the member's dynamic card, the clerk's check of a shown code, and re-keying a lost card. */
export const cardFunction = createHandler(cardContract, {
  mine: (_input, caller, deps) => getMyCard(deps, caller),
  verify: (input, caller, deps, requestId, admission) =>
    verifyCardCodeUseCase(deps, caller, input, requestId, admission),
  rekey: (input, caller, deps, requestId) => rekeyCard(deps, caller, input, requestId),
})

export const main = cloudbaseMain(cardFunction)
