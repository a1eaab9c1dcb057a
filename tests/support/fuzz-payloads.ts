/**
 * A seeded, reproducible generator of hostile payloads: wrong types, missing and extra fields, huge
 * strings, odd unicode, odd numbers, deep nesting and injection strings, spoiling a valid payload
 * anywhere in its tree. One seed gives the same payloads on every machine.
 */

/** mulberry32: a tiny 32-bit PRNG, good enough to spread cases and cheap to reproduce. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export type Rng = {
  int(below: number): number
  pick<T>(items: readonly T[]): T
  chance(p: number): boolean
}

export function rngOf(seed: number): Rng {
  const next = mulberry32(seed)
  const int = (below: number) => Math.floor(next() * below)
  return { int, pick: (items) => items[int(items.length)]!, chance: (p) => next() < p }
}

/** A stable 32-bit hash of a label (FNV-1a), so each action draws from its own stream. */
export function seedFor(seed: number, label: string): number {
  let h = 0x811c9dc5 ^ seed
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** Over the host's 100 KB body limit on its own: the request must be refused before parsing. */
export const HUGE_ASCII = 'x'.repeat(100 * 1024 + 1)
/** 34,000 CJK characters: under the limit in characters, over it in UTF-8 bytes. */
export const HUGE_CJK = '王'.repeat(34_000)

const UNICODE = [
  '👍🏻🇨🇳👨‍👩‍👧',
  '\u202Eevil\u202C',
  'abc\u200B\u200C\u200D\uFEFF',
  '中文名称測試',
  'ｆｕｌｌ　ｗｉｄｔｈ',
  '\uD800',
  '\uDFFFtail',
  'nul\u0000byte',
  'line\nbreak\r\ttab',
  'é'.normalize('NFD'),
  '\u0000',
  ' ',
]

const INJECTIONS: unknown[] = [
  "'; DROP TABLE members; --",
  "1' OR '1'='1",
  '" OR ""="',
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(1000)' },
  { $regex: '.*' },
  '${process.env.CLUB_DATA_KEY}',
  '{{constructor.constructor("return process")()}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '__proto__',
  'constructor',
  'toString',
  '%s%s%s%n',
]

const NUMBERS: unknown[] = [
  -1,
  -0,
  0,
  1.5,
  -1.5,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_SAFE_INTEGER + 1,
  -Number.MAX_SAFE_INTEGER - 2,
  2 ** 31,
  NaN,
  Infinity,
  -Infinity,
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '0x10',
  ' 1 ',
  '1',
  '-0',
]

const TYPES: unknown[] = [null, true, false, 0, 1, '', 'text', [], {}, [null], [{}]]

/** `depth` levels of arrays or objects around `inner`. */
function nested(depth: number, asObject: boolean, inner: unknown = null): unknown {
  let value = inner
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value]
  return value
}

/** An object whose own key is `key`, even `__proto__` (which a literal would make the prototype). */
function withOwnKey(base: Record<string, unknown>, key: string, value: unknown) {
  const copy = { ...base }
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true })
  return copy
}

const EXTRA_KEYS = [
  'openid',
  'unionid',
  'memberId',
  'role',
  'system',
  '__proto__',
  'constructor',
  'prototype',
  '$where',
  'status',
  'x'.repeat(300),
  '',
  '中文键',
]

/** One hostile value of any kind. */
export function hostileValue(rng: Rng): unknown {
  switch (rng.int(9)) {
    case 0:
      return rng.pick(TYPES)
    case 1:
      return rng.chance(0.5) ? rng.pick(UNICODE) : rng.pick(ODD_DATES)
    case 2:
      return rng.pick(INJECTIONS)
    case 3:
      return rng.pick(NUMBERS)
    case 4:
      return nested(1 + rng.int(rng.chance(0.2) ? 3000 : 20), rng.chance(0.5))
    case 5:
      // Rare: every such body costs the host 100 KB+ to read and refuse.
      return rng.chance(0.15) ? rng.pick([HUGE_ASCII, HUGE_CJK]) : 'y'.repeat(65 + rng.int(3000))
    case 6:
      return { __proto__: null, polluted: true, toString: 'x' }
    case 7:
      return withOwnKey({}, '__proto__', { polluted: true })
    default:
      return Array.from({ length: rng.int(80) }, () => rng.pick(TYPES))
  }
}

