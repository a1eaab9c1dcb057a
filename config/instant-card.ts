import { buildSync } from 'esbuild'
import { join } from 'node:path'

/**
 * The H5 page's instant card (src/instant-card): bundled into one small script, inlined at the end
 * of index.html's <body>, so that the card's QR shows before the app's deferred scripts have even
 * run. The local host allows it by its hash (server/security-headers.ts `inlineBlocks`).
 */
export function instantCardScript(): string {
  const { outputFiles } = buildSync({
    entryPoints: [join(__dirname, '../src/instant-card/main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2018',
    write: false,
    define: { 'process.env.TARO_ENV': '"h5"' },
    legalComments: 'none',
  })
  const script = outputFiles[0]!.text.trim()
  if (/<\/script/i.test(script)) throw new Error('the instant card script would end its <script>')
  return script
}
