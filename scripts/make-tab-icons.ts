/**
 * Draws the tab bar icons (81×81 PNG, as the mini-program's tabBar requires) from inline SVG with
 * Debian's Chromium, stored as small indexed PNGs (they sit in the main package). Run once after
 * changing a shape: `npx tsx scripts/make-tab-icons.ts`.
 * The member's tabs and the staff's (src/constants/tabs.ts) both draw from here.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { launchChromium } from '../tests/e2e/support/browser'
import { oneColourIcon } from './one-colour-icon'

const SHAPES: Record<string, string> = {
  home: '<path d="M12 38 L40 14 L68 38 V66 H48 V48 H32 V66 H12 Z" fill="none" stroke-width="6" stroke-linejoin="round"/>',
  card: '<rect x="10" y="20" width="60" height="40" rx="7" fill="none" stroke-width="6"/><path d="M10 32 H70" stroke-width="6"/><path d="M20 48 H36" stroke-width="6" stroke-linecap="round"/>',
  points:
    '<circle cx="40" cy="40" r="27" fill="none" stroke-width="6"/><path d="M33 54 V26 H43 a8 8 0 0 1 0 16 H33" fill="none" stroke-width="6" stroke-linejoin="round"/>',
  events:
    '<rect x="12" y="18" width="56" height="50" rx="6" fill="none" stroke-width="6"/><path d="M12 32 H68 M28 10 V24 M52 10 V24" stroke-width="6" stroke-linecap="round"/><circle cx="40" cy="50" r="6"/>',
  mine: '<circle cx="40" cy="28" r="13" fill="none" stroke-width="6"/><path d="M14 68 a26 22 0 0 1 52 0" fill="none" stroke-width="6" stroke-linecap="round"/>',
  workbench:
    '<rect x="12" y="12" width="24" height="24" rx="4" fill="none" stroke-width="6"/><rect x="44" y="12" width="24" height="24" rx="4" fill="none" stroke-width="6"/><rect x="12" y="44" width="24" height="24" rx="4" fill="none" stroke-width="6"/><rect x="44" y="44" width="24" height="24" rx="4" fill="none" stroke-width="6"/>',
  scan: '<path d="M12 28 V12 H28 M52 12 H68 V28 M68 52 V68 H52 M28 68 H12 V52" fill="none" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/><path d="M20 40 H60" stroke-width="6" stroke-linecap="round"/>',
  checkin:
    '<circle cx="40" cy="40" r="27" fill="none" stroke-width="6"/><path d="M27 41 L36 50 L54 31" fill="none" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/>',
  review:
    '<rect x="16" y="14" width="48" height="56" rx="6" fill="none" stroke-width="6"/><path d="M30 10 H50 V20 H30 Z" stroke-width="4"/><path d="M27 38 H53 M27 50 H45" stroke-width="6" stroke-linecap="round"/>',
}
const COLORS = { normal: '#666666', active: '#c8102e' }

async function main() {
  const browser = await launchChromium()
  const page = await browser.newPage({ viewport: { width: 81, height: 81 } })
  for (const [name, shape] of Object.entries(SHAPES)) {
    for (const [state, color] of Object.entries(COLORS)) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 80 80" stroke="${color}" fill="${color}">${shape}</svg>`
      await page.setContent(`<body style="margin:0;background:transparent">${svg}</body>`)
      const file = join(
        __dirname,
        '..',
        'src',
        'assets',
        'tab',
        `${name}${state === 'active' ? '-active' : ''}.png`,
      )
      const png = await page.locator('svg').screenshot({ omitBackground: true })
      writeFileSync(file, oneColourIcon(png))
    }
  }
  await browser.close()
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