/** Dates a loose pattern lets through that no calendar has, or that overflow a Date. */
const ODD_DATES = [
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '0000-01-01',
  '9999-12-31',
  '2026-05-10T25:61:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '2026-05-10T02:00:00.000+99:00',
  '1970-01-01T00:00:00.000Z',
  '2026-5-1',
]

/** What a single part of a dotted, dashed or comma-separated string may be swapped for. */
const SEGMENTS = ['', '0', '-1', '00', '99', '9'.repeat(30), '1e308', 'NaN', '0x1F', '１', '٣', ' ']

/** `valid` with one of its parts (between `.`, `,`, `:`, `-`, `T`, spaces, line breaks) swapped. */
function segmentMiss(rng: Rng, valid: string): string {
  const parts = valid.split(/([.,:\-T\n ])/)
  parts[2 * rng.int(Math.ceil(parts.length / 2))] = rng.pick(SEGMENTS)
  return parts.join('')
}

/** A value close to a valid one: the same kind, just over an edge, or wrapped. */
function nearMiss(rng: Rng, valid: unknown): unknown {
  if (typeof valid === 'string') {
    if (rng.chance(0.3)) return segmentMiss(rng, valid)
    if (/^\d{4}-\d{2}-\d{2}/.test(valid) && rng.chance(0.5)) return rng.pick(ODD_DATES)
    return rng.pick([
      '',
      ` ${valid}`,
      `${valid} `,
      valid.toUpperCase(),
      valid + 'z'.repeat(1 + rng.int(2100)),
      valid + rng.pick(UNICODE),
      rng.pick(UNICODE) + valid,
      valid.slice(0, rng.int(valid.length + 1)),
      Number(valid),
      [valid],
      { value: valid },
    ])
  }
  if (typeof valid === 'number') {
    return rng.pick([
      -valid,
      valid + 0.5,
      valid * 1e6,
      -valid - 1,
      String(valid),
      valid - 1,
      valid + 1,
      [valid],
    ])
  }
  if (typeof valid === 'boolean') return rng.pick(['true', 'false', 1, 0, [valid]])
  if (Array.isArray(valid)) {
    return rng.pick([
      [...valid, hostileValue(rng)],
      Array.from({ length: 11 + rng.int(200) }, () => valid[0] ?? hostileValue(rng)),
      valid[0] ?? 'single',
      [valid],
      { 0: valid[0] ?? null, length: 1 },
    ])
  }
  return hostileValue(rng)
}

type Json = Record<string, unknown> | unknown[]

/**
 * Every path to a value inside `root` (object keys and array indices), the root included, down to
 * a few levels: a payload already spoiled with deep nesting would otherwise cost n² paths.
 */
function pathsOf(root: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths = [prefix]
  if (prefix.length >= 6) return paths
  if (Array.isArray(root)) root.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])))
  else if (root && typeof root === 'object')
    for (const [key, item] of Object.entries(root)) paths.push(...pathsOf(item, [...prefix, key]))
  return paths
}

/** `root` with the value at `path` changed by `edit` (undefined drops it); the rest shared. */
function edited(
  root: unknown,
  path: (string | number)[],
  edit: (value: unknown) => unknown,
): unknown {
  if (path.length === 0) return edit(root)
  const [head, ...rest] = path
  if (Array.isArray(root)) {
    const copy = [...root]
    const next = edited(copy[head as number], rest, edit)
    if (next === undefined && rest.length === 0) copy.splice(head as number, 1)
    else copy[head as number] = next
    return copy
  }
  const copy = { ...(root as Record<string, unknown>) }
  const next = edited(copy[head as string], rest, edit)
  if (next === undefined && rest.length === 0) delete copy[head as string]
  else copy[head as string] = next
  return copy
}

