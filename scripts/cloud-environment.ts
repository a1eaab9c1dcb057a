/**
 * The setup and check of a CloudBase environment's database (docs/deploy.md §4–5), shared by
 * `npm run cloud:setup` and `npm run cloud:check`. The expected state is cloudbase-schema.ts; the
 * actual one is read through @cloudbase/manager-node:
 * - collections: `database.listCollections` (ListTables), `database.createCollection` (CreateTable);
 * - indexes: `database.describeCollection` (DescribeTable) and `database.updateCollection` with
 *   `CreateIndexes` / `DropIndexes` (UpdateTable);
 * - security rule: `commonService('tcb').call` with DescribeSafeRule / ModifySafeRule;
 * - cloud storage's permission: `storage.getStorageAcl` / `setStorageAcl` (DescribeStorageSafeRule /
 *   ModifyStorageSafeRule).
 * The comparison in the middle (`compareEnvironment`, `planEnvironment`, `checkEnvironment`) is pure.
 */
import CloudBase from '@cloudbase/manager-node'
import {
  CLOUDBASE_COLLECTIONS,
  COLLECTION_SECURITY_RULE,
  STORAGE_ACL,
  type AclTag,
  type CollectionRule,
  type CollectionSpec,
  type IndexSpec,
} from '../cloudfunctions/_shared/adapters/cloudbase/cloudbase-schema'

export type Expected = { collections: CollectionSpec[]; rule: CollectionRule; storageAcl: AclTag }
export const EXPECTED: Expected = {
  collections: CLOUDBASE_COLLECTIONS,
  rule: COLLECTION_SECURITY_RULE,
  storageAcl: STORAGE_ACL,
}

/** An index as DescribeTable reports it; a direction may be other than ±1 (`2d`). */
export type ActualIndex = {
  name: string
  keys: { field: string; direction: number | string }[]
  unique: boolean
}
export type ActualCollection = { name: string; indexes: ActualIndex[]; rule: CollectionRule }
/**
 * What an environment holds: the schema's collections in detail, the names of the others, and
 * cloud storage's permission.
 */
export type ActualEnvironment = {
  collections: ActualCollection[]
  others: string[]
  storageAcl: AclTag
}

export type Step =
  | { kind: 'createCollection'; collection: string }
  | { kind: 'dropIndex'; collection: string; index: string }
  | { kind: 'createIndex'; collection: string; index: IndexSpec }
  | { kind: 'setRule'; collection: string; rule: CollectionRule }
  | { kind: 'setStorageAcl'; acl: AclTag }

/**
 * One way the environment differs from the schema, and the steps that make it match; `collection`
 * is `(storage)` for cloud storage.
 */
export type Difference = { collection: string; message: string; fix: Step[] }
export type Comparison = { differences: Difference[]; notes: string[] }

/** The `collection` of a Difference about cloud storage rather than a collection. */
const STORAGE = '(storage)'

/** MongoDB's own index on `_id`, present in every collection and never ours to manage. */
const ID_INDEX = '_id_'

type Keyed = { keys: { field: string; direction: number | string }[] }
const sameKeys = (a: Keyed, b: Keyed) =>
  a.keys.length === b.keys.length &&
  a.keys.every(
    (k, i) => k.field === b.keys[i]!.field && String(k.direction) === String(b.keys[i]!.direction),
  )
const keysText = (index: Keyed) =>
  `(${index.keys
    .map(({ field, direction }) =>
      String(direction) === '1'
        ? field
        : `${field} ${String(direction) === '-1' ? 'desc' : direction}`,
    )
    .join(', ')})`
const shapeText = (index: Keyed & { unique: boolean }) =>
  `${keysText(index)}, ${index.unique ? 'unique' : 'not unique'}`

/** A custom rule's JSON compared without its layout; the simple permissions have no rule text. */
const ruleBody = (rule: CollectionRule) => {
  if (rule.aclTag !== 'CUSTOM') return ''
  try {
    return JSON.stringify(JSON.parse(rule.rule ?? ''))
  } catch {
    return rule.rule ?? ''
  }
}
const sameRule = (a: CollectionRule, b: CollectionRule) =>
  a.aclTag === b.aclTag && ruleBody(a) === ruleBody(b)
