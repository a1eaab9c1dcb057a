import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { createRequire } from 'node:module'
import {
  buildFunctions,
  functionNames,
  lockedSdkVersion,
  SDK_FILE,
  type FunctionBundle,
} from '../../scripts/build-functions'
import { COLLECTIONS } from '../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-schema'
import type { CloudbaseDatabaseDouble } from '../support/cloudbase/database-double'
import { aPreparedDouble } from '../support/cloudbase/double-store'
import { invokeAsCloudbase, timerEvent, type CloudMain } from '../support/cloudbase/invocation'
import {
  DOUBLE_ENV_ID,
  installDatabaseDouble,
  type DatabaseRequester,
} from '../support/cloudbase/sdk-seam'
import { TEST_DATA_KEY } from '../support/test-deps'

const ROOT = resolve(__dirname, '../..')
const bundleOf = (name: string) => join(ROOT, 'cloudfunctions', name, 'index.js')
const sdkOf = (name: string) => join(ROOT, 'cloudfunctions', name, SDK_FILE)
/** Node's own require, past jest's module registry: a built file loads as CloudBase loads it. */
const nodeRequire = createRequire(__filename)

/**
 * Loads a bundle in a fresh Node from a folder holding only what the build wrote beside it (no
 * node_modules): node-sdk must come from the bundled node-sdk.js, nothing else from anywhere.
 */
