import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ADAPTERS = resolve(__dirname, '../../cloudfunctions/_shared/adapters')

/** The files of an adapter folder, and the sibling files each imports (`./x`). */
function importGraph(folder: string): Map<string, string[]> {
  const dir = join(ADAPTERS, folder)
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'))
  return new Map(
    files.map((file) => {
      const text = readFileSync(join(dir, file), 'utf8')
      const siblings = [...text.matchAll(/from '\.\/([^']+)'/g)].map((m) => `${m[1]}.ts`)
      return [file, siblings]
    }),
  )
}

/** A cycle of imports, as the files along it, or null when there is none. */
function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>()
  const path: string[] = []
  const visit = (file: string): string[] | null => {
    if (state.get(file) === 'done') return null
    if (state.get(file) === 'open') return [...path.slice(path.indexOf(file)), file]
    state.set(file, 'open')
    path.push(file)
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    path.pop()
    state.set(file, 'done')
    return null
  }
  for (const file of graph.keys()) {
    const cycle = visit(file)
    if (cycle) return cycle
  }
  return null
}

describe('the storage adapters’ layout', () => {
  it.each(['cloudbase', 'sqlite'])('has no import cycle among the %s adapter’s files', (folder) => {
    const cycle = findCycle(importGraph(folder))

    expect(cycle).toBeNull()
  })

  it('finds a cycle when there is one (the check above can fail)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
    ])

    const cycle = findCycle(graph)

    expect(cycle).toEqual(['a.ts', 'b.ts', 'c.ts', 'a.ts'])
  })

  it('gives every SQLite repository file its CloudBase counterpart, file for file', () => {
    const sqlite = readdirSync(join(ADAPTERS, 'sqlite')).filter((f) => f.startsWith('sqlite-'))
    const cloudbase = new Set(readdirSync(join(ADAPTERS, 'cloudbase')))

    const missing = sqlite
      .map((file) => file.replace(/^sqlite-/, 'cloudbase-'))
      .filter((file) => !cloudbase.has(file) && file !== 'cloudbase-audit-rows.ts')

    expect(missing).toEqual([])
  })
})
