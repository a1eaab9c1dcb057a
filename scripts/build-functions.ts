import { build, type Plugin } from 'esbuild'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '..')
const FUNCTIONS_DIR = join(ROOT, 'cloudfunctions')
const SDK = '@cloudbase/node-sdk'
/** WeChat's open API (phone authorisation) is documented only through wx-server-sdk (PLATFORM §3). */
const WX_SDK = 'wx-server-sdk'
const WX_SDK_VERSION = '4.0.2'
/**
 * Installed by CloudBase from the function's package.json (`installDependency: true`), and
 * required only on first use (the open API of a few actions).
 */
export const EXTERNAL = [WX_SDK]
/** The node-sdk bundled for the functions, next to each function's index.js. */
export const SDK_FILE = 'node-sdk.js'
/**
 * Parts of node-sdk no function calls, left out of its bundle: `app.ai()` and its packages (AI
 * models, web streams, the mini-program adapter) and `app.models` (@cloudbase/wx-cloud-client-sdk,
 * the data-model API). They are half of what the SDK loads; an empty module stands in for each.
 */
const SDK_UNUSED = /^(@cloudbase\/ai|@cloudbase\/wx-cloud-client-sdk)$/
const SDK_UNUSED_OWN = /^\.\/ai$/
/**
 * Packages node-sdk loads for calls no function makes: jsonwebtoken (`app.auth().createTicket`),
 * xml2js (storage uploads' answers from COS) and form-data with mime-db (multipart bodies, of
 * uploads too). A third of what is left of node-sdk; each is replaced by a stand-in that throws,
 * naming the package, the moment anything calls it — a later change that reaches one fails at
 * once in the tests that run the built functions, not silently in the cloud.
 */
const SDK_NOT_BUNDLED = /^(jsonwebtoken|xml2js|form-data)$/
/** The local store's native module: a bundle that reaches it would not load in the cloud. */
const FORBIDDEN = 'better-sqlite3'

export type FunctionBundle = { name: string; bytes: number }

/** Folders of `functionsDir` that hold a function entry (index.ts), `_shared` excluded. */
export function functionNames(functionsDir = FUNCTIONS_DIR): string[] {
  return readdirSync(functionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== '_shared')
    .filter((entry) => existsSync(join(functionsDir, entry.name, 'index.ts')))
    .map((entry) => entry.name)
    .sort()
}

/** The exact node-sdk version the repository is locked to, the one bundled into every function. */
export function lockedSdkVersion(): string {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages?: Record<string, { version?: string }>
  }
  const version = lock.packages?.[`node_modules/${SDK}`]?.version
  if (!version) throw new Error(`${SDK} is missing from package-lock.json`)
  return version
}

/** How every file of a function is bundled: CommonJS for CloudBase's Node 18, minified, names kept for the logs. */
const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  minify: true,
  keepNames: true,
  write: false,
  logLevel: 'error',
} as const

/** A function's `require('@cloudbase/node-sdk')` made `require('./node-sdk.js')` (see `buildSdk`). */
export const BUNDLED_SDK: Plugin = {
  name: 'bundled-sdk',
  setup(b) {
    b.onResolve({ filter: /^@cloudbase\/node-sdk$/ }, () => ({
      path: `./${SDK_FILE}`,
      external: true,
    }))
  },
}

/**
 * node-sdk as one minified CommonJS file, without the parts no function calls (`SDK_UNUSED`).
 * One file loads in a fraction of the time of the ~400 modules CloudBase would install, and the
 * version is the one package-lock.json holds. It also names the class every database request
 * goes through (`databaseRequester`, node-sdk's `Db.reqClass`), where the tests put the database
 * double under a built function (tests/support/cloudbase/sdk-seam.ts).
 */