export const ruleText = (rule: CollectionRule) =>
  rule.aclTag === 'CUSTOM' ? `CUSTOM ${rule.rule ?? '(no rule)'}` : rule.aclTag

/**
 * The schema's indexes against a collection's: an index matches by keys and uniqueness, under our
 * name or another (then it is noted and kept). An index of our name or of our keys with another
 * shape is dropped and ours created in its place; MongoDB keeps one index per key pattern, so ours
 * could not be created beside it. Indexes the schema does not name are noted and left alone.
 */
function compareIndexes(spec: CollectionSpec, actual: ActualIndex[], notes: string[]) {
  const where = spec.name
  const differences: Difference[] = []
  const accounted = new Set([ID_INDEX])
  for (const want of spec.indexes) {
    const candidates = actual.filter((i) => i.name === want.name || sameKeys(i, want))
    candidates.forEach((i) => accounted.add(i.name))
    const create: Step = { kind: 'createIndex', collection: where, index: want }
    const match =
      candidates.find(
        (i) => i.name === want.name && sameKeys(i, want) && i.unique === want.unique,
      ) ?? candidates.find((i) => sameKeys(i, want) && i.unique === want.unique)
    if (match) {
      if (match.name !== want.name) {
        notes.push(`${where}: index ${match.name} serves as ${want.name} (same keys); kept`)
      }
      const misnamed = candidates.find((i) => i.name === want.name && i !== match)
      if (misnamed) {
        differences.push({
          collection: where,
          message: `${where}: index ${want.name} is ${shapeText(misnamed)}; expected ${shapeText(want)}, which ${match.name} already is`,
          fix: [{ kind: 'dropIndex', collection: where, index: want.name }],
        })
      }
      continue
    }
    if (candidates.length === 0) {
      differences.push({
        collection: where,
        message: `${where}: missing index ${want.name} ${shapeText(want)}`,
        fix: [create],
      })
      continue
    }
    differences.push({
      collection: where,
      message: `${where}: ${candidates
        .map((i) => `index ${i.name} is ${shapeText(i)}`)
        .join('; ')}; expected index ${want.name} ${shapeText(want)}`,
      fix: [
        ...candidates.map((i): Step => ({ kind: 'dropIndex', collection: where, index: i.name })),
        create,
      ],
    })
  }
  for (const extra of actual.filter((i) => !accounted.has(i.name))) {
    notes.push(`${where}: index ${extra.name} ${shapeText(extra)} is not in the schema; left alone`)
  }
  return differences
}

/** Every way `actual` differs from `expected`, each with its fix, and what is merely noted. */
export function compareEnvironment(
  actual: ActualEnvironment,
  expected: Expected = EXPECTED,
): Comparison {
  const differences: Difference[] = []
  const notes: string[] = []
  for (const spec of expected.collections) {
    const found = actual.collections.find((c) => c.name === spec.name)
    const setRule: Step = { kind: 'setRule', collection: spec.name, rule: expected.rule }
    if (!found) {
      differences.push({
        collection: spec.name,
        message: `missing collection ${spec.name}`,
        fix: [
          { kind: 'createCollection', collection: spec.name },
          ...spec.indexes.map((index): Step => ({
            kind: 'createIndex',
            collection: spec.name,
            index,
          })),
          setRule,
        ],
      })
      continue
    }
    differences.push(...compareIndexes(spec, found.indexes, notes))
    if (!sameRule(found.rule, expected.rule)) {
      differences.push({
        collection: spec.name,
        message: `${spec.name}: security rule is ${ruleText(found.rule)}; expected ${ruleText(expected.rule)}`,
        fix: [setRule],
      })
    }
  }
  if (actual.storageAcl !== expected.storageAcl) {
    differences.push({
      collection: STORAGE,
      message: `cloud storage permission is ${actual.storageAcl}; expected ${expected.storageAcl}`,
      fix: [{ kind: 'setStorageAcl', acl: expected.storageAcl }],
    })
  }
  for (const name of actual.others) {
    notes.push(`collection ${name} is not in the schema; left alone`)
  }
  return { differences, notes }
}

