import type { Deps } from '../../cloudfunctions/_shared/ports'
import { adjustStars } from '../../cloudfunctions/_shared/use-cases/adjust-stars'
import { noClub, type ClubState } from '@/domain/club/club'
import { aMemberAtTheCounter, purchaseOf } from './points-flow'

/** The CloudBase timer: no WeChat user behind the call. */
export const TIMER = { openid: '', unionid: null, system: true }

/** An active member who earned `points` (one purchase of that many yuan) at the clock's time. */
export async function aMemberWhoEarned(deps: Deps, points: number) {
  const counter = await aMemberAtTheCounter(deps)
  if (points > 0) await purchaseOf(deps, counter.clerk.openid, counter.member.cardNo!, points)
  return counter
}

/** Puts a member straight into a club state (arranging a scene, not a flow under test). */
export async function inClubState(
  deps: Deps,
  memberId: string,
  state: ClubState,
  graceYear: number | null = null,
) {
  const now = deps.clock.now()
  const current = (await deps.store.read.clubs.byMember(memberId)) ?? noClub(memberId, now)
  const saved = await deps.store.transaction((tx) =>
    tx.clubs.save({
      ...current,
      state,
      graceYear,
      appliedAt: current.appliedAt ?? now.toISOString(),
      joinedAt: state === 'active' || state === 'grace' ? now.toISOString() : current.joinedAt,
      since: now.toISOString(),
      version: current.version + 1,
    }),
  )
  if (!saved.ok) throw new Error(`club of ${memberId} not saved`)
}

/** Runs the timer-triggered adjustment for `year` until it is done; fails the test if refused. */
export async function adjustedUntilDone(deps: Deps, year: number) {
  for (let call = 0; call < 1000; call++) {
    const result = await adjustStars(deps, TIMER, { year })
    if (!result.ok) throw new Error(`adjustment refused: ${JSON.stringify(result.error)}`)
    if (result.data.status === 'done') return result.data
  }
  throw new Error('adjustment did not finish')
}
