import { CURRENT_POLICY_VERSION } from '../../src/domain/privacy/policy'
import { createFieldCipher, parseMasterKey } from './field-cipher'
import { createIdGenerator } from './ids'
import type { Clock, Deps, Logger, Store } from './ports'

export const systemClock: Clock = { now: () => new Date() }

/** One JSON line per failure on stderr; CloudBase keeps function logs per request. */
export const jsonLogger: Logger = {
  error: (message, details) =>
    console.error(JSON.stringify({ level: 'error', message, ...details })),
}

/** Everything a use case needs, built from a store and the process environment. */
export function createDeps(
  store: Store,
  env: Record<string, string | undefined>,
  overrides: Partial<Deps> = {},
): Deps {
  if (!env.CLUB_DATA_KEY) throw new Error('CLUB_DATA_KEY is not set')
  return {
    store,
    clock: systemClock,
    ids: createIdGenerator(),
    cipher: createFieldCipher(parseMasterKey(env.CLUB_DATA_KEY)),
    settings: { policyVersion: env.CLUB_POLICY_VERSION || CURRENT_POLICY_VERSION },
    logger: jsonLogger,
    ...overrides,
  }
}
