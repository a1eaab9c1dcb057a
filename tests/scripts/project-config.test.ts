import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '../..')
const config = JSON.parse(readFileSync(join(ROOT, 'project.config.json'), 'utf8')) as {
  miniprogramRoot: string
  cloudfunctionRoot: string
  libVersion?: string
  setting: Record<string, unknown>
}
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')

/** '2.32.3' → [2, 32, 3], compared part by part. */
const versionParts = (version: string) => version.split('.').map(Number)
const atLeast = (version: string, floor: string) => {
  const [a, b] = [versionParts(version), versionParts(floor)]
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0)
  }
  return true
}

describe('project.config.json (WeChat DevTools)', () => {
  it('points DevTools at the weapp build and the cloud functions, by relative paths', () => {
    expect(config.miniprogramRoot).toBe('dist/')
    expect(config.cloudfunctionRoot).toBe('cloudfunctions/')
  })

  it('turns on ES6 and enhanced compilation, which the async/await of the build needs', () => {
    expect(config.setting.es6).toBe(true)
    expect(config.setting.enhance).toBe(true)
  })

  it('debugs with a base library no older than the minimum the README states, itself no older than privacy authorisation (2.32.3)', () => {
    const stated = /Minimum base library: (\d+\.\d+\.\d+)/.exec(readme)?.[1]

    expect(stated).toBeDefined()
    expect(atLeast(stated!, '2.32.3')).toBe(true)
    expect(atLeast(config.libVersion ?? '0', stated!)).toBe(true)
  })
})
