import { build } from 'esbuild'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { COLLECTIONS } from '../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-schema'
import {
  subscribeTemplatesFrom,
  subscribeTemplatesSetting,
} from '../../cloudfunctions/_shared/notification-settings'
import { JOB_TIMERS } from '../../cloudfunctions/jobs/index'
import { TEMPLATE_KEYS, TEMPLATES, type TemplateKey } from '../../src/domain/notification/templates'
import { BUNDLED_SDK, EXTERNAL, functionNames, SDK_FILE } from '../../scripts/build-functions'

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
 * The code each function ships, bundled in memory exactly as `npm run build:functions` does
 * (node-sdk required from the node-sdk.js beside it, wx-server-sdk left for CloudBase to install),
 * so the facts below are read from what really runs.
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
      plugins: [BUNDLED_SDK],
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
    'gives %s node-sdk from the node-sdk.js built beside it, and lets CloudBase install what else it requires (installDependency: true)',
    (name) => {
      const bundle = bundles.get(name)!

      // Everything else is inlined; wx-server-sdk (the WeChat open API) comes from the function's
      // package.json, installed in the cloud: with installDependency false its first use fails.
      expect(bundle).toContain(`require("./${SDK_FILE}")`)
      expect(bundle).not.toContain('require("@cloudbase/node-sdk")')
      expect(EXTERNAL).toEqual(['wx-server-sdk'])
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

/**
 * cloudbaserc.json as the CloudBase CLI reads it: `tcb` (2.12.x) loads it with the ConfigParser of
 * @cloudbase/toolbox, which turns the parsed file back into JSON text, replaces every `{{env.X}}`
 * in that text with the raw value from `.env`, `.env.local` (in the working directory) or the
 * process environment, and parses the text again. A value is pasted between the quotes of a JSON
 * string unescaped, so a `"` or `\\` in it breaks the file or changes the value.
 */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ConfigParser } = require('@cloudbase/toolbox') as {
  ConfigParser: new (options: { cwd: string; configPath: string }) => {
    get(): Promise<{ envId: string; functions: FunctionConfig[] }>
  }
}

/** Every template key with a realistic id; one id holds every character a template id may have. */
const TEMPLATE_IDS: Record<TemplateKey, string> = {
  review: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  points: 'x7Kp2Qm-9vLr_T3aWc8YbN1dFe5GhJ4kZs6Ut0Vo-Ri',
  star: '_q3Wm8Nb2Vc5Xz7Lk1Jh4Gf6Ds9Ap0Oi-Uy3Tr5Ee2W',
  eventNew: 'Mn4Bv6Cx8Zl1Kj3Hg5Fd7Sa9Po2Iu4Yt6Re8Wq0Ea-',
  eventResult: 'z-9Yx8Wv7Ut6Sr5Qp4On3Ml2Kj1Ih0Gf_Ed9Cb8Aa7Z',
  eventReminder: 'R2d2C3p0-Bb8Bb8Kx4Lm9Nq1Ws5Er7Ty3Ui6Op0As2D',
  reply: 'P0o9I8u7Y6t5R4e3W2q1A_s2D3f4G5h6J7k8L9z0X1c',
  account: 'Aa1Bb2Cc3Dd4Ee5Ff6Gg7Hh8Ii9Jj0Kk1Ll2Mm3Nn-_',
}

/** A realistic `.env.local`: a 32-byte key whose base64 holds `+`, `/` and `=`, every setting set. */
const ENV_LOCAL: Record<string, string> = {
  TCB_ENV_ID: 'club-prod-7g2k9x1a3b4c5d6e',
  CLUB_DATA_KEY: 'q+3/Zx9Wk2L/8mR+fT0vYp1sN4bC6dE7gH8iJ9kL0mA=',
  CLUB_POLICY_VERSION: '2026-11',
  CLUB_PHONE_SOURCE: 'wechat',
  CLUB_REFERRAL_BONUS: '200',
  CLUB_NO_SHOW_LIMIT: '3',
  CLUB_NO_SHOW_WINDOW_MONTHS: '12',
  CLUB_NO_SHOW_BLOCK_DAYS: '90',
  CLUB_SUBSCRIBE_TEMPLATES: subscribeTemplatesSetting(TEMPLATE_IDS),
  CLUB_MINIPROGRAM_STATE: 'trial',
}

