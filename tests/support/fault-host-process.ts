import { buildSync } from 'esbuild'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { httpClient } from './local-host-client'
import { TEST_DATA_KEY } from './test-deps'

const ROOT = join(__dirname, '..', '..')
const READY = 'local host ready'

export type Envelope = { ok: boolean; data?: unknown; error?: { code: string } }

let bundle: string | null = null

/**
 * `npm run server`'s entry (server/main.ts) bundled once per test file: the same code tsx would
 * run, but a (re)start then takes about a second instead of several, while tsx transpiles every
 * module again. Packages stay external and load from the repository's node_modules (NODE_PATH).
 */
function hostBundle(): string {
  if (bundle) return bundle
  const file = join(mkdtempSync(join(tmpdir(), 'club-fault-host-')), 'main.cjs')
  const options = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  } as const
  buildSync({ ...options, entryPoints: [join(ROOT, 'server/main.ts')], outfile: file })
  // The host's job thread loads its module from beside the host's own file.
  buildSync({
    ...options,
    entryPoints: [join(ROOT, 'server/job-worker.ts')],
    outfile: join(dirname(file), 'job-worker.cjs'),
  })
  return (bundle = file)
}

const running = new Set<ChildProcess>()

/** After a test file: kills any host a failed test left running (so jest can exit), drops the bundle. */
export function endHostProcesses(): void {
  for (const child of running) child.kill('SIGKILL')
  if (bundle) rmSync(dirname(bundle), { recursive: true, force: true })
  bundle = null
}

/** A loopback port nobody listens on right now (the host binds it a moment later). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/**
 * `npm start`'s server (server/main.ts) as a child process on `dbFile`, with a fixed data key and
 * session secret so a restart on the same file reads what the last one wrote and honours its
 * cookies. One node process (no tsx or npx wrapper), so SIGKILL hits the host itself. Timers are
 * off: only the test drives jobs.
 */
export async function startHostProcess(dbFile: string) {
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, [hostBundle()], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_PATH: join(ROOT, 'node_modules'),
      CLUB_DB: dbFile,
      PORT: String(port),
      HOST: '127.0.0.1',
      CLUB_TIMERS: 'off',
      CLUB_DATA_KEY: TEST_DATA_KEY,
      SESSION_SECRET: 'fault-host-secret-fault-host-secret-fault-host',
      H5_DIR: join(dbFile, '..', 'no-h5-build'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  let output = ''
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child)
      resolve(code)
    }),
  )
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes(READY)) resolve()
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    void exited.then((code) => reject(new Error(`host exited (${code}) before ready:\n${output}`)))
  })
  const base = `http://127.0.0.1:${port}`

  return {
    ...httpClient(base),
    /** The crash: SIGKILL, no shutdown handler runs; resolves once the process is gone. */
    async kill() {
      child.kill('SIGKILL')
      await exited
    },
    /** The orderly stop (SIGTERM: close the server, then the store). */
    async stop() {
      child.kill('SIGTERM')
      const code = await exited
      if (code !== 0) throw new Error(`host stopped with ${code}:\n${output}`)
    },
    output: () => output,
  }
}

export type HostProcess = Awaited<ReturnType<typeof startHostProcess>>
