import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

/** Every file below `dir`, with its size in bytes. */
export function filesBelow(dir: string): { path: string; bytes: number }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? filesBelow(path) : [{ path, bytes: statSync(path).size }]
  })
}

/**
 * The weapp build's package sizes: the main package is everything outside the subpackage roots;
 * WeChat allows 2048 KB for it and for each subpackage, 20 MB in all (PLATFORM §3).
 */
export function weappPackageSizes(distDir: string, subpackageRoots: string[]) {
  const files = filesBelow(distDir)
  const rootOf = (path: string) =>
    subpackageRoots.find((r) => relative(distDir, path).startsWith(r + '/'))
  const sum = (list: typeof files) => list.reduce((n, f) => n + f.bytes, 0)
  return {
    mainBytes: sum(files.filter((f) => !rootOf(f.path))),
    subpackageBytes: Object.fromEntries(
      subpackageRoots.map((r) => [r, sum(files.filter((f) => rootOf(f.path) === r))]),
    ),
    totalBytes: sum(files),
  }
}

export const WEAPP_PACKAGE_LIMIT_BYTES = 2048 * 1024

/**
 * Our own budget for the main package (issue 17): what a member downloads before the first screen.
 * Only the tab pages, the custom tab bar and what they share belong there; the rest is subpackages.
 */
export const WEAPP_MAIN_BUDGET_BYTES = 450 * 1024
