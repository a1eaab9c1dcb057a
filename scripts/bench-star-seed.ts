/**
 * Seeds a star-adjustment benchmark database straight through better-sqlite3: registering
 * 200k members through the use cases would take far longer than the job being measured.
 *
 * The file is created (and migrated) by `openSqliteStore` first and closed; this fills it in one
 * transaction with prepared statements. Members are active, with ids that sort (`m-0000001`) and
 * distinct openids, mobile and licence hashes (the job never decrypts a field, so the `enc`
 * columns hold plain placeholders). Each member gets ~10 purchase earnings inside the evaluated
 * Shanghai year, spread so every star from 1★ to 5★ comes out, some redemptions, and now and then
 * an earning in the year before (outside the range the job reads). About 5% are in the club:
 * half active, half in a grace year that ends with the evaluated year.
 */
import Database from 'better-sqlite3'
import { shanghaiYearStart } from '../src/domain/shared/calendar'
import { DEFAULT_THRESHOLDS, evaluateStar } from '../src/domain/star/thresholds'

/** What the job must report for a seeded database: members per star and club moves. */
export type ExpectedTotals = Record<string, number>

export type Seeded = { members: number; ledgerRows: number; expected: ExpectedTotals }

/** Earnings per member in the evaluated year. */
const EARNINGS_PER_MEMBER = 10

/** Share of members per star band, and the qualifying points each band is drawn from. */
const BANDS: readonly { share: number; min: number; max: number }[] = [
  { share: 0.4, min: 100, max: 999 }, // 1★
  { share: 0.25, min: 1_000, max: 2_999 }, // 2★
  { share: 0.2, min: 3_000, max: 4_999 }, // 3★
  { share: 0.1, min: 5_000, max: 9_999 }, // 4★
  { share: 0.05, min: 10_000, max: 30_000 }, // 5★
]

/** A small deterministic generator (mulberry32), so every run seeds the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pad = (n: number, width: number) => n.toString().padStart(width, '0')

export function seedStarAdjustment(file: string, members: number, evaluatedYear: number): Seeded {
  const db = new Database(file)
  // A throwaway file: no journal, no fsync, a large page cache for the index builds.
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -262144')
  const now = shanghaiYearStart(evaluatedYear).toISOString()
  const from = shanghaiYearStart(evaluatedYear).getTime()
  const span = shanghaiYearStart(evaluatedYear + 1).getTime() - from
  const yearBefore = shanghaiYearStart(evaluatedYear - 1).getTime()

  const insertMember = db.prepare(
    `INSERT INTO members (id, openid, unionid, status, real_name, mobile_enc, mobile_hash,
       shop_name, shop_address, licence_enc, licence_hash, birthday, consent_version, consent_at,
       referral_code, referred_by, channel, card_no, reject_reason, submitted_at, reviewed_at,
       reviewed_by, created_at, updated_at, version)
     VALUES (?, ?, NULL, 'active', ?, ?, ?, ?, ?, ?, ?, '1980-05-01', 'v1', ?, ?, NULL, NULL, ?,
       NULL, ?, ?, 'staff-bench', ?, ?, 2)`,
  )
  const insertEntry = db.prepare(
    `INSERT INTO points_ledger (id, member_id, type, label, points, reference, actor_id,
       request_id, at, takes_json, lot_id, note)
     VALUES (?, ?, ?, ?, ?, ?, 'staff-bench', NULL, ?, '[]', NULL, NULL)`,
  )
  const insertClub = db.prepare(
    `INSERT INTO club_memberships (member_id, state, since, applied_at, joined_at, grace_year,
       decided_by, reason, resume_state, version)
     VALUES (?, ?, ?, ?, ?, ?, 'staff-bench', NULL, NULL, 1)`,
  )

  const rand = random(20_250_101)
  const between = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1))
  const expected: ExpectedTotals = {}
  const count = (key: string) => (expected[key] = (expected[key] ?? 0) + 1)
  let ledgerRows = 0

  db.transaction(() => {
    for (let i = 1; i <= members; i++) {
      const id = `m-${pad(i, 7)}`
      insertMember.run(
        id,
        `o_bench_${pad(i, 7)}`,
        `会员${i}`,
        `mobile-enc-${i}`,
        `mobile-hash-${pad(i, 7)}`,
        `门店${i}`,
        `地址${i}`,
        `licence-enc-${i}`,
        `licence-hash-${pad(i, 7)}`,
        now,
        `R${pad(i, 7)}`,
        `C${pad(i, 9)}`,
        now,
        now,
        now,
        now,
      )

      let band = BANDS.length - 1
      for (let b = 0, r = rand(), acc = 0; b < BANDS.length; b++) {
        acc += BANDS[b]!.share
        if (r < acc) {
          band = b
          break
        }
      }
      const target = between(BANDS[band]!.min, BANDS[band]!.max)
      // Ten earnings summing to `target`, at increasing instants of the year.
      const moments = Array.from({ length: EARNINGS_PER_MEMBER }, () => from + rand() * span).sort(
        (a, b) => a - b,
      )
      let left = target
      for (let e = 0; e < EARNINGS_PER_MEMBER; e++) {
        const rest = EARNINGS_PER_MEMBER - e
        // Each earning near an even share of what is left, leaving at least 1 for each after it.
        const share = Math.round((left / rest) * (0.5 + rand()))
        const points = rest === 1 ? left : Math.min(Math.max(1, share), left - (rest - 1))
        left -= points
        insertEntry.run(
          `e-${pad(i, 7)}-${pad(e, 2)}`,
          id,
          'earn',
          'purchase',
          points,
          `purchase-${i}-${e}`,
          new Date(Math.floor(moments[e]!)).toISOString(),
        )
        ledgerRows++
      }
      // Redemptions never lower a star; earlier years' earnings never count.
      if (i % 4 === 0) {
        insertEntry.run(
          `e-${pad(i, 7)}-r1`,
          id,
          'redeem',
          'reward',
          -Math.min(target, 500),
          `voucher-${i}`,
          new Date(from + Math.floor(rand() * span)).toISOString(),
        )
        ledgerRows++
      }
      if (i % 10 === 0) {
        insertEntry.run(
          `e-${pad(i, 7)}-p1`,
          id,
          'earn',
          'purchase',
          5_000,
          `purchase-${i}-before`,
          new Date(yearBefore + Math.floor(rand() * (from - yearBefore))).toISOString(),
        )
        ledgerRows++
      }

      const star = evaluateStar(target, DEFAULT_THRESHOLDS)
      count(`star${star}`)
      if (rand() < 0.05) {
        const grace = rand() < 0.5
        insertClub.run(id, grace ? 'grace' : 'active', now, now, now, grace ? evaluatedYear : null)
        if (!grace && star < 3) count('entered-grace')
        if (grace) count(star < 3 ? 'exited' : 'reactivated')
      }
    }
  })()
  db.close()
  return { members, ledgerRows, expected }
}