function loadAlone(name: string): { status: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'club-fn-'))
  try {
    copyFileSync(bundleOf(name), join(dir, 'index.js'))
    copyFileSync(sdkOf(name), join(dir, SDK_FILE))
    const probe = "process.stdout.write(typeof require('./index.js').main)"
    const run = spawnSync(process.execPath, ['-e', probe], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: '' },
      timeout: 30_000,
    })
    return { status: run.status, stdout: run.stdout, stderr: run.stderr }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('buildFunctions', () => {
  const names = functionNames()
  let bundles: FunctionBundle[]

  beforeAll(async () => {
    bundles = await buildFunctions()
  }, 120_000)

  it('bundles every function folder with an index.ts, member and admin among them', () => {
    const built = bundles.map((b) => b.name)

    expect(built).toEqual(names)
    expect(built).toEqual(expect.arrayContaining(['member', 'admin']))
  })

  describe.each(names)('the %s bundle', (name) => {
    it('is written to cloudfunctions/<name>/index.js with its size reported', () => {
      const bundle = bundleOf(name)

      const bytes = existsSync(bundle) ? readFileSync(bundle).byteLength : 0

      expect(bytes).toBeGreaterThan(0)
      expect(bundles.find((b) => b.name === name)?.bytes).toBe(bytes)
    })

    it('loads on its own, nothing installed, node-sdk from the node-sdk.js beside it, and exports main', () => {
      const loaded = loadAlone(name)

      expect(loaded).toEqual({ status: 0, stdout: 'function', stderr: '' })
    })

    it('contains nothing of better-sqlite3', () => {
      const text = readFileSync(bundleOf(name), 'utf8')

      expect(text).not.toContain('better-sqlite3')
    })

    it('bundles the node-sdk version package-lock.json holds, and asks CloudBase to install no node-sdk', () => {
      const file = join(dirname(bundleOf(name)), 'package.json')

      const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
        dependencies: Record<string, string>
      }
      const bundled = nodeRequire(sdkOf(name)) as { version: string }

      expect(manifest).toMatchObject({ name, main: 'index.js' })
      expect(Object.keys(manifest.dependencies)).not.toContain('@cloudbase/node-sdk')
      expect(bundled.version).toBe(lockedSdkVersion())
    })

    it('lists wx-server-sdk only when the bundle requires it (WeChat open API)', () => {
      const manifest = JSON.parse(
        readFileSync(join(dirname(bundleOf(name)), 'package.json'), 'utf8'),
      ) as { dependencies: Record<string, string> }

      const requiresWxSdk = readFileSync(bundleOf(name), 'utf8').includes(
        'require("wx-server-sdk")',
      )

      expect('wx-server-sdk' in manifest.dependencies).toBe(requiresWxSdk)
    })
  })

  it('leaves out of node-sdk what no function calls (app.ai, app.models), and keeps what they do', () => {
    const sdk = readFileSync(sdkOf('card'), 'utf8')

    for (const unused of ['@cloudbase/ai', 'wx-cloud-client-sdk', 'web-streams-polyfill']) {
      expect(sdk).not.toContain(unused)
    }
    for (const used of [
      'getTempFileURL',
      'getUserInfo',
      'startTransaction',
      'aggregateDocuments',
    ]) {
      expect(sdk).toContain(used)
    }
  })

  it('leaves out the uploads and sign-in tickets no function makes; reaching one throws, naming the package', () => {
    const sdk = readFileSync(sdkOf('card'), 'utf8')
    const { init } = nodeRequire(sdkOf('card')) as {
      init(config: object): { auth(): { createTicket(uid: string): string } }
    }
    const app = init({
      env: 'env-not-bundled',
      credentials: { env_id: 'env-not-bundled', private_key_id: 'k', private_key: 'p' },
    })

    // mime-db (of form-data), xmlbuilder (of xml2js), jws (of jsonwebtoken): none of it is in.
    for (const unused of ['application/vnd.ms-excel', 'xmlbuilder', 'JsonWebTokenError']) {
      expect(sdk).not.toContain(unused)
    }
    expect(() => app.auth().createTicket('someone')).toThrow(
      `jsonwebtoken is not bundled into ${SDK_FILE}`,
    )
  })

  describe('the built functions, run as CloudBase runs them, over the database double', () => {
    let double: CloudbaseDatabaseDouble
    let uninstall: () => void
    const mainOf = (name: string) => (nodeRequire(bundleOf(name)) as { main: CloudMain }).main

    beforeAll(() => {
      process.env.CLUB_DATA_KEY = TEST_DATA_KEY
      double = aPreparedDouble()
      // Only the bundled copies' requesters are patched: a request through node_modules'
      // node-sdk would go to the network and fail.
      const bundled = ['jobs', 'member'].map(
        (name) =>
          (nodeRequire(sdkOf(name)) as { databaseRequester: DatabaseRequester }).databaseRequester,
      )
      uninstall = installDatabaseDouble(double, DOUBLE_ENV_ID, bundled)
    })
    afterAll(() => {
      uninstall()
      delete process.env.CLUB_DATA_KEY
    })

    it('runs the job of a timer to the end through its bundled node-sdk: a transaction and its writes', async () => {
      const runsBefore = double.documents(COLLECTIONS.jobRuns).length

      const answer = await invokeAsCloudbase(mainOf('jobs'), timerEvent('pointsExpiry'), {
        timer: true,
      })

      expect(answer).toMatchObject({ ok: true, data: { status: 'done' } })
      expect(double.documents(COLLECTIONS.jobRuns)).toHaveLength(runsBefore + 1)
    })

    it('answers a caller by the openid of the invocation (getUserInfo of its bundled node-sdk)', async () => {
      const me = await invokeAsCloudbase(
        mainOf('member'),
        { action: 'me', payload: {}, requestId: 'req-built-me-1' },
        { openid: 'o_built_nobody' },
      )
      const anonymous = await invokeAsCloudbase(mainOf('member'), {
        action: 'me',
        payload: {},
        requestId: 'req-built-me-2',
      })

      expect(me).toMatchObject({ ok: true, data: { member: null } })
      expect(anonymous).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_SIGNED_IN' } })
    })
  })

  it('fails, writing nothing, when a function reaches better-sqlite3', async () => {
    const functionsDir = mkdtempSync(join(tmpdir(), 'club-fns-'))
    const leaky = join(functionsDir, 'leaky')
    mkdirSync(leaky)
    const sqliteStore = join(ROOT, 'cloudfunctions/_shared/adapters/sqlite/sqlite-store')
    writeFileSync(join(leaky, 'index.ts'), `export { openSqliteStore } from '${sqliteStore}'\n`)

    try {
      const build = buildFunctions({ functionsDir })

      await expect(build).rejects.toThrow(/leaky: the bundle reaches better-sqlite3/)
      expect(existsSync(join(leaky, 'index.js'))).toBe(false)
      expect(existsSync(join(leaky, 'package.json'))).toBe(false)
    } finally {
      rmSync(functionsDir, { recursive: true, force: true })
    }
  }, 60_000)
})