/** The values `{{env.X}}` of cloudbaserc.json take. */
const placeholders = [
  ...readFileSync(join(ROOT, 'cloudbaserc.json'), 'utf8').matchAll(/\{\{env\.(\w+)\}\}/g),
]
  .map((m) => m[1]!)
  .filter((name, i, all) => all.indexOf(name) === i)

/**
 * cloudbaserc.json as `tcb` sees it: the file and `envFile` copied into a fresh directory and read
 * there by the toolbox's own ConfigParser, with none of the variables in the process environment
 * (which would win over the files).
 */
async function readAsTheCli(envFile: string, shell: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'club-tcb-'))
  const saved = Object.fromEntries(placeholders.map((name) => [name, process.env[name]]))
  try {
    copyFileSync(join(ROOT, 'cloudbaserc.json'), join(dir, 'cloudbaserc.json'))
    writeFileSync(join(dir, '.env.local'), envFile)
    for (const name of placeholders) delete process.env[name]
    Object.assign(process.env, shell)
    return await new ConfigParser({ cwd: dir, configPath: join(dir, 'cloudbaserc.json') }).get()
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    rmSync(dir, { recursive: true, force: true })
  }
}

const dotenv = (values: Record<string, string>) =>
  Object.entries(values)
    .map(([name, value]) => `${name}=${value}`)
    .join('\n')

describe('cloudbaserc.json read by the CloudBase CLI', () => {
  it('has a realistic value for every variable it takes', () => {
    expect(Object.keys(ENV_LOCAL).sort()).toEqual([...placeholders].sort())
    expect(Buffer.from(ENV_LOCAL.CLUB_DATA_KEY!, 'base64')).toHaveLength(32)
    expect(ENV_LOCAL.CLUB_DATA_KEY).toMatch(/\+.*\/|\/.*\+/)
  })

  it('gives every function its variables exactly as .env.local sets them', async () => {
    const config = await readAsTheCli(dotenv(ENV_LOCAL))

    expect(config.envId).toBe(ENV_LOCAL.TCB_ENV_ID)
    for (const fn of rc.functions) {
      const expected = Object.fromEntries(
        Object.keys(fn.envVariables ?? {}).map((name) => [name, ENV_LOCAL[name]]),
      )
      const deployed = config.functions.find((f) => f.name === fn.name)

      expect(deployed?.envVariables).toEqual(expected)
    }
  })

  it('hands the functions template ids they read back as set', async () => {
    const config = await readAsTheCli(dotenv(ENV_LOCAL))

    for (const fn of config.functions) {
      expect(subscribeTemplatesFrom(fn.envVariables!.CLUB_SUBSCRIBE_TEMPLATES)).toEqual(
        TEMPLATE_IDS,
      )
    }
  })

  it('gives a variable left out of .env.local as an empty value, so every line needs one', async () => {
    const { CLUB_REFERRAL_BONUS: _left, ...rest } = ENV_LOCAL

    const config = await readAsTheCli(dotenv(rest))

    expect(config.functions.every((f) => f.envVariables!.CLUB_REFERRAL_BONUS === '')).toBe(true)
  })

  it('takes a variable set in the shell over .env.local', async () => {
    const config = await readAsTheCli(dotenv(ENV_LOCAL), { CLUB_POLICY_VERSION: '2027-01' })

    expect(config.functions.every((f) => f.envVariables!.CLUB_POLICY_VERSION === '2027-01')).toBe(
      true,
    )
  })

  it('reads the .env.local example of docs/deploy.md §2', async () => {
    const doc = readFileSync(join(ROOT, 'docs/deploy.md'), 'utf8')
    const example = /```dotenv\n([\s\S]*?)```/.exec(doc)![1]!

    const config = await readAsTheCli(example)

    expect(config.functions.map((f) => f.name).sort()).toEqual(names)
  })
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

describe('jobs/config.json timers', () => {
  it('holds the very timers cloudbaserc.json deploys, for a DevTools 上传触发器 upload', () => {
    const file = join(ROOT, 'cloudfunctions', 'jobs', 'config.json')

    const { triggers } = JSON.parse(readFileSync(file, 'utf8')) as { triggers?: Trigger[] }

    expect(triggers).toEqual(configOf('jobs').triggers)
  })
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
