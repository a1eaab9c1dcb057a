/** A client request id for a mutating call; the same id on a retry means "the same request". */
export function newRequestId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`
}
