/**
 * An in-memory Tencent Cloud API (tcb 2018-06-08) for @cloudbase/manager-node 5.6.5, answering at
 * the package's lowest seam: `fetch(url, config)` of lib/utils/http-request.js, which
 * `CloudService.requestWithSign` (lib/utils/cloud-api-request.js) calls with the signed POST
 * (`X-TC-Action` header, JSON body) and whose `{Response}` it unwraps, throwing a CloudBaseError on
 * `Response.Error`. Everything above it is the package's own code: the services, the lazy
 * DescribeEnvInfo, the MongoConnector, the signature.
 *
 * It answers the actions the setup uses, with the shapes the package reads:
 * DescribeEnvInfo, ListTables, CreateTable, DescribeTable, UpdateTable, DescribeSafeRule,
 * ModifySafeRule, DescribeStorageSafeRule and ModifyStorageSafeRule. What the real service does beyond the documented shapes is assumed (marked so).
 */
type Params = Record<string, unknown> & { EnvId?: string; TableName?: string }
type IndexKey = { Name: string; Direction: string }
export type DoubleIndex = { Name: string; Keys: IndexKey[]; Unique: boolean }
export type DoubleTable = { indexes: DoubleIndex[]; aclTag: string; rule: string | null }
export type ApiCall = { service: string; action: string; params: Params; authorization: string }

/** The actions that only read; any other changes the environment. */
export const READ_ACTIONS = [
  'DescribeEnvInfo',
  'ListTables',
  'DescribeTable',
  'DescribeSafeRule',
  'DescribeStorageSafeRule',
]
const ACL_TAGS = ['READONLY', 'PRIVATE', 'ADMINWRITE', 'ADMINONLY', 'CUSTOM']

class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export class TencentCloudApiDouble {
  readonly instanceId = 'tnt-double0001'
  readonly bucket = '636c-env-double-1250000000'
  readonly tables = new Map<string, DoubleTable>()
  /** Cloud storage's permission: the console's default for a new environment, 所有用户可读. */
  storageAcl = 'READONLY'
  readonly calls: ApiCall[] = []
  /** The next call of an action answers this error once (`Response.Error`). */
  private failures = new Map<string, { Code: string; Message: string }>()

  constructor(readonly envId: string) {}

  /** A new collection's rule: the console's default, 仅创建者可读写 (assumed). */
  static readonly NEW_COLLECTION_ACL = 'PRIVATE'

  failNext(action: string, error: { Code: string; Message: string }) {
    this.failures.set(action, error)
  }

  /** The calls since `from` (an index into `calls`) that change something. */
  writesSince(from = 0) {
    return this.calls.slice(from).filter((c) => !READ_ACTIONS.includes(c.action))
  }

  table(name: string): DoubleTable {
    const table = this.tables.get(name)
    if (!table) throw new Error(`the double has no collection ${name}`)
    return table
  }

  /** Stands in for `fetch(url, config, proxy)` of @cloudbase/manager-node/lib/utils/http-request. */
  fetch = async (url: string, config: { headers: Record<string, unknown>; body?: string }) => {
    const action = String(config.headers['X-TC-Action'])
    const service = new URL(url).host.split('.')[0]!
    const params = JSON.parse(config.body ?? '{}') as Params
    const authorization = String(config.headers.Authorization)
    this.calls.push({ service, action, params, authorization })
    const RequestId = `double-${this.calls.length}`
    const failure = this.failures.get(action)
    if (failure) {
      this.failures.delete(action)
      return { Response: { Error: failure, RequestId } }
    }
    try {
      if (service !== 'tcb' || config.headers['X-TC-Version'] !== '2018-06-08') {
        throw new ApiError('InvalidAction', `no ${service} ${action} in this double`)
      }
      return { Response: { ...this.answer(action, params), RequestId } }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      return { Response: { Error: { Code: error.code, Message: error.message }, RequestId } }
    }
  }

