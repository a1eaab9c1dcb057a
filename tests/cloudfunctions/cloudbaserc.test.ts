import { build } from 'esbuild'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { COLLECTIONS } from '../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-repositories'
import { JOB_TIMERS } from '../../cloudfunctions/jobs/index'
import { TEMPLATE_KEYS, TEMPLATES } from '../../src/domain/notification/templates'
import { EXTERNAL, functionNames } from '../../scripts/build-functions'

const ROOT = resolve(__dirname, '../..')

type Trigger = { name: string; type: string; config: string }
type FunctionConfig = {
  name: string
  runtime: string
  handler: string
  timeout: number
  memorySize: number
  installDependency: boolean
  envVariables?: Record<string, string>
  triggers?: Trigger[]
}
type CloudbaseRc = {
  version: string
  envId: string
  functionRoot: string
  functions: FunctionConfig[]
}

const rc = JSON.parse(readFileSync(join(ROOT, 'cloudbaserc.json'), 'utf8')) as CloudbaseRc
const names = functionNames()
const configOf = (name: string) => rc.functions.find((f) => f.name === name)!

/**
 * The code each function ships, bundled in memory exactly as `npm run build:functions` does (the
 * SDKs left for CloudBase to install), so the facts below are read from what really runs.
 */
const bundles = new Map<string, string>()
beforeAll(async () => {
  for (const name of names) {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: [join(ROOT, 'cloudfunctions', name, 'index.ts')],
      bundle: true,
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      external: EXTERNAL,
      tsconfig: join(ROOT, 'tsconfig.json'),
      write: false,
      logLevel: 'error',
    })
    bundles.set(name, result.outputFiles[0]!.text)
  }
}, 120_000)

/** The CLUB_* variables a bundle reads (`env.CLUB_X`, `process.env.CLUB_X`). */
const clubVariablesRead = (text: string) =>
  [...new Set([...text.matchAll(/\benv\.(CLUB_[A-Z0-9_]+)/g)].map((m) => m[1]!))].sort()

