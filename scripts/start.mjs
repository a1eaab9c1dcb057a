// `npm start`: build the H5 app when its sources changed, then run the local host
// (functions on the embedded SQLite store, demo data on first run) and print the URL.
import { spawnSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const h5Index = join(root, 'dist-h5', 'index.html')

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
  console.log('building the H5 app (about 30 s)…')
  const build = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const server = spawn('npx', ['tsx', 'server/main.ts'], { cwd: root, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
