/** Payloads that must be refused: every action's fields dropped, mistyped, huge or hostile. */

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