export async function buildSdk(): Promise<Uint8Array> {
  const result = await build({
    absWorkingDir: ROOT,
    stdin: {
      contents: [
        `const sdk = require('${SDK}')`,
        `const { TcbDBApiHttpRequester } = require('${SDK}/dist/utils/tcbdbapirequester')`,
        `Object.defineProperty(sdk, 'databaseRequester', { value: TcbDBApiHttpRequester })`,
        'module.exports = sdk',
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'js',
    },
    ...NODE_BUNDLE,
    plugins: [
      {
        name: 'unused-sdk-parts',
        setup(b) {
          const empty = (args: { path: string }) => ({ path: args.path, namespace: 'unused' })
          b.onResolve({ filter: SDK_UNUSED }, empty)
          b.onResolve({ filter: SDK_UNUSED_OWN }, (args) =>
            args.importer.includes(`${SDK}/dist`) ? empty(args) : undefined,
          )
          b.onLoad({ filter: /.*/, namespace: 'unused' }, () => ({
            contents: 'module.exports = {}',
          }))
          b.onResolve({ filter: SDK_NOT_BUNDLED }, (args) => ({
            path: args.path,
            namespace: 'not-bundled',
          }))
          b.onLoad({ filter: /.*/, namespace: 'not-bundled' }, (args) => ({
            contents: notBundled(args.path),
            loader: 'js',
          }))
          // node-sdk reads its version from ../../package.json at run time, which a bundle no
          // longer has beside it: the version is written in at build time instead.
          b.onLoad({ filter: /node-sdk\/dist\/utils\/version\.js$/ }, () => ({
            contents: `exports.version = ${JSON.stringify(lockedSdkVersion())}`,
            loader: 'js',
          }))
        },
      },
    ],
  })
  const [file] = result.outputFiles
  if (!file) throw new Error('node-sdk: no output')
  return file.contents
}

/**
 * The stand-in of a package left out of node-sdk.js: requiring it works (node-sdk requires them
 * all when it loads), using it in any way throws. A class, so that `x instanceof FormData` is
 * simply false, as axios asks of every request body.
 */
export function notBundled(name: string): string {
  const message = `${name} is not bundled into ${SDK_FILE} (scripts/build-functions.ts): nothing calls it`
  return [
    `function NotBundled() { throw new Error(${JSON.stringify(message)}) }`,
    'module.exports = new Proxy(NotBundled, {',
    '  get(target, key) {',
    "    if (key === 'prototype' || typeof key === 'symbol') return target[key]",
    "    if (key === '__esModule') return false",
    '    return NotBundled',
    '  },',
    '})',
  ].join('\n')
}

/**
 * Bundles each function to <functionsDir>/<name>/index.js (CommonJS for Node 18, everything but
 * wx-server-sdk inlined; node-sdk from `./node-sdk.js` beside it, built once by `buildSdk`) next to
 * a package.json naming wx-server-sdk for CloudBase to install when the function uses it. A
 * bundle that reaches better-sqlite3 fails the build before anything of it is written.
 */
export async function buildFunctions({ functionsDir = FUNCTIONS_DIR } = {}): Promise<
  FunctionBundle[]
> {
  const sdk = await buildSdk()
  const bundles: FunctionBundle[] = []
  for (const name of functionNames(functionsDir)) {
    const dir = join(functionsDir, name)
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: [join(dir, 'index.ts')],
      outfile: join(dir, 'index.js'),
      ...NODE_BUNDLE,
      sourcemap: false,
      external: EXTERNAL,
      plugins: [BUNDLED_SDK],
      tsconfig: join(ROOT, 'tsconfig.json'),
      metafile: true,
    })
    if (JSON.stringify(result.metafile).includes(FORBIDDEN)) {
      throw new Error(`${name}: the bundle reaches ${FORBIDDEN}; keep the sqlite adapter out of it`)
    }
    const [bundle] = result.outputFiles
    if (!bundle || result.outputFiles.length !== 1) throw new Error(`${name}: expected one output`)
    writeFileSync(bundle.path, bundle.contents)
    writeFileSync(join(dir, SDK_FILE), sdk)
    const usesWxSdk = bundle.text.includes(`require("${WX_SDK}")`)
    const dependencies = usesWxSdk ? { [WX_SDK]: WX_SDK_VERSION } : {}
    const manifest = { name, main: 'index.js', dependencies }
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n')
    bundles.push({ name, bytes: bundle.contents.byteLength })
  }
  return bundles
}

function printSizes(bundles: FunctionBundle[]): void {
  const width = Math.max(8, ...bundles.map((b) => b.name.length))
  console.log(`${'function'.padEnd(width)}  ${'size (KB)'.padStart(10)}`)
  for (const { name, bytes } of bundles) {
    console.log(`${name.padEnd(width)}  ${(bytes / 1024).toFixed(1).padStart(10)}`)
  }
}

if (require.main === module) {
  buildFunctions()
    .then(printSizes)
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exit(1)
    })
}
