/**
 * Raw requests to the local host and the checks every refused one must pass: a JSON error
 * envelope with a dotted code and a Chinese message, nothing internal in it, never SYS.INTERNAL.
 */
import { CHINESE } from './hostile-payloads'
import { HUGE_ASCII } from './fuzz-payloads'
import { TEST_DATA_KEY } from './test-deps'

export type RawRequest = { body: string | Uint8Array | undefined; contentType?: string }
export type RawResponse = { status: number; contentType: string; text: string }

/** POST /fn/<fn> with exactly these bytes and this content type, as `cookie`. */
export async function postRaw(
  base: string,
  fn: string,
  cookie: string,
  request: RawRequest,
): Promise<RawResponse> {
  const headers: Record<string, string> = { cookie }
  if (request.contentType) headers['content-type'] = request.contentType
  const body = typeof request.body === 'object' ? new Uint8Array(request.body) : request.body
  const res = await fetch(`${base}/fn/${fn}`, { method: 'POST', headers, body })
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    text: await res.text(),
  }
}

const CODE = /^[A-Z]+\.[A-Z_]+$/
const ENVELOPE_KEYS = new Set(['ok', 'error'])
const ERROR_KEYS = new Set(['code', 'message', 'fields'])
/** What must never reach a caller: stack frames, the data key, paths on this machine. */
const LEAKS = [
  /(\n|\\n)\s+at /,
  /node_modules/,
  new RegExp(process.cwd().replace(/[/\\.]/g, '\\$&')),
]

/** Every way `response` falls short of a proper refusal; empty when it is one. */
export function refusalProblems(response: RawResponse, codes?: readonly string[]): string[] {
  const problems: string[] = []
  if (response.status >= 500) problems.push(`HTTP ${response.status}`)
  if (!response.contentType.startsWith('application/json')) {
    problems.push(`content type ${response.contentType || 'none'}`)
  }
  let body: { ok?: unknown; error?: { code?: unknown; message?: unknown; fields?: unknown } }
  try {
    body = JSON.parse(response.text)
  } catch {
    return [...problems, `not JSON: ${response.text.slice(0, 120)}`]
  }
  if (body === null || typeof body !== 'object') return [...problems, 'not an object']
  const extra = Object.keys(body).filter((k) => !ENVELOPE_KEYS.has(k))
  if (extra.length) problems.push(`envelope keys ${extra.join(',')}`)
  if (body.ok !== false) problems.push('ok is not false')
  const error = body.error ?? {}
  const errorExtra = Object.keys(error).filter((k) => !ERROR_KEYS.has(k))
  if (errorExtra.length) problems.push(`error keys ${errorExtra.join(',')}`)
  const code = String(error.code)
  if (!CODE.test(code)) problems.push(`code ${code}`)
  if (code === 'SYS.INTERNAL') problems.push('SYS.INTERNAL')
  if (codes && !codes.includes(code)) problems.push(`code ${code}, expected ${codes.join('|')}`)
  if (typeof error.message !== 'string' || !CHINESE.test(error.message)) {
    problems.push(`message ${JSON.stringify(error.message)?.slice(0, 80)}`)
  }
  const fields = (error.fields ?? {}) as Record<string, unknown>
  for (const [key, message] of Object.entries(fields)) {
    if (typeof message !== 'string' || !CHINESE.test(message)) {
      problems.push(`field ${key.slice(0, 40)}: ${JSON.stringify(message)?.slice(0, 80)}`)
    }
  }
  if (response.text.includes(TEST_DATA_KEY)) problems.push('data key in body')
  for (const leak of LEAKS) if (leak.test(response.text)) problems.push(`leak ${leak}`)
  return problems
}

/** A JSON body in the shape the host expects, with fields left out when undefined. */
const json = (body: unknown): RawRequest => ({
  body: JSON.stringify(body),
  contentType: 'application/json',
})

/**
 * Spoiled call envelopes for one function: the action missing, unknown, mistyped or huge, the
 * request id malformed, the body not JSON, the wrong content type. `read` and `write` are a
 * read-only and a mutating action of the function, so the envelope, not the action, is at fault.
 */
