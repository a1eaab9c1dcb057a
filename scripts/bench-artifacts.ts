/**
 * What the builds weigh, read from their outputs (build first; a missing output is skipped with a
 * note, as the H5 timing is):
 *
 * - each cloud function's esbuild bundle (`npm run build:functions`), in KB, and the node-sdk
 *   bundled beside it (node-sdk.js, the same in every function); the cold start:
 *   `node -e "require('./cloudfunctions/<fn>/index.js')"` in a fresh process, the median of 5,
 *   against `node -e ""` (the bare runtime) measured alongside; the require alone, timed inside
 *   that fresh process (the runtime's own start left out); and that split in two: the bundled
 *   node-sdk (against the installed @cloudbase/node-sdk, ~400 modules, as CloudBase would install
 *   it), and the bundle's own share, timed inside a process that has loaded node-sdk already;
 * - the weapp build (`npm run build:weapp`): the main package and each subpackage against WeChat's
 *   2048 KB limit, the whole against its 20 MB (PLATFORM §3).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { functionNames, SDK_FILE } from './build-functions'
import type { Figure } from './bench-figure'
import { WEAPP_PACKAGE_LIMIT_BYTES, weappPackageSizes } from './package-size'

const ROOT = resolve(__dirname, '..')
/** Fresh processes per cold-start figure (BENCH_COLD_RUNS, default 5). */
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5)
const WEAPP_TOTAL_LIMIT_BYTES = 20 * 1024 * 1024
/** Issue 17's goal for a function's cold require, held against the require alone and the bundle's own share. */
const OWN_REQUIRE_GOAL_MS = 150
const kb = (bytes: number) => bytes / 1024

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!

/** Milliseconds for a fresh `node -e <script>` in the repository, median of COLD_RUNS. */
function nodeStartMs(script: string): number {
  const times: number[] = []
  for (let i = 0; i < COLD_RUNS; i++) {
    const started = performance.now()
    const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, stdio: 'pipe' })
    if (run.status !== 0) throw new Error(`node -e ${script}: ${run.stderr.toString()}`)
    times.push(performance.now() - started)
  }
  return median(times)
}

/** The median over COLD_RUNS fresh processes of the milliseconds `script` prints. */
function printedMs(script: string): number {
  const times: number[] = []
  for (let i = 0; i < COLD_RUNS; i++) {
    const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, stdio: 'pipe' })
    if (run.status !== 0) throw new Error(`node -e ${script}: ${run.stderr.toString()}`)
    times.push(Number(run.stdout.toString()))
  }
  return median(times)
}

/** The time of `require(file)` in a fresh process, after `before` (the runtime's start left out). */
const requireScript = (file: string, before = '') =>
  `${before}const t=process.hrtime.bigint();require(${JSON.stringify(file)});` +
  `process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`
/** A require time in ms, held against issue 17's goal. */
const againstGoal = (id: string, name: string, ms: number): Figure => ({
  id,
  name,
  value: ms,
  unit: 'ms',
  ratio: ms / OWN_REQUIRE_GOAL_MS,
  vs: `${OWN_REQUIRE_GOAL_MS} ms goal`,
})
const bundleFile = (fn: string) => `./cloudfunctions/${fn}/index.js`
const sdkFile = (fn: string) => `./cloudfunctions/${fn}/${SDK_FILE}`

