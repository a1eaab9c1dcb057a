import { spawnSync } from 'node:child_process'
import net from 'node:net'
import { COLLECTIONS } from '../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-schema'
import {
  CLOUDBASE_COLLECTIONS,
  COLLECTION_SECURITY_RULE,
} from '../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-schema'
import {
  checkEnvironment,
  cloudCheck,
  cloudSetup,
  planEnvironment,
  type ActualEnvironment,
} from '../../scripts/cloud-environment'
import { TencentCloudApiDouble, READ_ACTIONS } from '../support/tencent-cloud-api-double'

const ENV = { TCB_ENV_ID: 'env-double', TCB_SECRET_ID: 'AKIDdouble', TCB_SECRET_KEY: 'double-key' }
const INDEX_COUNT = CLOUDBASE_COLLECTIONS.flatMap((c) => c.indexes).length

/** The package's own request sender, replaced by the double; nothing else is. */
const httpRequest: { fetch: (url: string, config: never) => Promise<unknown> } = jest.requireActual(
  '@cloudbase/manager-node/lib/utils/http-request',
)

const output = () => {
  const lines: string[] = []
  return {
    lines,
    text: () => lines.join('\n'),
    log: (l: string) => lines.push(l),
    error: (l: string) => lines.push(l),
  }
}

let api: TencentCloudApiDouble
let socketConnect: jest.SpyInstance

beforeAll(() => {
  socketConnect = jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(() => {
    throw new Error('this suite opens no socket')
  })
})
beforeEach(() => {
  api = new TencentCloudApiDouble(ENV.TCB_ENV_ID)
  jest.spyOn(httpRequest, 'fetch').mockImplementation((url, config) => api.fetch(url, config))
})
afterEach(() => {
  expect(socketConnect).not.toHaveBeenCalled()
  jest.mocked(httpRequest.fetch).mockRestore()
})
afterAll(() => socketConnect.mockRestore())

/** An environment set up by the script itself. */
async function setUpEnvironment() {
  expect(await cloudSetup(ENV, output())).toBe(0)
  return api.calls.length
}

describe('cloudbase-schema', () => {
  it('lists every collection of COLLECTIONS once', () => {
    const names = CLOUDBASE_COLLECTIONS.map((c) => c.name)

    expect([...names].sort()).toEqual(Object.values(COLLECTIONS).sort())
  })

  it('makes members.openid, staff.openid and staff_invites.codeHash the only unique indexes', () => {
    const unique = CLOUDBASE_COLLECTIONS.flatMap((c) =>
      c.indexes
        .filter((i) => i.unique)
        .map((i) => `${c.name}.${i.keys.map((k) => k.field).join()}`),
    )

    expect(unique).toEqual(['members.openid', 'staff.openid', 'staff_invites.codeHash'])
  })

  it('names every index readably and once within its collection', () => {
    for (const { indexes } of CLOUDBASE_COLLECTIONS) {
      const names = indexes.map((i) => i.name)

      expect(new Set(names).size).toBe(names.length)
      names.forEach((name) => expect(name).toMatch(/^[A-Za-z0-9_]+$/))
    }
    const audit = CLOUDBASE_COLLECTIONS.find((c) => c.name === 'audit_log')!.indexes
    expect(audit.map((i) => i.name)).toContain('at_desc__id_desc')
  })

  it('closes every collection to clients: only the functions read and write', () => {
    expect(COLLECTION_SECURITY_RULE).toEqual({ aclTag: 'ADMINONLY' })
  })
})

