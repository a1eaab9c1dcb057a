import { DEFAULT_NO_SHOW_POLICY } from '../../src/domain/event/no-show'
import { DEFAULT_EXCLUDED_CATEGORIES } from '../../src/domain/points/purchase'
import { CURRENT_POLICY_VERSION } from '../../src/domain/privacy/policy'
import { createFieldCipher, parseMasterKey } from './field-cipher'
import { createIdGenerator } from './ids'
import { devInboxSender, subscribeTemplatesFrom } from './notification-settings'
import type {
  Clock,
  ContentCheck,
  Deps,
  Logger,
  PhoneVerifier,
  PhotoLinks,
  Settings,
  Store,
} from './ports'

/**
 * Off WeChat (the local host, tests) there is no content check to call: text and photos pass. The
 * CloudBase entries that take member text and photos use WeChat's (adapters/cloudbase/wechat-content-check.ts).
 */
export const noContentCheck: ContentCheck = {
  text: async () => 'pass',
  image: async () => ({ verdict: 'pass' }),
}

/** Off CloudBase (the local host, tests) photos are local and the host serves them: no links. */
export const noPhotoLinks: PhotoLinks = { forStaff: async () => ({}) }

/** Off WeChat (the local host, tests) there is no phone authorisation to exchange a code with. */
export const noWechatPhones: PhoneVerifier = { exchange: async () => null }

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
  /** Production registers with WeChat-verified mobiles only; CLUB_PHONE_SOURCE=typed opts out. */
  defaultPhoneSource: Settings['phoneSource'] = 'typed',
): Deps {
  const phoneSource =
    env.CLUB_PHONE_SOURCE === 'typed' || env.CLUB_PHONE_SOURCE === 'wechat'
      ? env.CLUB_PHONE_SOURCE
      : defaultPhoneSource
  if (!env.CLUB_DATA_KEY) throw new Error('CLUB_DATA_KEY is not set')
  return {
    store,
    clock: systemClock,
    ids: createIdGenerator(),
    cipher: createFieldCipher(parseMasterKey(env.CLUB_DATA_KEY)),
    phones: noWechatPhones,
    content: noContentCheck,
    photoLinks: noPhotoLinks,
    settings: {
      policyVersion: env.CLUB_POLICY_VERSION || CURRENT_POLICY_VERSION,
      phoneSource,
      excludedCategories: DEFAULT_EXCLUDED_CATEGORIES,
      referralBonus: wholePoints(env.CLUB_REFERRAL_BONUS),
      noShowPolicy: {
        limit: wholePoints(env.CLUB_NO_SHOW_LIMIT) || DEFAULT_NO_SHOW_POLICY.limit,
        windowMonths:
          wholePoints(env.CLUB_NO_SHOW_WINDOW_MONTHS) || DEFAULT_NO_SHOW_POLICY.windowMonths,
        blockDays: wholePoints(env.CLUB_NO_SHOW_BLOCK_DAYS) || DEFAULT_NO_SHOW_POLICY.blockDays,
      },
      subscribeTemplates: subscribeTemplatesFrom(env.CLUB_SUBSCRIBE_TEMPLATES),
      // The environment node-sdk itself resolves SYMBOL_CURRENT_ENV to inside a function.
      cloudStorageEnv: env.TCB_ENV || env.SCF_NAMESPACE || null,
    },
    logger: jsonLogger,
    sender: devInboxSender,
    ...overrides,
  }
}

/** A setting of whole points from the environment; anything else (unset, "", "abc", -5) is 0. */
function wholePoints(value: string | undefined): number {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? n : 0
}
