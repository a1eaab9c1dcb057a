import { requestIdReused } from '../../src/domain/shared/common.errors'
import type { Failure, Result } from '../../src/domain/shared/result'
import type { Deps, Repositories, RequestRecord } from './ports'

/** Thrown inside a transaction to undo its writes and return a business failure instead. */
export class Rollback extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error.code)
  }
}

export type RequestKey = { requestId: string; openid: string; fn: string; action: string }

const sameRequest = (prior: RequestRecord, key: RequestKey) =>
  prior.openid === key.openid && prior.fn === key.fn && prior.action === key.action

/**
 * The stored result of a request already carried out, read before any work outside the
 * transaction (such as exchanging a single-use WeChat code) that a retry must not repeat.
 */
export async function priorResult<T>(deps: Deps, key: RequestKey): Promise<Result<T> | null> {
  const prior = await deps.store.read.requests.get(key.requestId)
  if (!prior) return null
  return sameRequest(prior, key) ? (prior.result as Result<T>) : requestIdReused()
}

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
  /** What the request log keeps of a success: the result itself, unless a secret must not be kept. */
  recordAs: (result: Result<T>) => Result<T> = (result) => result,
): Promise<Result<T>> {
  try {
    return await deps.store.transaction(async (tx) => {
      const prior = await tx.requests.get(key.requestId)
      if (prior) {
        if (!sameRequest(prior, key)) throw new Rollback(requestIdReused())
        return prior.result as Result<T>
      }
      const result = await work(tx)
      if (!result.ok) throw new Rollback(result)
      await tx.requests.put({
        ...key,
        result: recordAs(result),
        at: deps.clock.now().toISOString(),
      })
      return result
    })
  } catch (error) {
    if (error instanceof Rollback) return error.failure as Failure
    throw error
  }
}