describe('cloudSetup', () => {
  it('creates every collection, index and rule of the schema in an empty environment', async () => {
    const out = output()

    const code = await cloudSetup(ENV, out)

    expect(code).toBe(0)
    expect([...api.tables.keys()].sort()).toEqual(CLOUDBASE_COLLECTIONS.map((c) => c.name).sort())
    for (const spec of CLOUDBASE_COLLECTIONS) {
      const table = api.table(spec.name)
      expect(table.aclTag).toBe('ADMINONLY')
      expect(table.indexes.filter((i) => i.Name !== '_id_')).toEqual(
        spec.indexes.map((i) => ({
          Name: i.name,
          Keys: i.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })),
          Unique: i.unique,
        })),
      )
    }
    expect(api.table('members').indexes).toContainEqual({
      Name: 'openid',
      Keys: [{ Name: 'openid', Direction: '1' }],
      Unique: true,
    })
    expect(api.storageAcl).toBe('PRIVATE')
    expect(out.lines.at(-1)).toBe(
      `done: ${2 * CLOUDBASE_COLLECTIONS.length + INDEX_COUNT + 1} changes; the environment now matches the schema`,
    )
  })

  it('makes cloud storage private (仅创建者可读写) when it is readable by all, and reports it', async () => {
    await setUpEnvironment()
    api.storageAcl = 'READONLY'
    const out = output()

    const code = await cloudSetup(ENV, out)

    expect(code).toBe(0)
    expect(api.storageAcl).toBe('PRIVATE')
    expect(out.text()).toContain('set the cloud storage permission to PRIVATE')
    expect(api.calls.find((c) => c.action === 'ModifyStorageSafeRule')!.params).toEqual({
      EnvId: ENV.TCB_ENV_ID,
      Bucket: api.bucket,
      AclTag: 'PRIVATE',
    })
  })

  it('sends the requests as the package does: signed tcb actions with the documented shapes', async () => {
    await setUpEnvironment()

    expect(
      api.calls.every((c) =>
        c.authorization.startsWith(`TC3-HMAC-SHA256 Credential=${ENV.TCB_SECRET_ID}/`),
      ),
    ).toBe(true)
    const update = api.calls.find(
      (c) => c.action === 'UpdateTable' && c.params.TableName === 'staff',
    )!
    expect(update.params).toEqual({
      EnvId: ENV.TCB_ENV_ID,
      MongoConnector: { DatabaseName: api.instanceId, InstanceId: 'flexdb' },
      TableName: 'staff',
      CreateIndexes: [
        {
          IndexName: 'openid',
          MgoKeySchema: { MgoIsUnique: true, MgoIndexKeys: [{ Name: 'openid', Direction: '1' }] },
        },
      ],
    })
    const rule = api.calls.find((c) => c.action === 'ModifySafeRule')!
    expect(rule.params).toEqual({
      EnvId: ENV.TCB_ENV_ID,
      CollectionName: expect.any(String),
      AclTag: 'ADMINONLY',
    })
  })

  it('changes nothing on a second run, and says so', async () => {
    const before = await setUpEnvironment()
    const out = output()

    const code = await cloudSetup(ENV, out)

    expect(code).toBe(0)
    expect(api.writesSince(before)).toEqual([])
    expect([...new Set(api.calls.slice(before).map((c) => c.action))].sort()).toEqual(
      [...READ_ACTIONS].sort(),
    )
    expect(out.lines.at(-1)).toBe('nothing to do: the environment already matches the schema')
  })

  it('replaces a members.openid index that is not unique by the unique one', async () => {
    await setUpEnvironment()
    api.table('members').indexes.find((i) => i.Name === 'openid')!.Unique = false
    const out = output()

    const code = await cloudSetup(ENV, out)

    expect(code).toBe(0)
    expect(out.lines).toContain('  drop index members.openid')
    expect(out.lines).toContain('  create index members.openid (openid), unique')
    expect(api.table('members').indexes.find((i) => i.Name === 'openid')!.Unique).toBe(true)
  })

  it('keeps an index of the schema made by hand under another name, and leaves other collections alone', async () => {
    await setUpEnvironment()
    const members = api.table('members')
    members.indexes = members.indexes.map((i) =>
      i.Name === 'cardNo' ? { ...i, Name: 'cardNo_1' } : i,
    )
    api.tables.set('legacy_notes', { indexes: [], aclTag: 'READONLY', rule: null })
    const before = api.calls.length
    const out = output()

    const code = await cloudSetup(ENV, out)

    expect(code).toBe(0)
    expect(api.writesSince(before)).toEqual([])
    expect(out.lines).toContain(
      '  note: members: index cardNo_1 serves as cardNo (same keys); kept',
    )
    expect(out.lines).toContain('  note: collection legacy_notes is not in the schema; left alone')
    expect(api.table('legacy_notes').aclTag).toBe('READONLY')
  })

  it('stops at a failed call with the step and the API error, and a second run carries on', async () => {
    api.failNext('UpdateTable', { Code: 'LimitExceeded', Message: 'too many requests' })
    const first = output()

    const failed = await cloudSetup(ENV, first)
    const second = output()
    const resumed = await cloudSetup(ENV, second)

    expect(failed).toBe(1)
    expect(first.text()).toMatch(
      /cloud:setup failed at "create index members\.openid \(openid\), unique": \[UpdateTable\] too many requests \[LimitExceeded\] \(request double-\d+\)/,
    )
    expect(resumed).toBe(0)
    expect(second.lines).not.toContain('  create collection members')
    expect(second.lines).toContain('  create index members.openid (openid), unique')
  })

  it('names the missing variables and calls nothing without credentials', async () => {
    const out = output()

    const code = await cloudSetup({ TCB_ENV_ID: 'env-double', TCB_SECRET_ID: ' ' }, out)

    expect(code).toBe(1)
    expect(out.text()).toMatch(/^cloud:setup: missing TCB_SECRET_ID, TCB_SECRET_KEY\.$/m)
    expect(out.text()).toContain('npm run cloud:setup')
    expect(api.calls).toEqual([])
  })
})

