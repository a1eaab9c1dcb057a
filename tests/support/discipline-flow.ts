import type { Caller } from '../../cloudfunctions/_shared/caller'
import type { Deps } from '../../cloudfunctions/_shared/ports'
import { appealSanction } from '../../cloudfunctions/_shared/use-cases/appeal-sanction'
import {
  getMyCard,
  verifyCardCodeUseCase,
} from '../../cloudfunctions/_shared/use-cases/card-use-cases'
import { decideAppeal } from '../../cloudfunctions/_shared/use-cases/decide-appeal'
import { issueSanction } from '../../cloudfunctions/_shared/use-cases/issue-sanction'
import type { IssueSanctionInput } from '@/contracts/discipline'
import { cardCode, timeStep } from '@/domain/card/card-code'
import type { AppealDecision } from '@/domain/discipline/sanction'
import { newRequestId } from './test-deps'

/** An admin sanctions a member; fails the test if refused. */
export async function sanctioned(deps: Deps, admin: Caller, input: IssueSanctionInput) {
  const result = await issueSanction(deps, admin, input, newRequestId())
  if (!result.ok) throw new Error(`sanction refused: ${JSON.stringify(result.error)}`)
  return result.data
}

/** The member appeals their sanction; fails the test if refused. */
export async function appealed(
  deps: Deps,
  member: Caller,
  sanctionId: string,
  text = '情况与事实不符，请重新核实',
) {
  const result = await appealSanction(deps, member, { sanctionId, text }, newRequestId())
  if (!result.ok) throw new Error(`appeal refused: ${JSON.stringify(result.error)}`)
  return result.data
}

/** An admin decides an appeal; fails the test if refused. */
export async function decided(
  deps: Deps,
  admin: Caller,
  sanctionId: string,
  decision: AppealDecision,
  note = decision === 'upheld' ? '经核实，维持原处分' : '经核实，撤销处分',
) {
  const result = await decideAppeal(deps, admin, { sanctionId, decision, note }, newRequestId())
  if (!result.ok) throw new Error(`decision refused: ${JSON.stringify(result.error)}`)
  return result.data
}

/** The Shanghai day `days` after the clock's (YYYY-MM-DD), for suspension end dates. */
export function shanghaiDayAfter(deps: Deps, days: number): string {
  const shanghai = new Date(deps.clock.now().getTime() + 8 * 3600_000 + days * 86_400_000)
  return shanghai.toISOString().slice(0, 10)
}

/**
 * The member shows the card's current code and the clerk scans it: the verification's result
 * (a suspended or cancelled member's card is refused), without failing the test.
 */
export async function scanOfCard(deps: Deps, member: Caller, clerk: Caller) {
  const card = await getMyCard(deps, member)
  if (!card.ok) return card
  const secret = new Uint8Array(Buffer.from(card.data.secret, 'base64'))
  const code = cardCode(secret, card.data, timeStep(deps.clock.now()))
  return verifyCardCodeUseCase(deps, clerk, { code }, newRequestId())
}
