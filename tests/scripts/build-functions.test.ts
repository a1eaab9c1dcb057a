import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { buildFunctions, functionNames, type FunctionBundle } from '../../scripts/build-functions'

const ROOT = resolve(__dirname, '../..')
const SDK_DIR = join(ROOT, 'node_modules/@cloudbase/node-sdk')
const installedSdkVersion = (
  JSON.parse(readFileSync(join(SDK_DIR, 'package.json'), 'utf8')) as { version: string }
).version
const bundleOf = (name: string) => join(ROOT, 'cloudfunctions', name, 'index.js')

/**
 * Loads a bundle in a fresh Node from a folder where only the SDK is installed, as CloudBase
 * does after `installDependency`; anything else the bundle needed from node_modules would fail.
 */
function loadAlone(bundle: string): { status: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'club-fn-'))
  try {
    copyFileSync(bundle, join(dir, 'index.js'))
    mkdirSync(join(dir, 'node_modules/@cloudbase'), { recursive: true })
    symlinkSync(SDK_DIR, join(dir, 'node_modules/@cloudbase/node-sdk'), 'dir')
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

    it('loads on its own with only the SDK installed and exports main', () => {
      const bundle = bundleOf(name)

      const loaded = loadAlone(bundle)

      expect(loaded).toEqual({ status: 0, stdout: 'function', stderr: '' })
    })

    it('contains nothing of better-sqlite3', () => {
      const text = readFileSync(bundleOf(name), 'utf8')

      expect(text).not.toContain('better-sqlite3')
    })

    it('pins the installed @cloudbase/node-sdk version in its package.json', () => {
      const file = join(dirname(bundleOf(name)), 'package.json')

      const manifest = JSON.parse(readFileSync(file, 'utf8')) as unknown

      expect(manifest).toMatchObject({
        name,
        main: 'index.js',
        dependencies: { '@cloudbase/node-sdk': installedSdkVersion },
      })
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
