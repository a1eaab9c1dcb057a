/**
 * A small interpreter of the MongoDB-style aggregation pipelines the CloudBase report repositories
 * send with `collection.aggregate(pipeline)`, for the offline node-sdk stand-in. It knows only the
 * stages and operators those pipelines use — `$match` (equality, `$gt`, `$gte`, `$lt`, `$lte`,
 * `$ne`, `$in`, `$nin`), `$project`, `$group` with `$sum`, `$sort`, `$limit`, and the expressions
 * `'$field'`, `$dateFromString` and `$dateToString` (formats of `%Y`, `%m`, `%d`, any IANA time
 * zone) — and throws on anything else, so a pipeline outgrowing it is noticed, not misread.
 */
type Doc = Record<string, unknown>

const valueAt = (doc: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === 'object' ? (value as Doc)[key] : undefined,
      doc,
    )

/** MongoDB compares values of one type; a missing or null value sorts first. */
const compare = (a: unknown, b: unknown) => {
  if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1
  return a === b ? 0 : (a as string) < (b as string) ? -1 : 1
}
const sameType = (a: unknown, b: unknown) => a != null && typeof a === typeof b

function holds(actual: unknown, op: string, operand: unknown): boolean {
  switch (op) {
    case '$gt':
      return sameType(actual, operand) && compare(actual, operand) > 0
    case '$gte':
      return sameType(actual, operand) && compare(actual, operand) >= 0
    case '$lt':
      return sameType(actual, operand) && compare(actual, operand) < 0
    case '$lte':
      return sameType(actual, operand) && compare(actual, operand) <= 0
    case '$ne':
      return operand === null ? actual != null : actual !== operand
    case '$in':
      return (operand as unknown[]).includes(actual ?? null)
    case '$nin':
      return !(operand as unknown[]).includes(actual ?? null)
    default:
      throw new Error(`memory aggregate: unsupported query operator ${op}`)
  }
}

const isOperatorObject = (value: unknown): value is Doc =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  Object.keys(value).every((k) => k.startsWith('$'))

function matches(doc: Doc, query: Doc): boolean {
  return Object.entries(query).every(([path, wanted]) => {
    const actual = valueAt(doc, path)
    if (isOperatorObject(wanted)) {
      return Object.entries(wanted).every(([op, operand]) => holds(actual, op, operand))
    }
    return wanted === null ? actual == null : actual === wanted
  })
}

function formatDate(date: Date, format: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  )
  return format.replace(/%([Ymd])/g, (_, spec: string) => {
    if (spec === 'Y') return parts.year!
    if (spec === 'm') return parts.month!
    return parts.day!
  })
}

function evaluate(doc: Doc, expression: unknown): unknown {
  if (typeof expression === 'string' && expression.startsWith('$')) {
    return valueAt(doc, expression.slice(1))
  }
  if (isOperatorObject(expression)) {
    const [[op, args]] = Object.entries(expression) as [[string, Doc]]
    if (op === '$dateFromString') {
      const text = evaluate(doc, args.dateString)
      return typeof text === 'string' ? new Date(text) : null
    }
    if (op === '$dateToString') {
      const date = evaluate(doc, args.date)
      if (!(date instanceof Date)) return null
      return formatDate(date, args.format as string, (args.timezone as string) ?? 'UTC')
    }
    throw new Error(`memory aggregate: unsupported expression ${op}`)
  }
  if (expression !== null && typeof expression === 'object' && !Array.isArray(expression)) {
    return Object.fromEntries(
      Object.entries(expression as Doc).map(([k, v]) => [k, evaluate(doc, v)]),
    )
  }
  return expression
}

function project(docs: Doc[], spec: Doc): Doc[] {
  return docs.map((doc) => {
    const out: Doc = { _id: doc._id }
    for (const [field, value] of Object.entries(spec)) {
      if (value === 0 || value === false) {
        delete out[field]
        continue
      }
      out[field] = value === 1 || value === true ? doc[field] : evaluate(doc, value)
    }
    return out
  })
}

function group(docs: Doc[], spec: Doc): Doc[] {
  const { _id: key, ...accumulators } = spec
  const groups = new Map<string, Doc>()
  for (const doc of docs) {
    const id = evaluate(doc, key) ?? null
    const tag = JSON.stringify(id)
    let out = groups.get(tag)
    if (!out) {
      out = { _id: id }
      for (const field of Object.keys(accumulators)) out[field] = 0
      groups.set(tag, out)
    }
    for (const [field, accumulator] of Object.entries(accumulators)) {
      const { $sum, ...rest } = accumulator as Doc
      if (Object.keys(rest).length || $sum === undefined) {
        throw new Error(`memory aggregate: unsupported accumulator ${JSON.stringify(accumulator)}`)
      }
      const value = evaluate(doc, $sum)
      out[field] = (out[field] as number) + (typeof value === 'number' ? value : 0)
    }
  }
  return [...groups.values()]
}

function sort(docs: Doc[], spec: Doc): Doc[] {
  return [...docs].sort((a, b) => {
    for (const [path, direction] of Object.entries(spec)) {
      const order = compare(valueAt(a, path), valueAt(b, path))
      if (order !== 0) return direction === -1 ? -order : order
    }
    return 0
  })
}

/** Runs `pipeline` over the documents of a collection, as CloudBase's aggregate would. */
export function runPipeline(pipeline: readonly Doc[], docs: readonly Doc[]): Doc[] {
  let rows = docs.map((d) => structuredClone(d))
  for (const stage of pipeline) {
    const [[name, spec]] = Object.entries(stage) as [[string, unknown]]
    switch (name) {
      case '$match':
        rows = rows.filter((doc) => matches(doc, spec as Doc))
        break
      case '$project':
        rows = project(rows, spec as Doc)
        break
      case '$group':
        rows = group(rows, spec as Doc)
        break
      case '$sort':
        rows = sort(rows, spec as Doc)
        break
      case '$limit':
        rows = rows.slice(0, spec as number)
        break
      default:
        throw new Error(`memory aggregate: unsupported stage ${name}`)
    }
  }
  return rows
}
