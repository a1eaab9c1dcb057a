import dayjs from 'dayjs'
import { fromShanghaiWall, shanghaiWall } from '../shared/calendar'
import { ok, type Result } from '../shared/result'
import { insufficientBalance, memberNotActive } from './points.errors'
import type { Lot, LotTake, PointsAccount } from './points'

/** Whether points may still be put on the account: not once it is closed (`closePointsAccount`). */
export function stillOpen(account: PointsAccount): Result<PointsAccount> {
  return account.closedAt === undefined ? ok(account) : memberNotActive()
}

/** Each earned lot expires 12 months after it was earned (SPEC §5). */
export const LOT_LIFETIME_MONTHS = 12

/** The instant a lot earned at `earnedAt` expires: the same Shanghai wall-clock time 12 months on. */
export function lotExpiry(earnedAt: Date): string {
  return fromShanghaiWall(shanghaiWall(earnedAt).add(LOT_LIFETIME_MONTHS, 'month')).toISOString()
}

const oldestFirst = (a: Lot, b: Lot) =>
  a.earnedAt < b.earnedAt
    ? -1
    : a.earnedAt > b.earnedAt
      ? 1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0

const withLots = (account: PointsAccount, lots: Lot[]): PointsAccount => {
  const open = lots.filter((l) => l.remaining > 0).sort(oldestFirst)
  return {
    ...account,
    lots: open,
    balance: open.reduce((sum, l) => sum + l.remaining, 0),
    version: account.version + 1,
  }
}

/** Adds a new lot of `points` earned at `now`; the balance grows by the same amount. */
export function earnLot(
  account: PointsAccount,
  lot: { id: string; points: number; now: Date },
): PointsAccount {
  if (!Number.isInteger(lot.points) || lot.points <= 0) {
    throw new RangeError(`a lot holds a positive whole number of points, not ${lot.points}`)
  }
  const earnedAt = lot.now.toISOString()
  return withLots(account, [
    ...account.lots,
    { id: lot.id, earnedAt, expiresAt: lotExpiry(lot.now), remaining: lot.points },
  ])
}

/**
 * Takes `points` from the oldest lots first (SPEC §5). Refuses, changing nothing, when the balance
 * does not cover it: a balance is never negative.
 */
export function takeOldestFirst(
  account: PointsAccount,
  points: number,
): Result<{ account: PointsAccount; takes: LotTake[] }> {
  if (!Number.isInteger(points) || points <= 0) {
    throw new RangeError(`points to take must be a positive whole number, not ${points}`)
  }
  if (account.balance < points) return insufficientBalance(account.balance, points)
  let left = points
  const takes: LotTake[] = []
  const lots = [...account.lots].sort(oldestFirst).map((lot) => {
    if (left === 0) return lot
    const take = Math.min(lot.remaining, left)
    left -= take
    takes.push({ lotId: lot.id, earnedAt: lot.earnedAt, expiresAt: lot.expiresAt, points: take })
    return { ...lot, remaining: lot.remaining - take }
  })
  return ok({ account: withLots(account, lots), takes })
}

/** Removes what is left of every lot whose expiry is at or before `now` (the expiry job). */
export function expireDueLots(
  account: PointsAccount,
  now: Date,
): { account: PointsAccount; takes: LotTake[]; points: number } {
  const at = now.toISOString()
  const due = account.lots.filter((l) => l.expiresAt <= at)
  if (due.length === 0) return { account, takes: [], points: 0 }
  const takes = due.map((l) => ({
    lotId: l.id,
    earnedAt: l.earnedAt,
    expiresAt: l.expiresAt,
    points: l.remaining,
  }))
  return {
    account: withLots(
      account,
      account.lots.filter((l) => l.expiresAt > at),
    ),
    takes,
    points: takes.reduce((sum, t) => sum + t.points, 0),
  }
}

/** Puts taken points back into their lots with their original expiry (reversal of a spend). */
export function restoreTakes(account: PointsAccount, takes: LotTake[]): PointsAccount {
  const lots = account.lots.map((l) => ({ ...l }))
  for (const take of takes) {
    const open = lots.find((l) => l.id === take.lotId)
    if (open) open.remaining += take.points
    else
      lots.push({
        id: take.lotId,
        earnedAt: take.earnedAt,
        expiresAt: take.expiresAt,
        remaining: take.points,
      })
  }
  return withLots(account, lots)
}

/** Points that expire within `days` of `now`, and the first such expiry (for the 30-day warning). */
export function expiringWithin(
  account: PointsAccount,
  now: Date,
  days: number,
): { points: number; firstExpiry: string | null } {
  const until = dayjs(now).add(days, 'day').toISOString()
  const soon = account.lots.filter((l) => l.expiresAt <= until).sort(oldestFirst)
  return {
    points: soon.reduce((sum, l) => sum + l.remaining, 0),
    firstExpiry: soon.reduce<string | null>(
      (first, l) => (first === null || l.expiresAt < first ? l.expiresAt : first),
      null,
    ),
  }
}