/** The fixes in order, each drop once (an index may stand in the way of two of ours). */
const stepsOf = ({ differences }: Comparison) => {
  const dropped = new Set<string>()
  return differences
    .flatMap((d) => d.fix)
    .filter((step) => {
      if (step.kind !== 'dropIndex') return true
      const key = `${step.collection}.${step.index}`
      if (dropped.has(key)) return false
      dropped.add(key)
      return true
    })
}

/** The steps that make `actual` match `expected`, in order; none when it already does. */
export const planEnvironment = (actual: ActualEnvironment, expected: Expected = EXPECTED) =>
  stepsOf(compareEnvironment(actual, expected))

/** How `actual` differs from `expected`, one plain line each, and the notes (extras, left alone). */
export function checkEnvironment(actual: ActualEnvironment, expected: Expected = EXPECTED) {
  const { differences, notes } = compareEnvironment(actual, expected)
  return { differences: differences.map((d) => d.message), notes }
}

export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'createCollection':
      return `create collection ${step.collection}`
    case 'dropIndex':
      return `drop index ${step.collection}.${step.index}`
    case 'createIndex':
      return `create index ${step.collection}.${step.index.name} ${shapeText(step.index)}`
    case 'setRule':
      return `set the security rule of ${step.collection} to ${ruleText(step.rule)}`
    case 'setStorageAcl':
      return `set the cloud storage permission to ${step.acl}`
  }
}

/** The part of @cloudbase/manager-node's `CloudBase` this module uses. */
export type Manager = Pick<CloudBase, 'database' | 'commonService' | 'storage'>

/**
 * The package's generic caller of the `tcb` API (version 2018-06-08): the rule actions
 * (DescribeSafeRule, ModifySafeRule) have no method of their own in @cloudbase/manager-node.
 */
const rules = (manager: Manager) => manager.commonService('tcb')

const LIST_PAGE = 100
/** Collections are read this many at a time, well within the API's rate limits (20/s and up). */
const READ_CONCURRENCY = 4

async function collectionNames(manager: Manager): Promise<string[]> {
  const names: string[] = []
  for (let offset = 0; ; offset += LIST_PAGE) {
    const page = await manager.database.listCollections({ MgoLimit: LIST_PAGE, MgoOffset: offset })
    const rows = page.Collections ?? []
    names.push(...rows.map((c) => c.CollectionName))
    if (rows.length < LIST_PAGE || (page.Pager && names.length >= page.Pager.Total)) return names
  }
}

const directionOf = (d: unknown): number | string =>
  String(d) === '1' ? 1 : String(d) === '-1' ? -1 : String(d)