/**
 * One spoiled form of `valid`: a value somewhere in it replaced by a hostile or near-miss value,
 * fields dropped, extra fields added (top level or nested), known-but-unset fields given wrong
 * values, or the whole payload replaced by something that is not an object.
 */
export function spoilOnce(rng: Rng, valid: Json, knownKeys: readonly string[]): unknown {
  const paths = pathsOf(valid)
  const inner = paths.filter((p) => p.length > 0)
  switch (rng.int(8)) {
    case 0:
    case 1: {
      const path = rng.pick(inner.length ? inner : paths)
      return edited(valid, path, (v) => (rng.chance(0.5) ? nearMiss(rng, v) : hostileValue(rng)))
    }
    case 2: {
      let payload: unknown = valid
      for (let i = 1 + rng.int(3); i > 0; i--) {
        const path = rng.pick(
          pathsOf(payload)
            .filter((p) => p.length > 0)
            .concat([[]]),
        )
        payload = edited(payload, path, () => (path.length ? undefined : hostileValue(rng)))
      }
      return payload
    }
    case 3: {
      const objects = paths.filter((p) => {
        const at = p.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], valid)
        return at !== null && typeof at === 'object' && !Array.isArray(at)
      })
      const key = rng.pick(EXTRA_KEYS)
      return edited(valid, rng.pick(objects.length ? objects : [[]]), (v) =>
        withOwnKey((v ?? {}) as Record<string, unknown>, key, hostileValue(rng)),
      )
    }
    case 4:
      return knownKeys.length
        ? { ...valid, [rng.pick(knownKeys)]: hostileValue(rng) }
        : withOwnKey(valid as Record<string, unknown>, rng.pick(EXTRA_KEYS), hostileValue(rng))
    case 5:
      return rng.pick<unknown>([
        'payload',
        HUGE_ASCII,
        42,
        -0,
        true,
        [valid],
        [],
        nested(500, false),
        rng.pick(UNICODE),
        rng.pick(INJECTIONS),
      ])
    case 6: {
      let payload: unknown = valid
      for (let i = 2 + rng.int(3); i > 0; i--) {
        // A payload already turned into a huge string would spread into 100,000 keys.
        if (payload === null || typeof payload !== 'object') break
        payload = spoilOnce(rng, payload as Json, knownKeys)
      }
      return payload
    }
    default: {
      const wrong = Object.fromEntries(knownKeys.map((k) => [k, hostileValue(rng)]))
      return { ...valid, ...wrong }
    }
  }
}

/** What the host receives: the JSON text of the payload read back (NaN → null, -0 → 0 …). */
export const overTheWire = (payload: unknown): unknown =>
  payload === undefined ? undefined : JSON.parse(JSON.stringify(payload))

type Schema = { safeParse(value: unknown): { success: boolean } }

/**
 * `count` spoiled payloads the schema refuses (or, with `accepted`, lets through), as the host
 * will read them. The handler treats a missing payload as `{}`, so that is what the schema is
 * asked about too. Gives up after `tries` a payload: a strict schema lets little through.
 */
export function spoiledPayloads(
  rng: Rng,
  valid: Json,
  schema: Schema,
  knownKeys: readonly string[],
  count: number,
  accepted = false,
  triesEach = 50,
): { count: number; tries: number; payloads: unknown[] } {
  const payloads: unknown[] = []
  let tries = 0
  while (payloads.length < count && tries < count * triesEach) {
    tries++
    const payload = spoilOnce(rng, valid, knownKeys)
    if (schema.safeParse(overTheWire(payload) ?? {}).success === accepted) payloads.push(payload)
  }
  return { count: payloads.length, tries, payloads }
}

/** The keys of an object schema, looking through wrappers (refinements, pipes, defaults). */
export function keysOfSchema(schema: unknown): string[] {
  let current = schema as { shape?: Record<string, unknown>; def?: Record<string, unknown> }
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current.shape) return Object.keys(current.shape)
    const def = current.def ?? {}
    current = (def.in ?? def.innerType ?? def.schema) as typeof current
  }
  return []
}
