import type { z } from 'zod'
import { callRequest, fieldErrors, type ActionSpec } from '../../src/contracts/define'
import type { Envelope, ErrorCode } from '../../src/contracts/error-codes'
import { invalidInput } from '../../src/domain/shared/common.errors'
import { fail, ok, type Result } from '../../src/domain/shared/result'
import type { Caller } from './caller'
import { PlatformFailure } from './platform-failure'
import type { Deps } from './ports'
import { auditPersonalDataRead } from './personal-data-reads'
import { withinRateLimit } from './rate-limits'
import { checkUserText } from './user-text-check'

type Impl<S extends ActionSpec> = (
  input: z.output<S['input']>,
  caller: Caller,
  deps: Deps,
  requestId: string,
  /** The verdict of the caller's rate count, for an action that `countAlongside` (else admitted). */
  admission: Promise<Result<void>>,
) => Promise<Result<unknown, string>>

const ADMITTED: Promise<Result<void>> = Promise.resolve(ok(undefined))

export type FunctionHandler = {
  name: string
  actions: readonly string[]
  handle(request: unknown, caller: Caller, deps: Deps): Promise<Envelope<unknown>>
}

/**
 * Owns what every action shares: the request shape, unknown actions, payload parsing into field
 * errors, the request id of mutating actions, the caller's rate limit of limited actions, the
 * content check of member-written text, the audit of staff reads of personal data, and turning anything thrown into `SYS.INTERNAL`
 * (logged once with the request id, never echoed). A `PlatformFailure` (a deployment to fix, such
 * as a missing open-API permission) is logged with its instruction and answered with its own
 * error. The entry stays a table of use cases.
 */
export function createHandler<A extends Record<string, ActionSpec>>(
  contract: { name: string; actions: A },
  impls: { [K in keyof A]: Impl<A[K]> },
): FunctionHandler {
  const actions = Object.keys(contract.actions)
  return {
    name: contract.name,
    actions,
    async handle(request, caller, deps) {
      const envelope = callRequest.safeParse(request)
      if (!envelope.success) return invalidInput(fieldErrors(envelope.error)) as Envelope<unknown>
      const { action, payload, requestId } = envelope.data
      if (!Object.hasOwn(contract.actions, action)) {
        return fail('SYS.UNKNOWN_ACTION', `未知操作：${action.slice(0, 64)}`)
      }
      const spec = contract.actions[action] as ActionSpec
      if (spec.mutating && !requestId) return invalidInput({ requestId: '缺少请求编号' })
      const input = spec.input.safeParse(payload ?? {})
      if (!input.success) return invalidInput(fieldErrors(input.error))
      try {
        let admission = ADMITTED
        if (spec.limit) {
          const counted = withinRateLimit(deps, spec.limit, caller, requestId ?? null)
          if (spec.countAlongside) {
            // Awaited by the action; should it throw first, the count's own failure is not lost
            // as an unhandled rejection (the action's error is the one answered).
            counted.catch(() => undefined)
            admission = counted
          } else {
            const allowed = await counted
            if (!allowed.ok) return allowed as Envelope<unknown>
          }
        }
        if (spec.userText) {
          const checked = await checkUserText(deps, caller, spec.userText, input.data as object)
          if (!checked.ok) return checked as Envelope<unknown>
        }
        const impl = impls[action] as Impl<ActionSpec>
        const result = await impl(input.data, caller, deps, requestId ?? '', admission)
        // Whatever the action found, a call over its limit is answered as such.
        const allowed = await admission
        if (!allowed.ok) return allowed as Envelope<unknown>
        if (result.ok && spec.personalData) {
          await auditPersonalDataRead(deps, caller, {
            fn: contract.name,
            action,
            input: input.data,
            purpose: spec.personalData,
            answer: result.data,
          })
        }
        return result as Envelope<unknown>
      } catch (error) {
        if (error instanceof PlatformFailure) {
          deps.logger.error('platform setup needed', {
            fn: contract.name,
            action,
            requestId: requestId ?? null,
            instruction: error.instruction,
          })
          const { code, message, fields } = error.error
          return fail<ErrorCode>(code, message, fields)
        }
        deps.logger.error('action failed', {
          fn: contract.name,
          action,
          requestId: requestId ?? null,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        })
        return fail<ErrorCode>('SYS.INTERNAL', '系统繁忙，请稍后再试')
      }
    },
  }
}
