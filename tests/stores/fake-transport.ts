import { callRequest } from '@/contracts/define'
import type { ApiError, Envelope } from '@/contracts/error-codes'

/** A promise the test settles by hand, to look at a store while its call is in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

export const success = <T>(data: T): Envelope<T> => ({ ok: true, data })

export const failure = <T = never>(
  code: ApiError['code'],
  fields?: Record<string, string>,
): Envelope<T> => ({
  ok: false,
  error: fields ? { code, message: `失败：${code}`, fields } : { code, message: `失败：${code}` },
})

/** What services/cloud.ts returns when the call never reached a function. */
export const networkDown = <T = never>(): Envelope<T> => failure('NETWORK')

/** Whether the functions' call envelope would accept this request id. */
export const isAcceptedRequestId = (requestId: unknown) =>
  callRequest.safeParse({ action: 'any', requestId }).success
