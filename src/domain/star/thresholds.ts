import { ok, type Result } from '../shared/result'
import type { StarValue } from './star'
import { thresholdsInvalid } from './star.errors'

/**
 * Qualifying points needed in a year for 2★, 3★, 4★ and 5★ (升星门槛); fewer than the first
 * gives 1★. Strictly increasing.
 */
export type StarThresholds = readonly [number, number, number, number]

/** SPEC §3's default rule: ≥ 1000 → 2★, ≥ 3000 → 3★, ≥ 5000 → 4★, ≥ 10000 → 5★. */
export const DEFAULT_THRESHOLDS: StarThresholds = [1000, 3000, 5000, 10000]

/** Thresholds set by an admin, applying to the earnings of `effectiveYear` and later years. */
export type StarRule = {
  effectiveYear: number
  thresholds: StarThresholds
  setBy: string
  setAt: string
}

/** The most thresholds may ask for in a year; keeps typos like 1000000000 out. */
export const MAX_THRESHOLD = 10_000_000

/**
 * The thresholds that judge the earnings of `year`: the rule with the latest effective year not
 * after it, or the defaults when no rule reaches back that far.
 */
export function thresholdsForYear(rules: readonly StarRule[], year: number): StarThresholds {
  let chosen: StarRule | null = null
  for (const rule of rules) {
    if (rule.effectiveYear > year) continue
    if (!chosen || rule.effectiveYear > chosen.effectiveYear) chosen = rule
  }
  return chosen?.thresholds ?? DEFAULT_THRESHOLDS
}

/** The star that `points` qualifying points earn: the highest threshold reached (2999 → 2★, 3000 → 3★). */
export function evaluateStar(points: number, thresholds: StarThresholds): StarValue {
  let star: StarValue = 1
  thresholds.forEach((minimum, index) => {
    if (points >= minimum) star = (index + 2) as StarValue
  })
  return star
}

export type StarProgress = {
  points: number
  /** The star these points would give at the next adjustment. */
  star: StarValue
  /** The next star up and how many more points it needs; null at 5★. */
  next: { star: StarValue; threshold: number; missing: number } | null
}

/** How far this year's qualifying points are from the next star (shown on the member's star page). */
export function starProgress(points: number, thresholds: StarThresholds): StarProgress {
  const star = evaluateStar(points, thresholds)
  if (star === 5) return { points, star, next: null }
  const threshold = thresholds[star - 1] as number
  return {
    points,
    star,
    next: { star: (star + 1) as StarValue, threshold, missing: threshold - points },
  }
}

/**
 * Checks thresholds an admin enters: whole numbers from 1 to MAX_THRESHOLD, each above the one
 * before. Field names are `thresholds.0` … `thresholds.3` (2★ … 5★).
 */
export function checkThresholds(values: readonly number[]): Result<StarThresholds> {
  const fields: Record<string, string> = {}
  values.forEach((value, index) => {
    const field = `thresholds.${index}`
    if (!Number.isInteger(value) || value < 1 || value > MAX_THRESHOLD) {
      fields[field] = `请填写1–${MAX_THRESHOLD}之间的整数`
    } else if (index > 0 && value <= (values[index - 1] as number)) {
      fields[field] = `须高于${index + 1}星门槛`
    }
  })
  if (values.length !== 4) fields.thresholds = '需要2–5星共4个门槛'
  if (Object.keys(fields).length > 0) return thresholdsInvalid(fields)
  return ok(values as unknown as StarThresholds)
}