  private answer(action: string, params: Params): Record<string, unknown> {
    if (params.EnvId !== this.envId) {
      throw new ApiError('ResourceNotFound', `environment ${String(params.EnvId)} not found`)
    }
    switch (action) {
      case 'DescribeEnvInfo':
        return {
          EnvInfo: {
            EnvBaseInfo: {
              EnvId: this.envId,
              Status: 'NORMAL',
              Databases: [
                { InstanceId: this.instanceId, Region: 'ap-shanghai', Status: 'RUNNING' },
              ],
              Storages: [{ Region: 'ap-shanghai', Bucket: this.bucket, CdnDomain: 'double.cdn' }],
            },
          },
        }
      case 'ListTables': {
        this.checkConnector(params)
        const offset = Number(params.MgoOffset ?? 0)
        const limit = Number(params.MgoLimit ?? 100)
        const names = [...this.tables.keys()].sort()
        const page = names.slice(offset, offset + limit).map((TableName) => ({
          TableName,
          Count: 0,
          Size: 0,
          IndexCount: this.table(TableName).indexes.length,
          IndexSize: 0,
        }))
        // The package maps `Tables: null` (no collection) to `Collections: []`.
        return {
          Tables: page.length > 0 ? page : null,
          Pager: { Offset: offset, Limit: limit, Total: names.length },
        }
      }
      case 'CreateTable': {
        const name = this.tableName(params)
        if (this.tables.has(name)) throw new ApiError('ResourceInUse', `${name} exists`)
        this.tables.set(name, {
          indexes: [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }],
          aclTag: TencentCloudApiDouble.NEW_COLLECTION_ACL,
          rule: null,
        })
        return {}
      }
      case 'DescribeTable': {
        const table = this.existing(params)
        return {
          Indexes: table.indexes.map((i) => ({
            ...structuredClone(i),
            Size: 4096,
            Accesses: { Ops: 0, Since: '2026-01-01T00:00:00Z' },
          })),
          IndexNum: table.indexes.length,
        }
      }
      case 'UpdateTable': {
        const table = this.existing(params)
        for (const drop of (params.DropIndexes ?? []) as { IndexName: string }[]) {
          if (drop.IndexName === '_id_') throw new ApiError('InvalidParameter', 'cannot drop _id_')
          const at = table.indexes.findIndex((i) => i.Name === drop.IndexName)
          if (at < 0) throw new ApiError('ResourceNotFound', `index ${drop.IndexName} not found`)
          table.indexes.splice(at, 1)
        }
        type Create = {
          IndexName: string
          MgoKeySchema: { MgoIsUnique: boolean; MgoIndexKeys: IndexKey[] }
        }
        for (const create of (params.CreateIndexes ?? []) as Create[]) {
          const index: DoubleIndex = {
            Name: create.IndexName,
            Keys: create.MgoKeySchema.MgoIndexKeys.map((k) => ({
              Name: k.Name,
              Direction: String(k.Direction),
            })),
            Unique: create.MgoKeySchema.MgoIsUnique,
          }
          const keys = JSON.stringify(index.Keys)
          const sameName = table.indexes.find((i) => i.Name === index.Name)
          const sameKeys = table.indexes.find((i) => JSON.stringify(i.Keys) === keys)
          // As MongoDB's createIndexes (assumed for CloudBase): an identical index is a no-op; a
          // clash of name, or of key pattern under another name, is an error.
          if (sameName && JSON.stringify(sameName) === JSON.stringify(index)) continue
          if (sameName || sameKeys) {
            throw new ApiError('FailedOperation', `IndexOptionsConflict: ${index.Name}`)
          }
          table.indexes.push(index)
        }
        return {}
      }
      case 'DescribeSafeRule': {
        const table = this.collection(params)
        return { AclTag: table.aclTag, Rule: table.rule }
      }
      case 'ModifySafeRule': {
        const table = this.collection(params)
        const tag = String(params.AclTag)
        if (!ACL_TAGS.includes(tag)) throw new ApiError('InvalidParameter', `AclTag ${tag}`)
        if (tag === 'CUSTOM' && typeof params.Rule !== 'string') {
          throw new ApiError('MissingParameter', 'Rule')
        }
        table.aclTag = tag
        table.rule = tag === 'CUSTOM' ? String(params.Rule) : null
        return {}
      }
      case 'DescribeStorageSafeRule': {
        this.checkBucket(params)
        return { AclTag: this.storageAcl, Rule: null }
      }
      case 'ModifyStorageSafeRule': {
        this.checkBucket(params)
        const tag = String(params.AclTag)
        if (!ACL_TAGS.includes(tag)) throw new ApiError('InvalidParameter', `AclTag ${tag}`)
        this.storageAcl = tag
        return {}
      }
      default:
        throw new ApiError('InvalidAction', `no tcb ${action} in this double`)
    }
  }

  /** Storage actions name the environment's bucket (from DescribeEnvInfo's Storages). */
  private checkBucket(params: Params) {
    if (params.Bucket !== this.bucket) {
      throw new ApiError('InvalidParameter', `Bucket ${String(params.Bucket)}`)
    }
  }

  /** The database service addresses the environment's document database through MongoConnector. */
  private checkConnector(params: Params) {
    const connector = params.MongoConnector as { DatabaseName?: string; InstanceId?: string }
    if (connector?.DatabaseName !== this.instanceId || connector?.InstanceId !== 'flexdb') {
      throw new ApiError('InvalidParameter', `MongoConnector ${JSON.stringify(connector)}`)
    }
  }

  private tableName(params: Params) {
    this.checkConnector(params)
    if (!params.TableName) throw new ApiError('MissingParameter', 'TableName')
    return params.TableName
  }

  private existing(params: Params) {
    const name = this.tableName(params)
    const table = this.tables.get(name)
    if (!table) throw new ApiError('ResourceNotFound', `collection ${name} not found`)
    return table
  }

  private collection(params: Params) {
    const name = String(params.CollectionName)
    const table = this.tables.get(name)
    if (!table) throw new ApiError('ResourceNotFound', `collection ${name} not found`)
    return table
  }
}
