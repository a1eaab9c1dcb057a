import type { CloudbaseDatabaseDouble } from './database-double'

/* eslint-disable @typescript-eslint/no-var-requires */
// node-sdk's own modules: the class it installs as `Db.reqClass` for every database call, and the
// function its HTTP requester hands each answer to (a body with `code` is thrown as a TcbError).
const { TcbDBApiHttpRequester } = require('@cloudbase/node-sdk/dist/utils/tcbdbapirequester') as {
  TcbDBApiHttpRequester: { prototype: { send: SendFn } }
}
const { processReturn } = require('@cloudbase/node-sdk/dist/utils/utils') as {
  processReturn: (result: unknown) => unknown
}
/* eslint-enable @typescript-eslint/no-var-requires */

type SendFn = (this: { config: Record<string, unknown> }, api: string, data?: object) => unknown

/** The environment id the function process runs in (`SYMBOL_CURRENT_ENV` resolves to it). */
export const DOUBLE_ENV_ID = 'club-double-1a2b3c'

/**
 * The variables CloudBase sets in every function's process (SCF): without them node-sdk looks for
 * Tencent Cloud's metadata service on the network to learn where it runs.
 */
export const FUNCTION_PROCESS_ENV = {
  TENCENTCLOUD_RUNENV: 'SCF',
  TENCENTCLOUD_REGION: 'ap-shanghai',
  SCF_NAMESPACE: DOUBLE_ENV_ID,
  TCB_ENV: DOUBLE_ENV_ID,
  TENCENTCLOUD_SECRETID: 'AKIDdouble',
  TENCENTCLOUD_SECRETKEY: 'double-secret-key',
  TENCENTCLOUD_SESSIONTOKEN: 'double-session-token',
}

/** The doubles in place, by the environment id a database was opened on. */
const doubles = new Map<string, CloudbaseDatabaseDouble>()
/** The requester classes patched (node-sdk's, and a built function's bundled copy), and their own `send`. */
const patched = new Map<{ prototype: { send: SendFn } }, SendFn>()
let savedEnv: Record<string, string | undefined> = {}

/** A node-sdk's database requester class: node_modules' own, or a bundled copy's. */
export type DatabaseRequester = { prototype: { send: SendFn } }

/** The environment a request goes to, as node-sdk resolves it (`SYMBOL_CURRENT_ENV` → TCB_ENV). */
function envOf(config: Record<string, unknown>): string {
  const env = config.envName
  return typeof env === 'string' ? env : (process.env.TCB_ENV ?? '')
}

/**
 * Puts `double` under the real `@cloudbase/node-sdk` for environment `envId`: every database
 * request node-sdk makes goes through `TcbDBApiHttpRequester.prototype.send` (node-sdk sets that
 * class as `Db.reqClass`), which builds `{...params, action}` and posts it. Here the same params,
 * JSON-encoded as on the wire, reach the double instead, and its JSON answer goes back through
 * node-sdk's `processReturn`, so a body with a `code` is thrown as the SDK throws it. The process
 * also gets a function's environment variables. `requesters` are the classes to patch: node-sdk's
 * own by default; a built function's bundled node-sdk names its copy (`databaseRequester` of
 * its node-sdk.js, scripts/build-functions.ts). Returns the function that undoes it.
 */
export function installDatabaseDouble(
  double: CloudbaseDatabaseDouble,
  envId: string = DOUBLE_ENV_ID,
  requesters: DatabaseRequester[] = [TcbDBApiHttpRequester],
): () => void {
  if (doubles.has(envId)) throw new Error(`a double already serves environment ${envId}`)
  if (doubles.size === 0) setFunctionEnv()
  for (const requester of requesters) patch(requester)
  doubles.set(envId, double)
  return () => {
    doubles.delete(envId)
    if (doubles.size === 0) {
      for (const [requester, send] of patched) requester.prototype.send = send
      patched.clear()
      restoreEnv()
    }
  }
}

function setFunctionEnv() {
  savedEnv = Object.fromEntries(
    Object.keys(FUNCTION_PROCESS_ENV).map((key) => [key, process.env[key]]),
  )
  Object.assign(process.env, FUNCTION_PROCESS_ENV)
}

function restoreEnv() {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
}

function patch(requester: DatabaseRequester) {
  if (patched.has(requester)) return
  const proto = requester.prototype
  patched.set(requester, proto.send)
  proto.send = async function send(api: string, data?: object) {
    const env = envOf(this.config)
    const double = doubles.get(env)
    if (!double) throw new Error(`no CloudBase double serves environment "${env}"`)
    const params = JSON.parse(JSON.stringify({ ...data, action: api })) as Record<string, unknown>
    const { action, ...rest } = params
    const answer = JSON.parse(JSON.stringify(await double.handle(action as string, rest)))
    return answer?.code ? processReturn(answer) : answer
  }
}
