// `npm start`: build the H5 app when its sources changed, then run the local host
// (functions on the embedded SQLite store, demo data on first run) and print the URL.
// The build's own output goes to data/h5-build.log; the console gets what it took, or the
// end of the log when it failed.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const h5Index = join(root, 'dist-h5', 'index.html')
const webpackCache = join(root, 'node_modules', '.cache', 'webpack')
const buildLog = join(root, 'data', 'h5-build.log')

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

const sourcesChanged = () =>
  Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'config'))) >
  statSync(h5Index).mtimeMs

if (!existsSync(h5Index) || sourcesChanged()) {
  // Measured on a 2-core machine: ≈ 70–80 s without a cache, ≈ 15–25 s with one.
  console.log(
    existsSync(webpackCache)
      ? 'rebuilding the H5 app from its cache (usually under 30 s)…'
      : 'building the H5 app for the first time (1–2 minutes; later builds reuse a cache)…',
  )
  mkdirSync(join(root, 'data'), { recursive: true })
  const out = openSync(buildLog, 'w')
  const started = Date.now()
  const build = spawnSync('npx', ['taro', 'build', '--type', 'h5'], {
    cwd: root,
    stdio: ['ignore', out, out],
  })
  if (build.status !== 0) {
    const lines = readFileSync(buildLog, 'utf8').trimEnd().split('\n')
    console.error(lines.slice(-40).join('\n'))
    console.error(`the H5 build failed; its whole output is in ${buildLog}`)
    process.exit(build.status ?? 1)
  }
  console.log(`built in ${Math.round((Date.now() - started) / 1000)} s (output: data/h5-build.log)`)
}

const server = spawn('npx', ['tsx', 'server/main.ts'], { cwd: root, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