describe('cloudCheck', () => {
  it('finds nothing to report after setup, printing each collection it checked', async () => {
    const before = await setUpEnvironment()
    const out = output()

    const code = await cloudCheck(ENV, out)

    expect(code).toBe(0)
    expect(api.writesSince(before)).toEqual([])
    expect(out.lines.filter((l) => l.startsWith('  ok  '))).toHaveLength(
      CLOUDBASE_COLLECTIONS.length + 1,
    )
    expect(out.lines).toContain('  ok  members (7 indexes, ADMINONLY)')
    expect(out.lines).toContain('  ok  cloud storage (PRIVATE)')
    expect(out.lines.at(-1)).toBe(
      `all ${CLOUDBASE_COLLECTIONS.length} collections and cloud storage match`,
    )
  })

  it('reports storage anyone may read as a difference, changing nothing', async () => {
    const before = await setUpEnvironment()
    api.storageAcl = 'READONLY'
    const out = output()

    const code = await cloudCheck(ENV, out)

    expect(code).toBe(1)
    expect(api.writesSince(before)).toEqual([])
    expect(out.lines).toContain('  ✗   cloud storage permission is READONLY; expected PRIVATE')
    expect(out.lines.at(-1)).toBe('differences in cloud storage; `npm run cloud:setup` fixes them')
  })

  it.each([
    [
      'a missing index',
      () => {
        const members = api.table('members')
        members.indexes = members.indexes.filter((i) => i.Name !== 'cardNo')
      },
      'members: missing index cardNo (cardNo), not unique',
    ],
    [
      'a members.openid index that is not unique',
      () => {
        api.table('members').indexes.find((i) => i.Name === 'openid')!.Unique = false
      },
      'members: index openid is (openid), not unique; expected index openid (openid), unique',
    ],
    [
      'an index with other keys under a schema name',
      () => {
        api.table('points_ledger').indexes.find((i) => i.Name === 'at')!.Keys = [
          { Name: 'at', Direction: '-1' },
        ]
      },
      'points_ledger: index at is (at desc), not unique; expected index at (at), not unique',
    ],
    [
      'a missing collection',
      () => {
        api.tables.delete('outbox')
      },
      'missing collection outbox',
    ],
    [
      'a wrong rule',
      () => {
        api.table('vouchers').aclTag = 'READONLY'
      },
      'vouchers: security rule is READONLY; expected ADMINONLY',
    ],
  ])('reports %s and exits 1, changing nothing', async (_, alter, line) => {
    const before = await setUpEnvironment()
    alter()
    const out = output()

    const code = await cloudCheck(ENV, out)

    expect(code).toBe(1)
    expect(out.lines).toContain(`  ✗   ${line}`)
    expect(out.lines.at(-1)).toBe(
      `differences in 1 of ${CLOUDBASE_COLLECTIONS.length} collections; \`npm run cloud:setup\` fixes them`,
    )
    expect(api.writesSince(before)).toEqual([])
  })

  it('notes a collection outside the schema without failing', async () => {
    await setUpEnvironment()
    api.tables.set('legacy_notes', { indexes: [], aclTag: 'PRIVATE', rule: null })
    const out = output()

    const code = await cloudCheck(ENV, out)

    expect(code).toBe(0)
    expect(out.lines).toContain('  note: collection legacy_notes is not in the schema; left alone')
  })

  it('names the missing variables and exits 2 without credentials', async () => {
    const out = output()

    const code = await cloudCheck({}, out)

    expect(code).toBe(2)
    expect(out.text()).toMatch(
      /^cloud:check: missing TCB_ENV_ID, TCB_SECRET_ID, TCB_SECRET_KEY\.$/m,
    )
    expect(api.calls).toEqual([])
  })

  it('exits 2 when the environment cannot be read', async () => {
    const out = output()

    const code = await cloudCheck({ ...ENV, TCB_ENV_ID: 'env-elsewhere' }, out)

    expect(code).toBe(2)
    expect(out.text()).toMatch(/cloud:check could not read the environment: .*\[ResourceNotFound\]/)
  })
})

