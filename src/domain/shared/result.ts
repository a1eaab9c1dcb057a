/** A domain error: a namespaced code, a fallback message and optional per-field messages. */
export type DomainError<C extends string = string> = {
  code: C
  message: string
  fields?: Record<string, string>
}

/** The outcome of anything that can fail for a business reason; plain data so it crosses callFunction. */
export type Result<T, C extends string = string> =
  { ok: true; data: T } | { ok: false; error: DomainError<C> }

export type Failure<C extends string = string> = { ok: false; error: DomainError<C> }

export function ok<T>(data: T): { ok: true; data: T } {
  return { ok: true, data }
}

export function fail<C extends string>(
  code: C,
  message: string,
  fields?: Record<string, string>,
): Failure<C> {
  return fields
    ? { ok: false, error: { code, message, fields } }
    : { ok: false, error: { code, message } }
}
