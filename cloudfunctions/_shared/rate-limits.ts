import RateLimiterRes from 'rate-limiter-flexible/lib/RateLimiterRes'
import RateLimiterStoreAbstract from 'rate-limiter-flexible/lib/RateLimiterStoreAbstract'
import { rateLimited } from '../../src/domain/shared/common.errors'
import { ok, type Result } from '../../src/domain/shared/result'
import {
  RATE_RULES,
  rateWindow,
  type RateRule,
  type RateRuleName,
} from '../../src/domain/shared/rate-limits'
import type { Caller } from './caller'
import type { Clock, FieldCipher, Store } from './ports'

type StoreCount = { count: number; msBeforeNext: number }

/**
 * rate-limiter-flexible's store limiter with the club's own store underneath: the count lives in
 * `rate_counts` (SQLite table or CloudBase collection), so every function instance shares it, and
 * it is added on its own, atomically, so a refused or failing action still counts. Windows
 * are fixed and read from the clock passed with each call (no in-memory block: it would run on
 * the wall clock, not the store's windows).
 */
class RateLimiterOnStore extends RateLimiterStoreAbstract {
  constructor(
    private readonly store: Store,
    private readonly rule: RateRule,
    name: string,
  ) {
    super({ storeClient: store, keyPrefix: name, points: rule.points, duration: rule.perSeconds })
  }

  async _upsert(
    rlKey: string,
    points: number,
    _msDuration: number,
    _forceExpire: boolean,
    options: { now: Date; requestId: string | null },
  ): Promise<StoreCount> {
    const window = rateWindow(this.rule, options.now)
    const count = await this.store.rateCounts.add(rlKey, window.index, points, {
      requestId: options.requestId,
      limit: this.rule.points,
    })
    return { count, msBeforeNext: window.endsAt.getTime() - options.now.getTime() }
  }

  _getRateLimiterRes(_rlKey: string, changedPoints: number, result: StoreCount): RateLimiterRes {
    return new RateLimiterRes(
      Math.max(this.rule.points - result.count, 0),
      result.msBeforeNext,
      result.count,
      result.count === changedPoints,
    )
  }

  async _get(): Promise<null> {
    throw new Error('rate counts are only added to')
  }

  async _delete(): Promise<boolean> {
    throw new Error('rate counts are only added to')
  }
}

const limiters = new WeakMap<Store, Map<RateRuleName, RateLimiterOnStore>>()

function limiterFor(store: Store, name: RateRuleName) {
  let byRule = limiters.get(store)
  if (!byRule) limiters.set(store, (byRule = new Map()))
  let limiter = byRule.get(name)
  if (!limiter) {
    limiter = new RateLimiterOnStore(store, RATE_RULES[name], name)
    byRule.set(name, limiter)
  }
  return limiter
}

/**
 * Counts one call of a limited action for its caller and refuses it (`SYS.RATE_LIMITED`, with the
 * wait in the message) once the caller is over the rule's limit for the window; a retry of a
 * request already counted passes on to its stored first answer. Timers are not
 * limited; a caller without an openid shares one count per rule.
 */
export async function withinRateLimit(
  deps: { store: Store; clock: Clock; cipher: FieldCipher },
  name: RateRuleName,
  caller: Caller,
  /** A retry of a request already counted is not counted again. */
  requestId: string | null = null,
): Promise<Result<void>> {
  if (caller.system) return ok(undefined)
  try {
    // Counted under a keyed hash of the openid: the counts hold no personal data to erase.
    const who = deps.cipher.blindIndex('caller', caller.openid || 'anonymous')
    await limiterFor(deps.store, name).consume(who, 1, {
      now: deps.clock.now(),
      requestId,
    })
    return ok(undefined)
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return rateLimited(refusal.msBeforeNext / 1000)
    throw refusal
  }
}

/**
 * The first read of an action that counts its rate alongside (`countAlongside` in its contract),
 * sent together with the count: the read's value once the count admits the call, else the count's
 * refusal — so nothing read is answered, and nothing written, for a caller over the limit.
 */
export async function readAlongsideCount<T>(
  admission: Promise<Result<void>>,
  read: Promise<T>,
): Promise<Result<T>> {
  const [admitted, value] = await Promise.all([admission, read])
  return admitted.ok ? ok(value) : admitted
}
