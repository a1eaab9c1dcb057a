import type { Caller } from '../cloudfunctions/_shared/caller'
import type { Deps } from '../cloudfunctions/_shared/ports'
import {
  getMyCard,
  verifyCardCodeUseCase,
} from '../cloudfunctions/_shared/use-cases/card-use-cases'
import { cardCode, timeStep } from '../src/domain/card/card-code'

/**
 * Plays the member's phone and the clerk's scanner for demo data (and tests): the code the card
 * page would show at the store's clock, verified by the clerk as at a real counter (SPEC §6).
 */
export async function showCardAtCounter(
  deps: Deps,
  member: Caller,
  clerk: Caller,
  requestId: string,
): Promise<void> {
  const card = await getMyCard(deps, member)
  if (!card.ok) throw new Error(`no card to show: ${card.error.code}`)
  const secret = new Uint8Array(Buffer.from(card.data.secret, 'base64'))
  const code = cardCode(secret, card.data, timeStep(deps.clock.now()))
  const verified = await verifyCardCodeUseCase(deps, clerk, { code }, requestId)
  if (!verified.ok) throw new Error(`card not verified: ${verified.error.code}`)
}
