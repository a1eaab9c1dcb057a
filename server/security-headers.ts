import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'

/**
 * The headers every answer of the local host carries, page or not. The referrer goes to no other
 * site; not 'no-referrer', under which browsers send `Origin: null` on the host's own POSTs and
 * the origin check (host-guard.ts) could no longer tell them from a sandboxed attacker's.
 */
const EVERY_ANSWER = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
} as const

/** What a response that is not a page may do when opened as one: nothing. */
const NOT_A_PAGE_POLICY =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

const sha256 = (text: string) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`

/** The contents of a built page's inline `<script>` (those without `src`) and `<style>` blocks. */
export function inlineBlocks(html: string): { scripts: string[]; styles: string[] } {
  const scripts = [...html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script\s*>/gi)]
    .filter((m) => !/\ssrc\s*=/i.test(m[1] ?? ''))
    .map((m) => m[2] ?? '')
  const styles = [...html.matchAll(/<style(\s[^>]*)?>([\s\S]*?)<\/style\s*>/gi)].map(
    (m) => m[2] ?? '',
  )
  return { scripts, styles }
}

/**
 * The Content-Security-Policy of a page the host serves: its own files only; scripts by file or
 * by the hash of the trusted inline blocks given here (the build's own, or a dev page's constant
 * style; never hashes of rendered output, never 'unsafe-inline' or eval for scripts); images also
 * as data: (the card's QR) and blob: (a chosen photo, the camera); no plugins, no framing; forms
 * and <base> to this host only. `inlineStyles: 'runtime'` is for the H5 app, whose Taro/NutUI
 * runtime inserts <style> elements and style attributes as it renders: 'unsafe-inline' for styles.
 */
export function pagePolicy(
  inline: { scripts?: readonly string[]; styles?: readonly string[] | 'runtime' } = {},
): string {
  const hashes = (blocks: readonly string[]) => [...new Set(blocks.map(sha256))]
  const styles = inline.styles === 'runtime' ? ["'unsafe-inline'"] : hashes(inline.styles ?? [])
  return [
    "default-src 'self'",
    ["script-src 'self'", ...hashes(inline.scripts ?? [])].join(' '),
    ["style-src 'self'", ...styles].join(' '),
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob:",
    "connect-src 'self' blob:",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ')
}

/**
 * Sets the security headers on every answer, in one place: nosniff, no referrer, no framing,
 * same-origin resources; a route that serves a page sets its own policy with `pagePolicy`, any
 * other HTML gets the strictest page policy, and everything else a policy that allows nothing.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(EVERY_ANSWER)
    if (!reply.hasHeader('content-security-policy')) {
      const html = String(reply.getHeader('content-type') ?? '').startsWith('text/html')
      reply.header('content-security-policy', html ? pagePolicy() : NOT_A_PAGE_POLICY)
    }
    return payload
  })
}