describe('planEnvironment', () => {
  const matching = (): ActualEnvironment => ({
    collections: CLOUDBASE_COLLECTIONS.map((c) => ({
      name: c.name,
      indexes: c.indexes.map((i) => ({ ...i, keys: i.keys.map((k) => ({ ...k })) })),
      rule: { aclTag: 'ADMINONLY' },
    })),
    others: [],
    storageAcl: 'PRIVATE',
  })

  it('plans nothing for an environment that matches', () => {
    expect(planEnvironment(matching())).toEqual([])
    expect(checkEnvironment(matching())).toEqual({ differences: [], notes: [] })
  })

  it('plans private storage for storage anyone may read', () => {
    const actual = { ...matching(), storageAcl: 'READONLY' as const }

    expect(planEnvironment(actual)).toEqual([{ kind: 'setStorageAcl', acl: 'PRIVATE' }])
    expect(checkEnvironment(actual).differences).toEqual([
      'cloud storage permission is READONLY; expected PRIVATE',
    ])
  })

  it('drops a same-keyed index of another uniqueness before creating the schema one', () => {
    const actual = matching()
    const staff = actual.collections.find((c) => c.name === 'staff')!
    staff.indexes = [
      { name: 'openid_1', keys: [{ field: 'openid', direction: 1 }], unique: false },
      ...staff.indexes.filter((i) => !i.unique),
    ]

    const steps = planEnvironment(actual)

    expect(steps.map((s) => s.kind)).toEqual(['dropIndex', 'createIndex'])
    expect(steps[0]).toEqual({ kind: 'dropIndex', collection: 'staff', index: 'openid_1' })
  })

  it('creates a missing collection with its indexes and rule', () => {
    const actual = matching()
    actual.collections = actual.collections.filter((c) => c.name !== 'staff')

    const steps = planEnvironment(actual)

    expect(steps).toEqual([
      { kind: 'createCollection', collection: 'staff' },
      ...CLOUDBASE_COLLECTIONS.find((c) => c.name === 'staff')!.indexes.map((index) => ({
        kind: 'createIndex',
        collection: 'staff',
        index,
      })),
      { kind: 'setRule', collection: 'staff', rule: { aclTag: 'ADMINONLY' } },
    ])
  })
})

describe('npm run cloud:setup', () => {
  it('exits non-zero naming the missing variables, before any call', () => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('TCB_')),
    ) as NodeJS.ProcessEnv

    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cloud-setup.ts'], {
      env,
      encoding: 'utf8',
    })

    expect(run.status).toBe(1)
    expect(run.stderr).toContain('cloud:setup: missing TCB_ENV_ID, TCB_SECRET_ID, TCB_SECRET_KEY.')
  })
})
