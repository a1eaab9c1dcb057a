import { build } from 'esbuild'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '..')
const FUNCTIONS_DIR = join(ROOT, 'cloudfunctions')
const SDK = '@cloudbase/node-sdk'
/** WeChat's open API (phone authorisation) is documented only through wx-server-sdk (PLATFORM §3). */
const WX_SDK = 'wx-server-sdk'
const WX_SDK_VERSION = '4.0.2'
/** Installed by CloudBase from each function's package.json (`installDependency: true`). */
export const EXTERNAL = [SDK, WX_SDK]
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

/** The exact node-sdk version the repository is locked to, pinned in every function. */
export function lockedSdkVersion(): string {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages?: Record<string, { version?: string }>
  }
  const version = lock.packages?.[`node_modules/${SDK}`]?.version
  if (!version) throw new Error(`${SDK} is missing from package-lock.json`)
  return version
}

/**
 * Bundles each function to <functionsDir>/<name>/index.js (CommonJS for Node 18, everything but
 * the SDKs inlined) next to a package.json that pins the SDK for CloudBase to install. A bundle
 * that reaches better-sqlite3 fails the build before anything of it is written.
 */
export async function buildFunctions({ functionsDir = FUNCTIONS_DIR } = {}): Promise<
  FunctionBundle[]
> {
  const sdkVersion = lockedSdkVersion()
  const bundles: FunctionBundle[] = []
  for (const name of functionNames(functionsDir)) {
    const dir = join(functionsDir, name)
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: [join(dir, 'index.ts')],
      outfile: join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      minify: true,
      keepNames: true,
      sourcemap: false,
      external: EXTERNAL,
      tsconfig: join(ROOT, 'tsconfig.json'),
      metafile: true,
      write: false,
      logLevel: 'error',
    })
    if (JSON.stringify(result.metafile).includes(FORBIDDEN)) {
      throw new Error(`${name}: the bundle reaches ${FORBIDDEN}; keep the sqlite adapter out of it`)
    }
    const [bundle] = result.outputFiles
    if (!bundle || result.outputFiles.length !== 1) throw new Error(`${name}: expected one output`)
    writeFileSync(bundle.path, bundle.contents)
    const usesWxSdk = bundle.text.includes(`require("${WX_SDK}")`)
    const dependencies = { [SDK]: sdkVersion, ...(usesWxSdk ? { [WX_SDK]: WX_SDK_VERSION } : {}) }
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
