/** Payloads that must be refused: every action's fields dropped, mistyped, huge or hostile. */
import type { Caller } from '../../cloudfunctions/_shared/caller'
import type { Deps } from '../../cloudfunctions/_shared/ports'
import { newRequestId } from './test-deps'

export const CHINESE = /[\u4e00-\u9fff]/

/** Wrong values for any field: other types, empties, huge and hostile strings, odd numbers. */
export const WRONG_VALUES: unknown[] = [
  null,
  true,
  [],
  {},
  '',
  'x'.repeat(10_000),
  '王'.repeat(5_000),
  "'; DROP TABLE points_ledger; --",
  { $gt: '' },
  -1,
  1.5,
  1e20,
  Number.MAX_SAFE_INTEGER + 2,
]

/** Every way to spoil a valid payload: drop a field, replace it with a wrong value, add one. */
export function spoiled(valid: Record<string, unknown>): [string, unknown][] {
  const cases: [string, unknown][] = [
    ['an extra field', { ...valid, openid: 'o_someone_else' }],
    ['a payload that is a string', 'payload'],
    ['a payload that is an array', [valid]],
  ]
  for (const key of Object.keys(valid)) {
    const { [key]: _dropped, ...rest } = valid
    if (Object.keys(rest).length < Object.keys(valid).length) cases.push([`no ${key}`, rest])
    for (const value of WRONG_VALUES)
      cases.push([`${key} = ${JSON.stringify(value)?.slice(0, 24)}`, { ...valid, [key]: value }])
  }
  return cases
}

type Handler = {
  handle(request: unknown, caller: Caller, deps: Deps): Promise<{ ok: boolean; error?: unknown }>
}
type Schema = { safeParse(value: unknown): { success: boolean } }

/**
 * Sends every spoiled form of a valid payload that the action's schema refuses, and expects each
 * to be turned away as INPUT.INVALID with Chinese field messages. Returns how many were sent.
 */
export async function sendSpoiledPayloads(
  fn: Handler,
  action: string,
  valid: Record<string, unknown>,
  schema: Schema,
  caller: Caller,
  deps: Deps,
): Promise<number> {
  // A spoiled value may still be a legal one (a debit of -1 for adjust): only the refused ones count.
  const refused = spoiled(valid).filter(([, payload]) => !schema.safeParse(payload).success)
  for (const [, payload] of refused) {
    const envelope = await fn.handle({ action, payload, requestId: newRequestId() }, caller, deps)

    expect(envelope).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    const fields = (envelope.error as { fields?: Record<string, string> } | undefined)?.fields
    for (const message of Object.values(fields ?? {})) expect(message).toMatch(CHINESE)
  }
  return refused.length
}

/** Sends the action as each outsider and expects every call refused with a code matching `code`. */
export async function sendAsOutsiders(
  fn: Handler,
  action: string,
  payload: unknown,
  outsiders: Caller[],
  deps: Deps,
  code: RegExp = /^AUTH\./,
): Promise<void> {
  for (const caller of outsiders) {
    const envelope = await fn.handle({ action, payload, requestId: newRequestId() }, caller, deps)

    expect(envelope).toMatchObject({ ok: false, error: { code: expect.stringMatching(code) } })
  }
}
