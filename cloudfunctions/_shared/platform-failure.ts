import type { ErrorCode } from '../../src/contracts/error-codes'
import type { DomainError } from '../../src/domain/shared/result'

/**
 * A failure of the platform that only the people running the deployment can fix: a function
 * without an open-API permission, an account that may not use an API. An adapter throws it, like
 * any infrastructure failure; the handler logs `instruction` (English, what to do) once with the
 * request id, and answers the caller with `error` (Chinese) instead of the generic SYS.INTERNAL.
 */
export class PlatformFailure extends Error {
  constructor(
    readonly error: DomainError<ErrorCode>,
    readonly instruction: string,
  ) {
    super(instruction)
    this.name = 'PlatformFailure'
  }
}