export function spoiledEnvelopes(read: string, write: string): [string, RawRequest][] {
  const id = 'fuzz-envelope-0001'
  const cases: [string, RawRequest][] = [
    ['an empty object', json({})],
    ['no action', json({ payload: {}, requestId: id })],
    ['an empty action', json({ action: '', payload: {} })],
    ['an action of 65 characters', json({ action: 'a'.repeat(65), payload: {} })],
    ['an action of 100 KB', json({ action: HUGE_ASCII, payload: {} })],
    ['a CJK action over the body limit', json({ action: '王'.repeat(40_000) })],
    ['an unknown action', json({ action: 'dropTables', payload: {} })],
    ['a Chinese action', json({ action: '注册', payload: {} })],
    ['the action in upper case', json({ action: read.toUpperCase(), payload: {} })],
    ['the action with a space', json({ action: `${read} `, payload: {} })],
    ['the action __proto__', json({ action: '__proto__', payload: {} })],
    ['the action constructor', json({ action: 'constructor', payload: {} })],
    ['the action toString', json({ action: 'toString', payload: {} })],
    ['the action hasOwnProperty', json({ action: 'hasOwnProperty', payload: {} })],
    ['a numeric action', json({ action: 42, payload: {} })],
    ['a null action', json({ action: null })],
    ['an array action', json({ action: [read] })],
    ['an object action', json({ action: { $gt: '' } })],
    ['a mutating action without a request id', json({ action: write, payload: {} })],
    ['an empty request id', json({ action: write, payload: {}, requestId: '' })],
    ['a short request id', json({ action: write, payload: {}, requestId: 'short' })],
    ['a request id of 65', json({ action: write, payload: {}, requestId: 'r'.repeat(65) })],
    ['a request id with spaces', json({ action: write, requestId: 'a b c d e f g h' })],
    ['a request id with a path', json({ action: write, requestId: '../../../../etc' })],
    ['a request id with markup', json({ action: write, requestId: 'req-<script>' })],
    ['a request id with CJK', json({ action: write, requestId: '请求编号请求编号请求' })],
    ['a numeric request id', json({ action: read, requestId: 12345678 })],
    ['a null request id', json({ action: read, requestId: null })],
    ['an object request id', json({ action: read, requestId: { $ne: null } })],
    ['an array request id', json({ action: read, requestId: [id] })],
    ['a body that is null', json(null)],
    ['a body that is an array', json([{ action: read }])],
    ['a body that is a string', json(read)],
    ['a body that is a number', json(1)],
    ['a body that is true', json(true)],
    [
      'a body of nested arrays',
      { body: '['.repeat(40_000) + ']'.repeat(40_000), contentType: 'application/json' },
    ],
    [
      'a body of nested objects',
      { body: '{"a":'.repeat(15_000) + '1' + '}'.repeat(15_000), contentType: 'application/json' },
    ],
    ['a cut-off JSON body', { body: '{"action":', contentType: 'application/json' }],
    ['a body that is not JSON', { body: 'not json', contentType: 'application/json' }],
    ['an empty JSON body', { body: '', contentType: 'application/json' }],
    [
      'a JSON body with __proto__',
      { body: `{"action":"${read}","__proto__":{"x":1}}`, contentType: 'application/json' },
    ],
    [
      'a payload with __proto__',
      {
        body: `{"action":"${read}","payload":{"__proto__":{"x":1}}}`,
        contentType: 'application/json',
      },
    ],
    [
      'a payload with constructor.prototype',
      {
        body: `{"action":"${read}","payload":{"constructor":{"prototype":{"x":1}}}}`,
        contentType: 'application/json',
      },
    ],
    [
      'duplicate keys',
      { body: `{"action":"${read}","action":"nope"}`, contentType: 'application/json' },
    ],
    [
      'bytes that are not UTF-8',
      { body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), contentType: 'application/json' },
    ],
    [
      'a UTF-16 body',
      {
        body: Buffer.from(JSON.stringify({ action: read }), 'utf16le'),
        contentType: 'application/json; charset=utf-16',
      },
    ],
    ['a plain-text body', { body: JSON.stringify({ action: read }), contentType: 'text/plain' }],
    ['an XML body', { body: `<call action="${read}"/>`, contentType: 'application/xml' }],
    ['a binary body', { body: Buffer.from([0, 1, 2, 3]), contentType: 'application/octet-stream' }],
    [
      'a multipart body',
      { body: '--b\r\n\r\nx\r\n--b--', contentType: 'multipart/form-data; boundary=b' },
    ],
    [
      'a form without an action',
      { body: 'payload=x', contentType: 'application/x-www-form-urlencoded' },
    ],
    [
      'a form with an unknown action',
      { body: 'action=nope', contentType: 'application/x-www-form-urlencoded' },
    ],
    ['no body and no content type', { body: undefined }],
    ['a content type with no body', { body: undefined, contentType: 'application/json' }],
  ]
  return cases
}

/** A response to a payload the schema accepted: any success, or a proper refusal. */
export function answerProblems(response: RawResponse): string[] {
  try {
    if ((JSON.parse(response.text) as { ok?: unknown }).ok === true && response.status === 200) {
      return []
    }
  } catch {
    // Not JSON: refusalProblems says so.
  }
  return refusalProblems(response)
}

export type LabelledRequest = { label: string; send: () => Promise<RawResponse> }

/**
 * Sends each request, a few in flight at a time (enough to keep the host busy), and lists every
 * answer `check` finds fault with, labelled and with the line that replays the run.
 */
export async function problemsOf(
  requests: readonly LabelledRequest[],
  check: (response: RawResponse) => string[],
  replay: string,
  inFlight = 8,
): Promise<string[]> {
  const failures: string[] = []
  let next = 0
  const worker = async () => {
    while (next < requests.length) {
      const { label, send } = requests[next++]!
      const problems = check(await send())
      if (problems.length) failures.push(`${label} (${replay}): ${problems.join('; ')}`)
    }
  }
  await Promise.all(Array.from({ length: inFlight }, worker))
  return failures
}
