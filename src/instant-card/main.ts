import { showInstantCard } from './instant-card'
import { INSTANT_CARD_ID } from './instant-card-id'

declare global {
  interface Window {
    /** The app's scripts in order, written into the page by src/index.html. */
    __APP_SCRIPTS__?: string[]
  }
}

/** The app's scripts, run in order (`async = false`); the page preloads them from its <head>. */
function loadApp() {
  for (const src of window.__APP_SCRIPTS__ ?? []) {
    const script = document.createElement('script')
    script.src = src
    script.async = false
    document.body.append(script)
  }
}

// Inlined at the end of the H5 page's <body> (config/instant-card.ts). When the page opens on the
// card, its QR is drawn first and the app's scripts start after that frame is painted, so the
// member sees the code while the app starts; on any other page they start at once. Nothing here
// may keep the app from starting: whatever happens, it is loaded.
let shown = false
try {
  shown = showInstantCard(document, window.localStorage, new Date())
  if (shown) {
    // Left for another page before the card page mounted (which takes it away).
    window.addEventListener(
      'hashchange',
      () => document.getElementById(INSTANT_CARD_ID)?.remove(),
      {
        once: true,
      },
    )
  }
} catch {
  shown = false
} finally {
  if (shown) requestAnimationFrame(() => setTimeout(loadApp, 0))
  else loadApp()
}
