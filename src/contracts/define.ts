import * as z from 'zod'
import zhCN from 'zod/v4/locales/zh-CN.js'
import type { RateRuleName } from '../domain/shared/rate-limits'

// Zod's own messages (wrong type, unknown key, …) in Chinese too, for form and function alike.
z.config(zhCN())

/** One action of a cloud function: its payload schema and whether it changes state. */
export type ActionSpec = {
  input: z.ZodType
  /** Mutating actions must carry a client request id; a retry returns the first result. */
  mutating: boolean
  /** The rate limit per caller this action counts against (docs/security.md), if any. */
  limit?: RateRuleName
  /**
   * The rate count goes out alongside the action's first read instead of before it (one round
   * trip for both on CloudBase). The action is handed the count's verdict (`admission`) and awaits
   * it before it writes or answers anything: a refused call still reads, but changes nothing and
   * learns nothing.
   */
  countAlongside?: true
  /**
   * Why staff read the personal data this action answers with (审计用途): every successful call by
   * staff is audited with who, what (the members shown) and this purpose (docs/security.md).
   */
  personalData?: string
  /**
   * Fields of member-written text others will read, passed through WeChat's content check before
   * the action runs (scene profile: names and addresses; comment: complaints, suggestions…).
   */
  userText?: { scene: 'profile' | 'comment'; fields: readonly string[] }
}

export type Contract = {
  name: string
  actions: Record<string, ActionSpec>
}

export function defineContract<const A extends Record<string, ActionSpec>>(
  name: string,
  actions: A,
): { name: string; actions: A } {
  return { name, actions }
}

/** The body of every call: `Taro.cloud.callFunction({name, data})` and `POST /fn/<name>` alike. */
export const callRequest = z.object({
  action: z.string().min(1).max(64),
  payload: z.unknown().optional(),
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不正确')
    .optional(),
})
export type CallRequest = z.infer<typeof callRequest>

/** Zod issues → one zh-CN message per field (the first for each), keyed by dotted path. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_'
    if (!(key in fields)) fields[key] = issue.message
  }
  return fields
}
