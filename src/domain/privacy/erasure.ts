/**
 * Erasure of a withdrawn member's personal data (SPEC §9): what replaces it, and how stored copies
 * (audit rows, request results, outbox payloads) are scrubbed. Ledger and audit rows keep only the
 * anonymous member id.
 */

/** The name a withdrawn member's record shows from then on. */
export const ERASED_NAME = '已注销会员'

/** What replaces a personal value inside a stored document (audit before/after, results …). */
export const ERASED_MARK = '[erased]'

/** What replaces a text the member wrote (a suggestion, a complaint) and the answer to it. */
export const DELETED_TEXT = '[已删除]'

/**
 * Keys that hold personal data wherever they appear in a stored document. Card numbers, ids and
 * statuses are not personal once the record they point to is anonymous.
 */
export const PERSONAL_KEYS: ReadonlySet<string> = new Set([
  'realName',
  'mobile',
  'mobileMasked',
  'licence',
  'licenceNo',
  'licenceMasked',
  'licenceHash',
  'shopName',
  'shopAddress',
  'birthday',
  'openid',
  'unionid',
  'phoneCode',
  'resubmitForm',
])

/**
 * The openid a withdrawn member's record keeps: unique per member (the index stays happy) and never
 * a WeChat openid, so the same WeChat user may register afresh.
 */
export const erasedOpenid = (memberId: string) => `erased:${memberId}`

/**
 * The blind index a withdrawn member's sealed mobile or licence keeps (its ciphertext becomes ''):
 * unique per member and kind, and derived from nothing personal, so it cannot be reversed or
 * matched against anyone's real number.
 */
export const erasedIndex = (memberId: string, kind: 'mobile' | 'licence') =>
  `erased:${memberId}:${kind}`

/** The plain fields of a withdrawn member's record once erased (the sealed ones are tombstoned). */
export function erasedProfile(memberId: string) {
  return {
    openid: erasedOpenid(memberId),
    unionid: null,
    realName: ERASED_NAME,
    shopName: '',
    shopAddress: '',
    birthday: '',
    // The code is released; members it referred keep the anonymous id in `referredBy`.
    referralCode: null,
    rejectReason: null,
  }
}

/**
 * The strings to hunt for in free text: the member's values in clear and as stored (ciphertexts,
 * blind indexes). Blanks and single characters are dropped (they would match everywhere), the
 * longest come first so a name inside a longer value is not half-replaced.
 */
export function personalNeedles(values: readonly (string | null | undefined)[]): string[] {
  const kept = values.filter((v): v is string => typeof v === 'string' && [...v].length >= 2)
  return [...new Set(kept)].sort((a, b) => b.length - a.length)
}

/** Keys under which stored results carry what people wrote (texts, answers, reasons, notes). */
export const WRITTEN_KEYS: ReadonlySet<string> = new Set(['text', 'answer', 'reason', 'note'])

/**
 * A copy of a stored JSON value with personal data removed: the value of every personal key
 * (PERSONAL_KEYS) becomes ERASED_MARK, and every occurrence of a needle inside any other string is
 * replaced by it too. With `deleteWritten`, strings under WRITTEN_KEYS become DELETED_TEXT whole
 * (a stored result that echoes what the member wrote). Numbers, booleans, nulls and the
 * document's shape are kept.
 */
export function scrubPersonal<T>(
  value: T,
  needles: readonly string[],
  options: { deleteWritten?: boolean } = {},
): T {
  const replaced = (key: string, inner: unknown): unknown => {
    if (inner === null || inner === undefined) return inner
    if (PERSONAL_KEYS.has(key)) return ERASED_MARK
    if (options.deleteWritten && WRITTEN_KEYS.has(key) && typeof inner === 'string')
      return DELETED_TEXT
    return scrub(inner)
  }
  const scrub = (v: unknown): unknown => {
    if (typeof v === 'string') return needles.reduce((s, n) => s.split(n).join(ERASED_MARK), v)
    if (Array.isArray(v)) return v.map(scrub)
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v).map(([key, inner]) => [key, replaced(key, inner)]),
      )
    }
    return v
  }
  return scrub(value) as T
}
