/**
 * The clerk's check of a shown member code (SPEC §6), BENCH_OPS of them over 50 members: the whole
 * `card.verify` handler on the sqlite adapter (contract parse → use case → idempotent transaction
 * that decrypts the card secret, checks the MAC and records the accepted step) against the bare
 * check of the same codes (parse + HMAC-SHA256 + compare, `verifyCardCode`), in the same run.
 *
 * A code is single-use and lives one 30 s step, so the codes are made beforehand for a clock the
 * bench moves on by one step after each round of the 50 members.
 */
import { join } from 'node:path'
import { openSqliteStore } from '../cloudfunctions/_shared/adapters/sqlite/sqlite-store'
import { createDeps } from '../cloudfunctions/_shared/deps'
import { getMyCard } from '../cloudfunctions/_shared/use-cases/card-use-cases'
import { cardFunction } from '../cloudfunctions/card/index'
import type { MyCardView } from '../src/contracts/card.contract'
import {
  CODE_STEP_SECONDS,
  cardCode,
  parseCardCode,
  verifyCardCode,
} from '../src/domain/card/card-code'
import { activeMembers } from '../tests/support/bulk-members'
import { callerOf } from '../tests/support/registration-flow'
import { TEST_DATA_KEY, addStaff, fixedClock } from '../tests/support/test-deps'
import type { Figure } from './bench-figure'
import { profiled } from './bench-profile'

const MEMBERS = 50
const START = '2026-11-23T02:00:00.000Z'

export async function cardVerifyFigures(dir: string, ops: number): Promise<Figure[]> {
  const store = openSqliteStore(join(dir, 'verify.db'))
  const clock = fixedClock(START)
  const deps = createDeps(store, { CLUB_DATA_KEY: TEST_DATA_KEY }, { clock })
  try {
    const members = await activeMembers(deps, MEMBERS)
    // One counter per member: a clerk scans far fewer codes a minute than the rate limit allows.
    const clerks: ReturnType<typeof callerOf>[] = []
    for (let m = 0; m < MEMBERS; m++) clerks.push(callerOf((await addStaff(deps, 'clerk')).openid))
    const cards: (MyCardView & { secretBytes: Uint8Array })[] = []
    for (const m of members) {
      const card = await getMyCard(deps, callerOf(m.openid))
      if (!card.ok) throw new Error(`no card: ${card.error.code}`)
      cards.push({
        ...card.data,
        secretBytes: new Uint8Array(Buffer.from(card.data.secret, 'base64')),
      })
    }
    const startStep = Math.floor(new Date(START).getTime() / 1000 / CODE_STEP_SECONDS)
    const warmUp = MEMBERS
    const total = warmUp + ops
    const rounds = Math.ceil(total / MEMBERS)
    /** codes[r][m]: member m's code in round r, made for the step the clock is moved to. */
    const codes = Array.from({ length: rounds }, (_, r) =>
      cards.map((c) => cardCode(c.secretBytes, c, startStep + r)),
    )
    const instant = (r: number) => new Date((startStep + r) * CODE_STEP_SECONDS * 1000 + 1000)

    // The bare check of the same codes, with the secret already decoded; timed after a warm-up.
    let rawStarted = process.hrtime.bigint()
    for (let i = 0; i < total; i++) {
      if (i === warmUp) rawStarted = process.hrtime.bigint()
      const r = Math.floor(i / MEMBERS)
      const card = cards[i % MEMBERS]!
      const parsed = parseCardCode(codes[r]![i % MEMBERS]!)
      if (!parsed.ok) throw new Error('code malformed')
      const checked = verifyCardCode(
        parsed.data,
        { ...card, lastAcceptedStep: startStep + r - 1 },
        card.secretBytes,
        instant(r),
      )
      if (!checked.ok) throw new Error(`raw check refused: ${checked.error.code}`)
    }
    const raw = ops / (Number(process.hrtime.bigint() - rawStarted) / 1e9)

    const verify = async (i: number) => {
      const r = Math.floor(i / MEMBERS)
      if (i % MEMBERS === 0) clock.set(instant(r).toISOString())
      const res = await cardFunction.handle(
        {
          action: 'verify',
          payload: { code: codes[r]![i % MEMBERS]! },
          requestId: `bench-verify-${i.toString().padStart(8, '0')}`,
        },
        clerks[i % MEMBERS]!,
        deps,
      )
      if (!res.ok) throw new Error(`verify refused: ${JSON.stringify(res.error)}`)
    }
    for (let i = 0; i < warmUp; i++) await verify(i)
    const started = process.hrtime.bigint()
    await profiled('card-verify-handler', async () => {
      for (let i = warmUp; i < total; i++) await verify(i)
    })
    const handler = ops / (Number(process.hrtime.bigint() - started) / 1e9)
    return [
      { name: 'card verify, bare code check (parse + HMAC)', value: raw, unit: 'ops/s' },
      {
        id: 'verify.ratio',
        name: `card verify, full handler on the sqlite adapter (${MEMBERS} members)`,
        value: handler,
        unit: 'ops/s',
        ratio: handler / raw,
        vs: 'bare code check',
      },
    ]
  } finally {
    await store.close()
  }
}
