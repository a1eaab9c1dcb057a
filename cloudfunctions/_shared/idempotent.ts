import { requestIdReused } from '../../src/domain/shared/common.errors'
import type { Failure, Result } from '../../src/domain/shared/result'
import type { Deps, Repositories } from './ports'

/** Thrown inside a transaction to undo its writes and return a business failure instead. */
export class Rollback extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error.code)
  }
}

export type RequestKey = { requestId: string; openid: string; fn: string; action: string }

/**
 * Runs a mutating use case once per client request id (SPEC §5, ARCHITECTURE "atomic and
 * idempotent writes"): the effect and the request record commit in one transaction; a retry of
 * the same id returns the first result and changes nothing; a failure leaves no trace, so the
 * request may be retried after the cause is fixed.
 */
export async function idempotent<T>(
  deps: Deps,
  key: RequestKey,
  work: (tx: Repositories) => Promise<Result<T>>,
): Promise<Result<T>> {
  try {
    return await deps.store.transaction(async (tx) => {
      const prior = await tx.requests.get(key.requestId)
      if (prior) {
        const sameRequest =
          prior.openid === key.openid && prior.fn === key.fn && prior.action === key.action
        if (!sameRequest) throw new Rollback(requestIdReused())
        return prior.result as Result<T>
      }
      const result = await work(tx)
      if (!result.ok) throw new Rollback(result)
      await tx.requests.put({ ...key, result, at: deps.clock.now().toISOString() })
      return result
    })
  } catch (error) {
    if (error instanceof Rollback) return error.failure as Failure
    throw error
  }
}