/** The open APIs a bundle calls through wx-server-sdk (`cloud.openapi.<module>.<method>(`). */
const openApisCalled = (text: string) => [
  ...new Set([...text.matchAll(/\.openapi\.(\w+)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`)),
]

describe('cloudbaserc.json', () => {
  it('deploys every function folder, and nothing else, from ./cloudfunctions', () => {
    const declared = rc.functions.map((f) => f.name).sort()

    expect(declared).toEqual(names)
    expect(rc.functionRoot).toBe('./cloudfunctions')
    expect(rc.envId).toBe('{{env.TCB_ENV_ID}}')
  })

  it.each(names)(
    'sets runtime, handler, timeout and memory of %s explicitly (PLATFORM §2)',
    (name) => {
      const fn = configOf(name)

      expect(fn.runtime).toBe('Nodejs18.15')
      expect(fn.handler).toBe('index.main')
      expect(fn.timeout).toBeGreaterThanOrEqual(1)
      expect(fn.timeout).toBeLessThanOrEqual(60)
      expect(fn.memorySize).toBeGreaterThanOrEqual(128)
      expect(fn.memorySize).toBeLessThanOrEqual(2048)
    },
  )

  it.each(names)(
    'lets CloudBase install the SDKs the %s bundle leaves out (installDependency: true)',
    (name) => {
      const required = EXTERNAL.filter((sdk) => bundles.get(name)!.includes(`require("${sdk}")`))

      // The bundle inlines everything else; the SDKs come from its package.json, installed in the
      // cloud. With installDependency false the first require of node-sdk would fail.
      expect(required).toContain('@cloudbase/node-sdk')
      expect(configOf(name).installDependency).toBe(true)
    },
  )

  it.each(names)('passes %s every CLUB_* variable its code reads, from .env files', (name) => {
    const read = clubVariablesRead(bundles.get(name)!)
    const declared = configOf(name).envVariables ?? {}

    expect(read).toContain('CLUB_DATA_KEY')
    expect(Object.keys(declared).sort()).toEqual(read)
    for (const variable of read) expect(declared[variable]).toBe(`{{env.${variable}}}`)
  })

  it('gives the jobs function the longest timeout, since each batch call works up to 40 s', () => {
    expect(configOf('jobs').timeout).toBe(60)
  })

  it('has a timer for every JOB_TIMERS name and a JOB_TIMERS name for every timer', () => {
    const triggers = configOf('jobs').triggers ?? []

    expect(triggers.map((t) => t.name).sort()).toEqual(Object.keys(JOB_TIMERS).sort())
    expect(triggers.every((t) => t.type === 'timer')).toBe(true)
  })

  it('puts timers on the jobs function only', () => {
    const withTriggers = rc.functions
      .filter((f) => (f.triggers ?? []).length > 0)
      .map((f) => f.name)

    expect(withTriggers).toEqual(['jobs'])
  })

  it.each((configOf('jobs').triggers ?? []).map((t) => [t.name, t.config]))(
    'writes timer %s (%s) in 7 fields, any weekday as MON–SUN (PLATFORM §2)',
    (_name, cron) => {
      const fields = cron.split(' ')
      const weekday = fields[5]!

      expect(fields).toHaveLength(7)
      expect(
        weekday === '*' ||
          weekday === '?' ||
          /^(MON|TUE|WED|THU|FRI|SAT|SUN)([,-](MON|TUE|WED|THU|FRI|SAT|SUN))*$/.test(weekday),
      ).toBe(true)
    },
  )
})

describe('config.json open-API permissions', () => {
  it('calls the phone number API from member and the subscribe-message API from jobs', () => {
    expect(openApisCalled(bundles.get('member')!)).toContain('phonenumber.getPhoneNumber')
    expect(openApisCalled(bundles.get('jobs')!)).toContain('subscribeMessage.send')
  })

  it.each(names)(
    'declares in %s/config.json every open API its code calls, registered on DevTools upload',
    (name) => {
      const called = openApisCalled(bundles.get(name)!)
      const file = join(ROOT, 'cloudfunctions', name, 'config.json')
      const declared: string[] = existsSync(file)
        ? ((JSON.parse(readFileSync(file, 'utf8')) as { permissions?: { openapi?: string[] } })
            .permissions?.openapi ?? [])
        : []

      expect(declared.sort()).toEqual(called.sort())
    },
  )
})

describe('docs/deploy.md', () => {
  const doc = readFileSync(join(ROOT, 'docs/deploy.md'), 'utf8')
  /** The table rows of the page whose first cell is `name` (a function and a template may share one). */
  const tableRowOf = (name: string) =>
    doc
      .split('\n')
      .filter((line) => line.startsWith(`| \`${name}\` |`))
      .join('\n') || undefined

  it.each(Object.values(COLLECTIONS))('lists collection %s to create', (name) => {
    expect(tableRowOf(name)).toBeDefined()
  })

  it.each(
    [...new Set(rc.functions.flatMap((f) => Object.keys(f.envVariables ?? {})))].map((v) => [v]),
  )('gives a value for %s in the .env.local example', (variable) => {
    expect(doc).toMatch(new RegExp(`^${variable}=.+$`, 'm'))
  })

  it.each(Object.keys(JOB_TIMERS))('shows timer %s with its cron from cloudbaserc.json', (name) => {
    const cron = configOf('jobs').triggers!.find((t) => t.name === name)!.config

    expect(tableRowOf(name)).toContain(`\`${cron}\``)
  })

  it.each(TEMPLATE_KEYS.map((key) => [key]))(
    'lists the %s subscribe-message template with its fields in order',
    (key) => {
      const { title, fields } = TEMPLATES[key]

      expect(tableRowOf(key)).toContain(
        `| ${title} | ${fields.map((f) => `${f.name} ${f.label}`).join(', ')} |`,
      )
    },
  )
})
