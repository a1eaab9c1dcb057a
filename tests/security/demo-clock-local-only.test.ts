import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { functionNames } from '../../scripts/build-functions'
import { FUNCTIONS, localHostFunctions } from '../../server/functions'
import { createDemoClock } from '../../server/demo-clock'

const ROOT = resolve(__dirname, '../..')

/** Every TypeScript file under `dir`, recursively (built bundles and node_modules left out). */
function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourcesUnder(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

describe('the demo clock never ships to CloudBase', () => {
  it('has no function in cloudbaserc.json, which is what `tcb` deploys', () => {
    const rc = JSON.parse(readFileSync(join(ROOT, 'cloudbaserc.json'), 'utf8')) as {
      functions: { name: string }[]
    }

    const deployed = rc.functions.map((f) => f.name)

    expect(deployed).toEqual(expect.arrayContaining(['member', 'card', 'jobs']))
    expect(deployed).not.toContain('demo')
  })

  it('has no bundle among the functions scripts/build-functions.ts builds', () => {
    const bundled = functionNames()

    expect(bundled).toEqual(expect.arrayContaining(['member', 'card', 'jobs']))
    expect(bundled).not.toContain('demo')
  })

  it('is not among the entries CloudBase runs, only among what the local host serves', () => {
    const local = localHostFunctions(createDemoClock({ file: join(ROOT, 'no-such-dir', 'x.json') }))

    expect(FUNCTIONS.map((f) => f.name)).not.toContain('demo')
    expect(local.map((f) => f.name)).toContain('demo')
  })

  it('is reached by no file of cloudfunctions/, so no bundle can take it in', () => {
    const reaching = sourcesUnder(join(ROOT, 'cloudfunctions')).filter((file) =>
      /from '[^']*(\/server\/|demo\.contract|demo-clock)/.test(readFileSync(file, 'utf8')),
    )

    expect(reaching).toEqual([])
  })
})
