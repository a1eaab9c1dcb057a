import type { CloudbaseDatabaseDouble } from './database-double'

/** A request of the wire: `insertDocument` on `event_signups`, … */
export type WireStep = { action: string; collection: string }

/**
 * The function stops just before it sends `at`: that request fails as never sent (the SDK throws),
 * and with `gone` every request after it too, until `resume` — the process is gone, and a retry
 * is another instance's. Without `gone` only that one request fails (a failed write the function
 * answered as an error). Returns `resume`, which puts the double back as it was.
 */
export function stopTheFunctionAt(
  double: CloudbaseDatabaseDouble,
  at: WireStep,
  { gone = false }: { gone?: boolean } = {},
): () => void {
  const handle = double.handle.bind(double)
  let stopped = false
  const spy = jest.spyOn(double, 'handle').mockImplementation(async (action, params) => {
    const here = action === `database.${at.action}` && params?.collectionName === at.collection
    if (here || stopped) {
      if (gone) stopped = true
      else spy.mockRestore()
      throw new Error('the function stopped here')
    }
    return handle(action, params)
  })
  return () => spy.mockRestore()
}
