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

export const sameRequest = (prior: RequestRecord, key: RequestKey) =>
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
 *
 * The request record is not read first: it is written last, in the same transaction, under the
 * request id, which is unique. A retry of a request that committed therefore fails to write it —
 * the whole transaction is undone — or fails earlier on its own terms (a code already used, a
 * member already registered); either way the record is then read and its first result returned.
 * The record is read only on those paths, not on every request (one round trip fewer).
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
    const prior = await priorResult<T>(deps, key)
    if (prior) return prior
    if (error instanceof Rollback) return error.failure as Failure
    throw error
  }
}