async function readCollection(
  manager: Manager,
  envId: string,
  name: string,
): Promise<ActualCollection> {
  const table = await manager.database.describeCollection(name)
  const safeRule: { AclTag: AclTag; Rule?: string | null } = await rules(manager).call({
    Action: 'DescribeSafeRule',
    Param: { EnvId: envId, CollectionName: name },
  })
  return {
    name,
    indexes: (table.Indexes ?? []).map((i) => ({
      name: i.Name,
      unique: Boolean(i.Unique),
      keys: (i.Keys ?? []).map((k) => ({
        field: k.Name ?? '',
        direction: directionOf(k.Direction),
      })),
    })),
    rule: { aclTag: safeRule.AclTag, ...(safeRule.Rule ? { rule: safeRule.Rule } : {}) },
  }
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

/** The environment's collections: those of `expected` with their indexes and rule, the rest by name. */
export async function readEnvironment(
  manager: Manager,
  envId: string,
  expected: Expected = EXPECTED,
): Promise<ActualEnvironment> {
  const names = await collectionNames(manager)
  const wanted = new Set(expected.collections.map((c) => c.name))
  const present = names.filter((n) => wanted.has(n))
  return {
    collections: await mapLimit(present, READ_CONCURRENCY, (n) =>
      readCollection(manager, envId, n),
    ),
    others: names.filter((n) => !wanted.has(n)).sort(),
    storageAcl: (await manager.storage.getStorageAcl()) as AclTag,
  }
}

/** Carries out one step, one API call each. */
export async function applyStep(manager: Manager, envId: string, step: Step): Promise<void> {
  switch (step.kind) {
    case 'createCollection':
      await manager.database.createCollection(step.collection)
      return
    case 'dropIndex':
      await manager.database.updateCollection(step.collection, {
        DropIndexes: [{ IndexName: step.index }],
      })
      return
    case 'createIndex':
      await manager.database.updateCollection(step.collection, {
        CreateIndexes: [
          {
            IndexName: step.index.name,
            MgoKeySchema: {
              MgoIsUnique: step.index.unique,
              MgoIndexKeys: step.index.keys.map((k) => ({
                Name: k.field,
                Direction: String(k.direction),
              })),
            },
          },
        ],
      })
      return
    case 'setRule':
      await rules(manager).call({
        Action: 'ModifySafeRule',
        Param: {
          EnvId: envId,
          CollectionName: step.collection,
          AclTag: step.rule.aclTag,
          ...(step.rule.rule ? { Rule: step.rule.rule } : {}),
        },
      })
      return
    case 'setStorageAcl':
      await manager.storage.setStorageAcl(step.acl)
      return
  }
}

export type Credentials = { envId: string; secretId: string; secretKey: string; token?: string }
type Env = Record<string, string | undefined>

const REQUIRED = ['TCB_ENV_ID', 'TCB_SECRET_ID', 'TCB_SECRET_KEY'] as const

/** The environment id and API key from TCB_* variables, or a message naming the missing ones. */
export function credentialsFrom(
  env: Env,
  command: string,
): { ok: true; credentials: Credentials } | { ok: false; message: string } {
  const value = (name: string) => env[name]?.trim() ?? ''
  const missing = REQUIRED.filter((name) => !value(name))
  if (missing.length > 0) {
    return {
      ok: false,
      message: [
        `${command}: missing ${missing.join(', ')}.`,
        'Set TCB_ENV_ID to the environment id and TCB_SECRET_ID / TCB_SECRET_KEY to a Tencent Cloud',
        'API key with access to it (add TCB_SESSION_TOKEN for a temporary key), for example:',
        `  TCB_ENV_ID=env-xxxx TCB_SECRET_ID=<SecretId> TCB_SECRET_KEY=<SecretKey> npm run ${command}`,
      ].join('\n'),
    }
  }
  const token = value('TCB_SESSION_TOKEN')
  return {
    ok: true,
    credentials: {
      envId: value('TCB_ENV_ID'),
      secretId: value('TCB_SECRET_ID'),
      secretKey: value('TCB_SECRET_KEY'),
      ...(token ? { token } : {}),
    },
  }
}

/** A management client of the environment (region: TCB_REGION, else ap-shanghai, read by the package). */
export const connect = ({ envId, secretId, secretKey, token }: Credentials): Manager =>
  new CloudBase({ envId, secretId, secretKey, token })

export type Output = { log(line: string): void; error(line: string): void }

/** An API failure in one line: message, code and request id, as the package's CloudBaseError has them. */
const failureText = (error: unknown) => {
  const e = error as { message?: string; code?: unknown; requestId?: string }
  const code = e.code ? ` [${String(e.code)}]` : ''
  const request = e.requestId ? ` (request ${e.requestId})` : ''
  return `${e.message ?? String(error)}${code}${request}`
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

const schemaSummary = (expected: Expected) => {
  const indexes = expected.collections.flatMap((c) => c.indexes)
  const unique = indexes.filter((i) => i.unique).length
  return `${expected.collections.length} collections, ${indexes.length} indexes (${unique} unique), rule ${ruleText(expected.rule)} on each, storage ${expected.storageAcl}`
}

/**
 * `npm run cloud:setup`: creates what the environment lacks (collections, indexes, rules), then
 * reads it again to confirm. A second run finds nothing to do and says so. 0 when the environment
 * matches at the end, 1 otherwise; what was done stays done, so a rerun carries on.
 */
export async function cloudSetup(
  env: Env,
  out: Output,
  connectTo: (c: Credentials) => Manager = connect,
  expected: Expected = EXPECTED,
): Promise<number> {
  const found = credentialsFrom(env, 'cloud:setup')
  if (!found.ok) {
    out.error(found.message)
    return 1
  }
  const { envId } = found.credentials
  const manager = connectTo(found.credentials)
  let current: Step | undefined
  try {
    out.log(`cloud:setup of ${envId}: ${schemaSummary(expected)} (cloudbase-schema.ts)`)
    const comparison = compareEnvironment(await readEnvironment(manager, envId, expected), expected)
    comparison.notes.forEach((note) => out.log(`  note: ${note}`))
    const steps = stepsOf(comparison)
    if (steps.length === 0) {
      out.log('nothing to do: the environment already matches the schema')
      return 0
    }
    for (const step of steps) {
      current = step
      out.log(`  ${describeStep(step)}`)
      await applyStep(manager, envId, step)
    }
    current = undefined
    const after = checkEnvironment(await readEnvironment(manager, envId, expected), expected)
    if (after.differences.length > 0) {
      out.error(`cloud:setup made ${steps.length} changes, but the environment still differs:`)
      after.differences.forEach((line) => out.error(`  - ${line}`))
      return 1
    }
    out.log(`done: ${steps.length} changes; the environment now matches the schema`)
    return 0
  } catch (error) {
    const at = current ? ` at "${describeStep(current)}"` : ''
    out.error(`cloud:setup failed${at}: ${failureText(error)}`)
    out.error('What was done stays done; run it again to carry on.')
    return 1
  }
}

/**
 * `npm run cloud:check`: compares the environment with the schema and changes nothing. Prints each
 * collection checked; 0 when all match, 1 when something differs, 2 when it could not check.
 */
export async function cloudCheck(
  env: Env,
  out: Output,
  connectTo: (c: Credentials) => Manager = connect,
  expected: Expected = EXPECTED,
): Promise<number> {
  const found = credentialsFrom(env, 'cloud:check')
  if (!found.ok) {
    out.error(found.message)
    return 2
  }
  const { envId } = found.credentials
  let comparison: Comparison
  try {
    out.log(`cloud:check of ${envId}: ${schemaSummary(expected)} (cloudbase-schema.ts)`)
    comparison = compareEnvironment(
      await readEnvironment(connectTo(found.credentials), envId, expected),
      expected,
    )
  } catch (error) {
    out.error(`cloud:check could not read the environment: ${failureText(error)}`)
    return 2
  }
  for (const spec of expected.collections) {
    const own = comparison.differences.filter((d) => d.collection === spec.name)
    if (own.length === 0) {
      out.log(
        `  ok  ${spec.name} (${plural(spec.indexes.length, 'index', 'indexes')}, ${ruleText(expected.rule)})`,
      )
    }
    own.forEach((d) => out.log(`  ✗   ${d.message}`))
  }
  const storage = comparison.differences.filter((d) => d.collection === STORAGE)
  if (storage.length === 0) out.log(`  ok  cloud storage (${expected.storageAcl})`)
  storage.forEach((d) => out.log(`  ✗   ${d.message}`))
  comparison.notes.forEach((note) => out.log(`  note: ${note}`))
  const differing = new Set(
    comparison.differences.filter((d) => d.collection !== STORAGE).map((d) => d.collection),
  ).size
  if (differing > 0 || storage.length > 0) {
    const where = [
      ...(differing > 0 ? [`${differing} of ${expected.collections.length} collections`] : []),
      ...(storage.length > 0 ? ['cloud storage'] : []),
    ].join(' and ')
    out.log(`differences in ${where}; \`npm run cloud:setup\` fixes them`)
    return 1
  }
  out.log(`all ${expected.collections.length} collections and cloud storage match`)
  return 0
}