/** Bundle sizes and cold requires of the built functions; [] and a note when none is built. */
export function functionBundleFigures(): Figure[] {
  const built = functionNames().filter((fn) =>
    existsSync(join(ROOT, 'cloudfunctions', fn, 'index.js')),
  )
  if (built.length === 0) {
    console.log('(function bundles skipped: run `npm run build:functions`)')
    return []
  }
  const bare = nodeStartMs('')
  const bundles = built.map((fn) => ({
    id: `bundle.${fn}_kb`,
    name: `function bundle ${fn}`,
    value: kb(statSync(join(ROOT, bundleFile(fn))).size),
    unit: 'KB',
  }))
  const colds = built.map((fn) => {
    const ms = nodeStartMs(`require('${bundleFile(fn)}')`)
    return {
      id: `cold_require.${fn}_ms`,
      name: `cold start with require ${fn}, median of ${COLD_RUNS}`,
      value: ms,
      unit: 'ms',
      ratio: ms / bare,
      vs: 'node -e ""',
    }
  })
  const requires = built.map((fn) =>
    againstGoal(
      `cold_require.${fn}_require_ms`,
      `cold require ${fn} alone (runtime started), median of ${COLD_RUNS}`,
      printedMs(requireScript(bundleFile(fn))),
    ),
  )
  const first = built[0]!
  const sdk = printedMs(requireScript(sdkFile(first)))
  const installedSdk = printedMs(requireScript('@cloudbase/node-sdk'))
  const owns = built.map((fn) =>
    againstGoal(
      `cold_require.${fn}_own_ms`,
      `cold require ${fn}, its own share (node-sdk loaded), median of ${COLD_RUNS}`,
      printedMs(requireScript(bundleFile(fn), `require('${sdkFile(fn)}');`)),
    ),
  )
  const largest = (figures: Figure[]) => Math.max(...figures.map((f) => f.value))
  return [
    ...bundles,
    { id: 'bundle.max_kb', name: 'function bundle, largest', value: largest(bundles), unit: 'KB' },
    {
      id: 'bundle.node_sdk_kb',
      name: `node-sdk bundled beside each function (${SDK_FILE})`,
      value: kb(statSync(join(ROOT, sdkFile(first))).size),
      unit: 'KB',
    },
    {
      id: 'cold_require.baseline_ms',
      name: `node -e "" (baseline), median of ${COLD_RUNS}`,
      value: bare,
      unit: 'ms',
    },
    ...colds,
    {
      id: 'cold_require.max_ms',
      name: 'cold require, slowest function',
      value: largest(colds),
      unit: 'ms',
      ratio: largest(colds) / bare,
      vs: 'node -e ""',
    },
    ...requires,
    againstGoal(
      'cold_require.max_require_ms',
      'cold require alone, slowest function',
      largest(requires),
    ),
    {
      id: 'cold_require.sdk_installed_ms',
      name: `cold require of @cloudbase/node-sdk as installed (~400 modules), median of ${COLD_RUNS}`,
      value: installedSdk,
      unit: 'ms',
    },
    {
      id: 'cold_require.sdk_ms',
      name: `cold require of the bundled node-sdk (${SDK_FILE}), median of ${COLD_RUNS}`,
      value: sdk,
      unit: 'ms',
      ratio: sdk / installedSdk,
      vs: 'node-sdk as installed',
    },
    ...owns,
    againstGoal(
      'cold_require.own_max_ms',
      'cold require, own share, slowest function',
      largest(owns),
    ),
  ]
}

/** The weapp main package, subpackages and total against their limits; [] when not built. */
export function weappSizeFigures(dist = join(ROOT, 'dist')): Figure[] {
  if (!existsSync(join(dist, 'app.json'))) {
    console.log('(weapp sizes skipped: run `npm run build:weapp`)')
    return []
  }
  const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[]
  }
  const roots = (app.subPackages ?? []).map((s) => s.root)
  const sizes = weappPackageSizes(dist, roots)
  const limit = (bytes: number) => ({
    value: kb(bytes),
    unit: 'KB',
    ratio: bytes / WEAPP_PACKAGE_LIMIT_BYTES,
    vs: '2048 KB limit',
  })
  return [
    { id: 'weapp.main_kb', name: 'weapp main package', ...limit(sizes.mainBytes) },
    ...roots.map((r) => ({ name: `weapp subpackage ${r}`, ...limit(sizes.subpackageBytes[r]!) })),
    {
      name: 'weapp total',
      value: kb(sizes.totalBytes),
      unit: 'KB',
      ratio: sizes.totalBytes / WEAPP_TOTAL_LIMIT_BYTES,
      vs: '20 MB limit',
    },
  ]
}
