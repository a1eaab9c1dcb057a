/** A cloud function's `main` as CloudBase calls it: the event, and SCF's context. */
export type CloudMain = (event: unknown, context?: object) => Promise<unknown>
export type Envelope = { ok: boolean; data?: unknown; error?: { code: string } }

const PER_CALL = ['WX_CONTEXT_KEYS', 'WX_OPENID', 'WX_APPID', 'TRIGGER_SRC']

/**
 * One invocation as CloudBase makes it: the per-call variables in the process — WX_OPENID and
 * WX_APPID for a mini-program user, named in WX_CONTEXT_KEYS, which is how node-sdk finds them
 * (node-sdk test/auth sets them so); TRIGGER_SRC=timer when a timer fired — and in SCF's
 * `context.environ`. They are gone again after the call, as between invocations.
 */
export async function invokeAsCloudbase(
  main: CloudMain,
  event: unknown,
  call: { openid?: string; timer?: boolean } = {},
): Promise<Envelope> {
  const variables: Record<string, string> = {}
  if (call.openid) {
    Object.assign(variables, {
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
      WX_OPENID: call.openid,
      WX_APPID: 'wx-double-app',
    })
  }
  if (call.timer) variables.TRIGGER_SRC = 'timer'
  for (const key of PER_CALL) delete process.env[key]
  Object.assign(process.env, variables)
  const context = {
    request_id: `scf-${Date.now()}`,
    time_limit_in_ms: 60_000,
    environ: Object.entries(variables)
      .map(([key, value]) => `${key}=${value}`)
      .join(';'),
  }
  try {
    return (await main(event, context)) as Envelope
  } finally {
    for (const key of PER_CALL) delete process.env[key]
  }
}

/** SCF's timer event (trigger event structures): capital `Timer`, the trigger's name, the time. */
export const timerEvent = (name: string, time = '2026-12-07T18:00:00Z') => ({
  Type: 'Timer',
  TriggerName: name,
  Time: time,
  Message: '',
})
